import { and, asc, lt, lte, ne, notExists, or, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import { resultRows } from "@/db/rows";
import { outbox } from "@/db/schema";
import type { ClaimedEvent } from "./types";

export interface ClaimOptions {
  holder: string;
  limit: number;
  leaseMs: number;
  now?: Date;
  /** Claim only this salon's events (a salon's own relay run); all salons when absent. */
  salonId?: string;
  /**
   * An event whose lease lapses for the maxAttempts-th time is dead-lettered by the claim that
   * finds it, not handed out again: a message that crashes every relay that takes it must still
   * end as `dead` (invariant 6). Unbounded when absent.
   */
  maxAttempts?: number;
  /** Told how many events this claim dead-lettered (the relay counts them with its own). */
  onDeadLettered?: (count: number) => void;
}

const earlier = alias(outbox, "earlier");

/**
 * Claims up to `limit` due events for `holder` in one statement and returns them in id order.
 *
 * Due: pending and past next_attempt_at, or processing with an expired lease (a relay that
 * crashed). Both are one range on outbox_due_idx: a claim leaves next_attempt_at (the time the
 * event became due) alone, so a row in flight stays in that range and is skipped by its lease.
 * That costs a look at each in-flight row per claim, and buys a claim that changes no indexed
 * value: a HOT update, with no new entry in any of the outbox's indexes.
 * SKIP LOCKED lets any number of relays claim side by side without waiting on each other.
 * Order (invariant 5): an event is not claimed while an earlier event of its aggregate is unsent
 * — pending, processing or dead — so one batch holds at most one event per booking. This check
 * reads committed state only: "sent" is final, so a stale snapshot can delay an event but never
 * let it overtake.
 */
export async function claimDueEvents(db: Database, options: ClaimOptions): Promise<ClaimedEvent[]> {
  const now = options.now ?? new Date();
  const leaseExpiresAt = new Date(now.getTime() + options.leaseMs);
  const limit = Math.max(1, Math.min(Math.floor(options.limit), 5_000));

  const earlierUnsent = db
    .select({ one: sql`1` })
    .from(earlier)
    .where(and(eq(earlier.aggregateId, outbox.aggregateId), lt(earlier.id, outbox.id), ne(earlier.status, "sent")));

  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      and(
        // Pending or processing; written as the index predicate so the planner uses outbox_due_idx.
        sql`${outbox.queued}`,
        // Due by the relay's clock or the database's, whichever is later: an event stamped by the
        // database (next_attempt_at defaults to its now()) and committed just before this claim
        // may be stamped later than the relay's clock reads — within the same millisecond, or by
        // clock skew between hosts — and would otherwise wait for the next poll instead of going
        // out on the nudge that announced it.
        sql`${outbox.nextAttemptAt} <= greatest(${now.toISOString()}::timestamptz, now())`,
        or(eq(outbox.status, "pending"), lte(outbox.leaseExpiresAt, now)),
        // One salon's events come off outbox_salon_due_idx in the same order.
        options.salonId === undefined ? undefined : eq(outbox.salonId, options.salonId),
        notExists(earlierUnsent),
      ),
    )
    // Oldest due first. For fresh events this is id order; a retried event waits its backoff.
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
    .limit(limit)
    .for("update", { skipLocked: true });

  // Deliberately not a prepared statement (db/prepared.ts): after five runs Postgres switches a
  // prepared statement to a generic plan, which does not see `now` or the limit, and bench:relay's
  // no-op drain fell from about 17,000 to 2,300 events/s with it. Planned afresh: one plan a batch.
  const maxAttempts = Math.max(1, Math.min(Math.floor(options.maxAttempts ?? 2 ** 31 - 1), 2 ** 31 - 1));
  // Every SET expression reads the row as it was: status 'processing' here means a lapsed lease.
  const exhausted = sql`(${outbox.status} = 'processing' and ${outbox.attempts} + 1 >= ${maxAttempts}::int)`;
  const claim = db
    .update(outbox)
    .set({
      status: sql`case when ${exhausted} then 'dead' else 'processing' end`,
      leaseHolder: sql`case when ${exhausted} then null else ${options.holder} end`,
      leaseExpiresAt: sql`case when ${exhausted} then null else ${leaseExpiresAt.toISOString()}::timestamptz end`,
      // Taking over an expired lease counts as a failed attempt of the relay that held it (it
      // crashed or overran): the event is no longer fresh, and the error says what happened.
      attempts: sql`${outbox.attempts} + (${outbox.status} = 'processing')::int`,
      lastError: sql`case when ${outbox.status} = 'processing'
        then 'lease of ' || ${outbox.leaseHolder} || ' expired' else ${outbox.lastError} end`,
    })
    // `= any(array(…))`, not `in (…)`: the locked ids are computed once and each row is then
    // fetched by primary key; with `in` the planner hash-joins and scans the whole outbox table
    // (sent rows and dead tuples included) on every claim.
    .where(sql`${outbox.id} = any(array(${due}))`)
    .returning({
      // What channels are given (OutboxEvent), not the whole row: reading and mapping the
      // bookkeeping columns cost the relay about a fifth of its CPU per event.
      id: outbox.id,
      aggregateType: outbox.aggregateType,
      aggregateId: outbox.aggregateId,
      salonId: outbox.salonId,
      eventType: outbox.eventType,
      payload: outbox.payload,
      attempts: outbox.attempts,
      createdAt: outbox.createdAt,
      status: outbox.status,
      // Written out: Drizzle drops table qualifiers inside RETURNING, which subqueries need.
      // Channels that already succeeded for this event on an earlier attempt, so they are
      // skipped. Every attempt that did not end in `sent` left a last error (a failure, a lapsed
      // lease; a dead event revived keeps its own), so an event without one has never been
      // tried and has no deliveries to look up.
      firstAttempt: sql<boolean>`"outbox"."last_error" is null`.as("first_attempt"),
      delivered: sql<string | null>`case when "outbox"."last_error" is not null then (select string_agg(d.channel, ',')
        from deliveries d where d.event_id = "outbox"."id" and d.status = 'delivered') end`.as("delivered"),
      hasLater: sql<boolean>`exists (select 1 from outbox later
        where later.aggregate_id = "outbox"."aggregate_id" and later.id > "outbox"."id" and later.status = 'pending')`.as("has_later"),
    });

  // Run through db.execute and mapped here rather than by the builder: Drizzle's per-field row
  // mapping cost the relay about 40 % of its claim CPU (bench:relay's no-op drain, one drainer).
  const rows = resultRows<ClaimRow>(
    options.salonId === undefined
      ? await db.execute(claim)
      : // A salon's claim must walk outbox_salon_due_idx in order, as the full claim walks
        // outbox_due_idx: an index scan marks the entries of rows sent since the last vacuum as
        // dead and skips them from then on. With few rows expected, the planner prefers a bitmap
        // scan and a sort, which visits every such row again on every claim (bench:latency's p50
        // went from 26 to 143 ms with it on this machine, where autovacuum is off).
        await db.transaction(async (tx) => {
          await tx.execute(sql`set local enable_bitmapscan = off`);
          return tx.execute(claim);
        }),
  );
  // A row the claim dead-lettered (its lease lapsed once too often) is not handed out.
  const live = rows.filter((r) => r.status !== "dead");
  if (live.length < rows.length) options.onDeadLettered?.(rows.length - live.length);
  const events: ClaimedEvent[] = live.map((r) => ({
    id: Number(r.id),
    aggregateType: r.aggregate_type,
    aggregateId: r.aggregate_id,
    salonId: r.salon_id,
    eventType: r.event_type,
    // Both drivers parse json; a string would be a driver configured not to.
    payload: typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload,
    attempts: Number(r.attempts),
    createdAt: r.created_at instanceof Date ? r.created_at : new Date(r.created_at),
    firstAttempt: r.first_attempt === true || r.first_attempt === "t",
    deliveredChannels: r.delivered ? r.delivered.split(",") : [],
    hasLater: r.has_later === true || r.has_later === "t",
  }));
  return events.sort((a, b) => a.id - b.id);
}

/** A claimed row as the drivers return it: snake_case columns, bigint ids as strings (postgres.js). */
interface ClaimRow {
  id: number | string;
  aggregate_type: string;
  aggregate_id: string;
  salon_id: string;
  event_type: string;
  payload: unknown;
  attempts: number | string;
  created_at: string | Date;
  status: string;
  first_attempt: boolean | string;
  delivered: string | null;
  has_later: boolean | string;
}
