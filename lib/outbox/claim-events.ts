import { and, asc, eq, lt, lte, notExists, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import { resultRows } from "@/db/rows";
import { outbox } from "@/db/schema";
import { outboxEventFromRow, type OutboxEventRow } from "./event-row";
import { executeInIndexOrder } from "./ordered-scan";
import type { OutboxEvent } from "./types";

export interface ClaimEventsOptions {
  holder: string;
  limit: number;
  leaseMs: number;
  now?: Date;
  /** Claim only this salon's events (a salon's own relay run); every salon's when absent. */
  salonId?: string;
  /** An event whose lease lapses this many times is handed out `exhausted`, to be given up. */
  maxLeaseLapses: number;
}

/** A claimed event, with what its fan-out must know about the deliveries around it. */
export interface ClaimedEvent extends OutboxEvent {
  /** Channels that already have a delivery of this event (a fan-out retried after a lapsed lease). */
  existingChannels: string[];
  /** Of those, how many are still open (the event cannot finish before they do). */
  existingOpen: number;
  /** Channels still trying an earlier event of this aggregate: this one must queue behind it there. */
  blockedChannels: string[];
  /** Its lease lapsed `maxLeaseLapses` times: it crashes every relay that takes it; give it up. */
  exhausted: boolean;
  /** A later event of its aggregate, due now, waits for this one's fan-out. */
  hasLater: boolean;
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
 * Order: an event is not claimed while an earlier due event of its aggregate is still to be fanned
 * out, so its deliveries are always written after the earlier event's, and one batch holds at most
 * one event per aggregate. (Per-channel order from there on is the deliveries' own: a channel
 * still trying an earlier event is reported in blockedChannels.) An earlier event that is not yet
 * due — a scheduled one — does not hold a later one back.
 */
export async function claimDueEvents(db: Database, options: ClaimEventsOptions): Promise<ClaimedEvent[]> {
  const now = options.now ?? new Date();
  const leaseExpiresAt = new Date(now.getTime() + options.leaseMs);
  const limit = Math.max(1, Math.min(Math.floor(options.limit), 5_000));
  // Due by the relay's clock or the database's, whichever is later: an event stamped by the
  // database (next_attempt_at defaults to its now()) and committed just before this claim may be
  // stamped later than the relay's clock reads — within the same millisecond, or by clock skew
  // between hosts — and would otherwise wait for the next poll instead of going out on the nudge.
  const dueBy = sql`greatest(${now.toISOString()}::timestamptz, now())`;

  const earlierQueued = db
    .select({ one: sql`1` })
    .from(earlier)
    .where(and(eq(earlier.aggregateId, outbox.aggregateId), lt(earlier.id, outbox.id), sql`${earlier.queued}`, sql`${earlier.nextAttemptAt} <= ${dueBy}`));

  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      and(
        // Pending or processing; written as the index predicate so the planner uses outbox_due_idx.
        sql`${outbox.queued}`,
        sql`${outbox.nextAttemptAt} <= ${dueBy}`,
        or(eq(outbox.status, "pending"), lte(outbox.leaseExpiresAt, now)),
        // One salon's events come off outbox_salon_due_idx in the same order.
        options.salonId === undefined ? undefined : eq(outbox.salonId, options.salonId),
        notExists(earlierQueued),
      ),
    )
    // Oldest due first. For fresh events this is id order.
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
    .limit(limit)
    .for("update", { skipLocked: true });

  // Deliberately not a prepared statement (db/prepared.ts): after five runs Postgres switches a
  // prepared statement to a generic plan, which does not see `now` or the limit, and bench:relay's
  // no-op drain fell from about 17,000 to 2,300 events/s with it. Planned afresh: one plan a batch.
  const claim = db
    .update(outbox)
    .set({
      status: "processing",
      leaseHolder: options.holder,
      leaseExpiresAt: sql`${leaseExpiresAt.toISOString()}::timestamptz`,
      // Taking over an expired lease counts as a lapse of the relay that held it (it crashed or
      // overran): the event is no longer fresh, and the error says what happened.
      attempts: sql`${outbox.attempts} + (${outbox.status} = 'processing')::int`,
      lastError: sql`case when ${outbox.status} = 'processing'
        then 'lease of ' || ${outbox.leaseHolder} || ' expired' else ${outbox.lastError} end`,
    })
    // `= any(array(…))`, not `in (…)`: the locked ids are computed once and each row is then
    // fetched by primary key; with `in` the planner hash-joins and scans the whole outbox table
    // (finished rows and dead tuples included) on every claim.
    .where(sql`${outbox.id} = any(array(${due}))`)
    .returning({
      // What channels are given (OutboxEvent), not the whole row: reading and mapping the
      // bookkeeping columns cost the relay about a fifth of its CPU per event.
      id: outbox.id,
      aggregateType: outbox.aggregateType,
      aggregateId: outbox.aggregateId,
      salonId: outbox.salonId,
      eventType: outbox.eventType,
      // As text: parsed only if a channel reads it (event-row.ts).
      payload: sql`${outbox.payload}::text`.as("payload"),
      createdAt: outbox.createdAt,
      dueAt: outbox.nextAttemptAt,
      expiresAt: outbox.expiresAt,
      attempts: outbox.attempts,
      // Written out: Drizzle drops table qualifiers inside RETURNING, which subqueries need.
      // A fan-out that never ran left no last error and has no deliveries to look up; one that
      // lapsed did (the lease message), and may have recorded some before it stopped.
      // Its inline deliveries are recorded on the event itself (closed), the rest as deliveries rows.
      existing: sql<string | null>`case when "outbox"."last_error" is not null then nullif(concat_ws(',',
        (select string_agg(d.channel || ':' || d.open::int, ',') from deliveries d where d.event_id = "outbox"."id"),
        (select string_agg(c || ':0', ',') from jsonb_object_keys("outbox"."inline_deliveries") c)), '') end`.as("existing"),
      // Open deliveries asked for by status, so the order index serves it (db/schema.ts).
      blocked: sql<string | null>`(select string_agg(distinct d.channel, ',') from deliveries d
        where d.aggregate_id = "outbox"."aggregate_id" and d.event_id < "outbox"."id" and d.status in ('pending', 'processing'))`.as("blocked"),
      // Only a due one waits for this event: a scheduled one (the booking's reminder) is claimed when
      // its time comes, and asking for another batch now would cost every booking an empty claim.
      hasLater: sql<boolean>`exists (select 1 from outbox later
        where later.aggregate_id = "outbox"."aggregate_id" and later.id > "outbox"."id" and later.status = 'pending'
          and later.next_attempt_at <= ${dueBy})`.as("has_later"),
    });

  // Run through db.execute and mapped here rather than by the builder: Drizzle's per-field row
  // mapping cost the relay about 40 % of its claim CPU (bench:relay's no-op drain, one drainer).
  const rows = resultRows<ClaimRow>(
    options.salonId === undefined
      ? await db.execute(claim)
      : // A salon's claim must walk outbox_salon_due_idx in order, as the full claim walks outbox_due_idx.
        await executeInIndexOrder(db, claim.getSQL()),
  );
  return rows.map((r) => toClaimedEvent(r, options.maxLeaseLapses)).sort((a, b) => a.id - b.id);
}

function toClaimedEvent(r: ClaimRow, maxLeaseLapses: number): ClaimedEvent {
  const existing = r.existing ? r.existing.split(",").map((e) => e.split(":")) : [];
  // Assigned onto the event rather than spread from it: a spread would read, and so parse, the payload.
  return Object.assign(outboxEventFromRow(r), {
    existingChannels: existing.map(([channel]) => channel),
    existingOpen: existing.filter(([, open]) => open === "1").length,
    blockedChannels: r.blocked ? r.blocked.split(",") : [],
    exhausted: Number(r.attempts) >= maxLeaseLapses,
    hasLater: r.has_later === true || r.has_later === "t",
  });
}

/** A claimed row as the drivers return it: snake_case columns, bigint ids as strings (postgres.js). */
interface ClaimRow extends OutboxEventRow {
  attempts: number | string;
  existing: string | null;
  blocked: string | null;
  has_later: boolean | string;
}
