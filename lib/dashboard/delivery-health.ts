import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { resultRows } from "@/db/rows";
import { outboxStats, retryGivenUpDelivery, type OutboxStats } from "@/lib/outbox/admin";
import { findOwnedSalon, type OwnedSalon, type OwnerId } from "./owner-scope";

// How well a salon's notifications are getting out, per channel: what waits and why, what gave
// up and why (for the owner to retry), and commit-to-delivered latency over the last hour.

export const LATENCY_BUCKET_MINUTES = 5;
export const LATENCY_WINDOW_BUCKETS = 12;
export const MAX_GIVEN_UP_SHOWN = 50;

export interface LatencyBucket {
  /** Start of the five minutes, ISO 8601 UTC. */
  start: string;
  /** Channel deliveries that completed in these five minutes. */
  deliveries: number;
  p50Ms: number | null;
  maxMs: number | null;
}

type LatencyRow = { bucket: string | number; deliveries: number; p50: number | string | null; max: number | string | null };

/** A delivery that gave up, with what the owner needs to decide on a retry. */
export interface GivenUpDelivery {
  eventId: number;
  channel: string;
  eventType: string;
  bookingId: string;
  reference: string;
  /** Who the message was for (customer email: the customer's address; owner email: the owner's). */
  recipient?: string;
  attempts: number;
  failure: string | null;
  lastError: string | null;
  gaveUpAt: Date;
}

/** Per channel: the newest error among deliveries waiting for a retry (why they wait). */
export interface ChannelWaiting {
  channel: string;
  lastError: string | null;
}

export interface SalonDeliveryHealth {
  salon: OwnedSalon;
  stats: OutboxStats;
  waitingReasons: ChannelWaiting[];
  /** Twelve five-minute buckets, oldest first; the last one is the current, partial one. */
  latency: LatencyBucket[];
  givenUp: GivenUpDelivery[];
}

/** The salon's delivery health, or undefined when the salon is not this owner's. */
export async function getSalonDeliveryHealth(
  db: Database,
  ownerId: OwnerId,
  salonId: string,
  options: { channels: string[]; now?: Date },
): Promise<SalonDeliveryHealth | undefined> {
  const salon = await findOwnedSalon(db, ownerId, salonId);
  if (!salon) return undefined;
  const now = options.now ?? new Date();
  const [stats, waitingReasons, latency, givenUp] = await Promise.all([
    outboxStats(db, { channels: options.channels, salonIds: [salon.id], now }),
    latestWaitingErrors(db, salon.id),
    latencyBuckets(db, salon.id, now),
    givenUpDeliveries(db, salon.id),
  ]);
  return { salon, stats, waitingReasons, latency, givenUp };
}

async function latestWaitingErrors(db: Database, salonId: string): Promise<ChannelWaiting[]> {
  const rows = await db.execute(sql`
    select distinct on (channel) channel, last_error
    from deliveries
    where open and salon_id = ${salonId}::uuid and last_error is not null
    order by channel, updated_at desc
  `);
  return resultRows<{ channel: string; last_error: string | null }>(rows).map((r) => ({ channel: r.channel, lastError: r.last_error }));
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
  // An event is done once its last channel finishes, so finished_at >= each delivery's time:
  // events done before the window are skipped on the finished_at index instead of read one by one.
  // Deliveries made during the fan-out are recorded on their event (channel → latency), the rest
  // as deliveries rows.
  const rows = await db.execute(sql`
    with recent as (
      select o.id, o.next_attempt_at, o.inline_deliveries from outbox o
      where o.salon_id = ${salonId}::uuid
        and (o.status <> 'done' or o.finished_at >= ${from}::timestamptz)
    ),
    delivered as (
      select d.delivered_at, d.latency_ms
      from deliveries d join recent o on o.id = d.event_id
      where d.status = 'delivered' and d.latency_ms is not null
      union all
      select o.next_attempt_at + c.value::int * interval '1 millisecond', c.value::int
      from recent o cross join lateral jsonb_each(o.inline_deliveries) c
      where o.inline_deliveries is not null
    )
    select floor(extract(epoch from delivered_at) * 1000 / ${bucketMs})::bigint as bucket,
           count(*)::int as deliveries,
           percentile_cont(0.5) within group (order by latency_ms)::float8 as p50,
           max(latency_ms)::int as max
    from delivered
    where delivered_at >= ${from}::timestamptz and delivered_at <= ${to}::timestamptz
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

/** The salon's given-up deliveries, newest first, with why they gave up. */
export async function givenUpDeliveries(db: Database, salonId: string, limit = MAX_GIVEN_UP_SHOWN): Promise<GivenUpDelivery[]> {
  // Read on deliveries_given_up_idx: only the salon's given-up rows.
  const rows = await db.execute(sql`
    select d.event_id, d.channel, d.attempts, d.failure, d.last_error, d.updated_at,
           o.event_type, o.aggregate_id,
           left(coalesce(o.payload->>'reference', ''), 64) as reference,
           case d.channel when 'customer-email' then o.payload->'customer'->>'email'
                          when 'owner-email' then (select ow.email from salons s join owners ow on ow.id = s.owner_id where s.id = d.salon_id)
           end as recipient
    from deliveries d join outbox o on o.id = d.event_id
    where d.salon_id = ${salonId}::uuid and d.given_up
    order by d.event_id desc, d.channel
    limit ${limit}
  `);
  return resultRows<GivenUpRow>(rows).map((r) => ({
    eventId: Number(r.event_id),
    channel: r.channel,
    eventType: r.event_type,
    bookingId: r.aggregate_id,
    reference: r.reference ?? "",
    recipient: r.recipient ?? undefined,
    attempts: Number(r.attempts),
    failure: r.failure,
    lastError: r.last_error,
    gaveUpAt: r.updated_at instanceof Date ? r.updated_at : new Date(r.updated_at),
  }));
}

interface GivenUpRow {
  event_id: number | string;
  channel: string;
  attempts: number | string;
  failure: string | null;
  last_error: string | null;
  updated_at: Date | string;
  event_type: string;
  aggregate_id: string;
  reference: string | null;
  recipient: string | null;
}

export type RetryDeliveryResult = { status: "retried" } | { status: "not_found" };

/**
 * The owner sends a given-up delivery of one of their salons round again. The salon id from the
 * form is only a narrowing: it must be the owner's, and the delivery must have given up there.
 */
export async function retryOwnerDelivery(
  db: Database,
  ownerId: OwnerId,
  input: { eventId: number; channel: string; salonId: string },
  options: { horizonMs: number; now?: Date },
): Promise<RetryDeliveryResult> {
  const salon = await findOwnedSalon(db, ownerId, input.salonId);
  if (!salon) return { status: "not_found" };
  const retried = await retryGivenUpDelivery(db, { eventId: input.eventId, channel: input.channel }, [salon.id], options);
  return retried ? { status: "retried" } : { status: "not_found" };
}
