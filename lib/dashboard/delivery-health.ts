import { and, desc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { outbox, type OutboxStatus } from "@/db/schema";
import { outboxStats } from "@/lib/outbox/admin";
import { resultRows } from "@/db/rows";
import { findOwnedSalon, type OwnedSalon, type OwnerId } from "./owner-scope";

// How well a salon's notifications are getting out: the outbox by status, how long the oldest
// undelivered event has waited, commit-to-delivered latency over the last hour, and the events
// that gave up (dead) with their last error, for the owner to retry.

export const LATENCY_BUCKET_MINUTES = 5;
export const LATENCY_WINDOW_BUCKETS = 12;
export const MAX_DEAD_EVENTS_SHOWN = 50;

export interface LatencyBucket {
  /** Start of the five minutes, ISO 8601 UTC. */
  start: string;
  /** Channel deliveries that completed in these five minutes. */
  deliveries: number;
  p50Ms: number | null;
  maxMs: number | null;
}

type LatencyRow = { bucket: string | number; deliveries: number; p50: number | string | null; max: number | string | null };

export interface DeadEvent {
  id: number;
  type: string;
  bookingId: string;
  reference: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
}

export interface SalonDeliveryHealth {
  salon: OwnedSalon;
  counts: Record<OutboxStatus, number>;
  oldestPendingAgeSeconds: number | null;
  /** Twelve five-minute buckets, oldest first; the last one is the current, partial one. */
  latency: LatencyBucket[];
  dead: DeadEvent[];
}

/** The salon's delivery health, or undefined when the salon is not this owner's. */
export async function getSalonDeliveryHealth(
  db: Database,
  ownerId: OwnerId,
  salonId: string,
  options: { now?: Date } = {},
): Promise<SalonDeliveryHealth | undefined> {
  const salon = await findOwnedSalon(db, ownerId, salonId);
  if (!salon) return undefined;
  const now = options.now ?? new Date();
  const [stats, latency, dead] = await Promise.all([
    outboxStats(db, [salon.id]),
    latencyBuckets(db, salon.id, now),
    deadEvents(db, salon.id),
  ]);
  return { salon, counts: stats.counts, oldestPendingAgeSeconds: stats.oldestPendingAgeSeconds, latency, dead };
}

/**
 * Commit-to-delivered latency of the salon's channel deliveries, per five minutes of the last hour
 * (buckets aligned to the clock, so a refresh does not shift them), with the median and the worst.
 */
export async function latencyBuckets(db: Database, salonId: string, now: Date): Promise<LatencyBucket[]> {
  const bucketMs = LATENCY_BUCKET_MINUTES * 60_000;
  const lastBucket = Math.floor(now.getTime() / bucketMs);
  const firstBucket = lastBucket - LATENCY_WINDOW_BUCKETS + 1;
  const from = new Date(firstBucket * bucketMs).toISOString();
  const to = now.toISOString();
  // An event is marked sent once its last channel succeeds, so sent_at >= each delivery's time:
  // sent events outside the window are skipped on the sent_at index instead of read one by one.
  const rows = await db.execute(sql`
    select floor(extract(epoch from d.delivered_at) * 1000 / ${bucketMs})::bigint as bucket,
           count(*)::int as deliveries,
           percentile_cont(0.5) within group (order by d.latency_ms)::float8 as p50,
           max(d.latency_ms)::int as max
    from deliveries d
    join outbox o on o.id = d.event_id
    where o.salon_id = ${salonId}::uuid
      and (o.status <> 'sent' or o.sent_at >= ${from}::timestamptz)
      and d.status = 'delivered'
      and d.latency_ms is not null
      and d.delivered_at >= ${from}::timestamptz
      and d.delivered_at <= ${to}::timestamptz
    group by 1
  `);
  const byBucket = new Map(resultRows<LatencyRow>(rows).map((r) => [Number(r.bucket), r]));
  return Array.from({ length: LATENCY_WINDOW_BUCKETS }, (_, i) => {
    const bucket = firstBucket + i;
    const row = byBucket.get(bucket);
    return {
      start: new Date(bucket * bucketMs).toISOString(),
      deliveries: row ? Number(row.deliveries) : 0,
      p50Ms: row?.p50 == null ? null : Math.round(Number(row.p50)),
      maxMs: row?.max == null ? null : Number(row.max),
    };
  });
}

/** The salon's dead events, newest first, with what they last failed on. */
export async function deadEvents(db: Database, salonId: string, limit = MAX_DEAD_EVENTS_SHOWN): Promise<DeadEvent[]> {
  const rows = await db
    .select({
      id: outbox.id,
      type: outbox.eventType,
      bookingId: outbox.aggregateId,
      reference: sql<string | null>`${outbox.payload}->>'reference'`,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
      createdAt: outbox.createdAt,
    })
    .from(outbox)
    // `dead` is outbox_dead_idx's predicate (status = 'dead'), so only the salon's dead events are read.
    .where(and(eq(outbox.salonId, salonId), sql`${outbox.dead}`))
    .orderBy(desc(outbox.id))
    .limit(limit);
  return rows.map((r) => ({ ...r, id: Number(r.id), reference: (r.reference ?? "").slice(0, 64) }));
}
