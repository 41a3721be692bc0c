import type { OutboxEvent } from "./types";

/** An outbox row's columns as the claims return them (numbers and times as either driver gives them). */
export interface OutboxEventRow {
  id: number | string;
  aggregate_type: string;
  aggregate_id: string;
  salon_id: string;
  event_type: string;
  /** The payload's JSON text (a driver that parsed it gives the value). */
  payload: unknown;
  created_at: string | Date;
  next_attempt_at: string | Date;
  expires_at: string | Date | null;
}

/**
 * What channels are given, from a claimed row. The claims read the payload as its text, and it is
 * parsed on first read: a channel that never reads it (the dashboard copies it inside the
 * database) costs no parse. Parsing every claimed payload was about a tenth of the relay's CPU in
 * bench:relay's no-op drain. (Spreading the event reads the payload, and so parses it.)
 */
export function outboxEventFromRow(r: OutboxEventRow): OutboxEvent {
  let payload = r.payload;
  let parsed = typeof payload !== "string";
  return {
    id: Number(r.id),
    aggregateType: r.aggregate_type,
    aggregateId: r.aggregate_id,
    salonId: r.salon_id,
    eventType: r.event_type,
    get payload() {
      if (!parsed) {
        payload = JSON.parse(payload as string);
        parsed = true;
      }
      return payload;
    },
    createdAt: toDate(r.created_at),
    dueAt: toDate(r.next_attempt_at),
    expiresAt: r.expires_at === null ? null : toDate(r.expires_at),
  };
}

export function toDate(value: string | Date): Date {
  return value instanceof Date ? value : new Date(value);
}
