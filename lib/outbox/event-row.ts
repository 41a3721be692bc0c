import type { OutboxEvent } from "./types";

/** An outbox row's columns as the claims return them (numbers and times as either driver gives them). */
export interface OutboxEventRow {
  id: number | string;
  aggregate_type: string;
  aggregate_id: string;
  salon_id: string;
  event_type: string;
  payload: unknown;
  created_at: string | Date;
  next_attempt_at: string | Date;
  expires_at: string | Date | null;
}

/** What channels are given, from a claimed row. */
export function outboxEventFromRow(r: OutboxEventRow): OutboxEvent {
  return {
    id: Number(r.id),
    aggregateType: r.aggregate_type,
    aggregateId: r.aggregate_id,
    salonId: r.salon_id,
    eventType: r.event_type,
    // Both drivers parse json; a string would be a driver configured not to.
    payload: typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload,
    createdAt: toDate(r.created_at),
    dueAt: toDate(r.next_attempt_at),
    expiresAt: r.expires_at === null ? null : toDate(r.expires_at),
  };
}

export function toDate(value: string | Date): Date {
  return value instanceof Date ? value : new Date(value);
}
