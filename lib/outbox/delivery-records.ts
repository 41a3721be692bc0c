import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { resultRows } from "@/db/rows";
import type { DeliveryFailure, DeliveryStatus } from "@/db/schema";
import { bigints } from "./complete-events";
import { toDate } from "./event-row";

/** One channel's delivery of one event, wherever it is recorded. */
export interface DeliveryRecord {
  eventId: number;
  channel: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  failure: DeliveryFailure | null;
  deliveredAt: Date | null;
  latencyMs: number | null;
}

/**
 * Every delivery of these events, by event then channel: the deliveries rows (those that waited in
 * a lane, retried or gave up) and the deliveries made during the fan-out, which their event records
 * (channel → latency; delivered at its due time plus the latency, on the first attempt).
 */
export async function deliveryRecords(db: Database, eventIds: number[]): Promise<DeliveryRecord[]> {
  if (eventIds.length === 0) return [];
  const ids = bigints(eventIds);
  const rows = await db.execute(sql`
    select event_id, channel, status, attempts, last_error, failure, delivered_at, latency_ms
    from deliveries where event_id = any(${ids})
    union all
    select o.id, c.key, 'delivered', 1, null, null, o.next_attempt_at + c.value::int * interval '1 millisecond', c.value::int
    from outbox o cross join lateral jsonb_each(o.inline_deliveries) c
    where o.id = any(${ids}) and o.inline_deliveries is not null
    order by event_id, channel
  `);
  return resultRows<DeliveryRecordRow>(rows).map((r) => ({
    eventId: Number(r.event_id),
    channel: r.channel,
    status: r.status,
    attempts: Number(r.attempts),
    lastError: r.last_error,
    failure: r.failure,
    deliveredAt: r.delivered_at === null ? null : toDate(r.delivered_at),
    latencyMs: r.latency_ms === null ? null : Number(r.latency_ms),
  }));
}

interface DeliveryRecordRow {
  event_id: number | string;
  channel: string;
  status: DeliveryStatus;
  attempts: number | string;
  last_error: string | null;
  failure: DeliveryFailure | null;
  delivered_at: string | Date | null;
  latency_ms: number | string | null;
}
