import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { executePrepared } from "@/db/prepared";
import { resultRows } from "@/db/rows";
import { PG_UNIQUE_VIOLATION, pgErrorCode } from "@/lib/db-errors";
import type { FanOut } from "./fan-out";

export const MAX_ERROR_LENGTH = 2_000;

export interface FanOutCounts {
  /** Events finished by their fan-out: every channel delivered or gave up at once. */
  done: number;
  /** Events left with deliveries open in channel lanes. */
  delivering: number;
}

/**
 * Writes a fan-out in one statement: every delivery it made (delivered, pending for a lane, or
 * given up) and each event's new state — done when nothing is open, delivering otherwise, with the
 * count of open deliveries its lanes will bring down to zero. Inline deliveries that succeeded are
 * recorded on the event itself (outbox.inline_deliveries); the others get deliveries rows.
 *
 * The event rows' state changes only while we still hold them, so a relay that overran its lease
 * cannot undo the work of the one that took over; pending and given-up deliveries are written only
 * for events we still hold, and deliveries that happened are recorded either way (the next holder
 * must not repeat them), merged into what the event already records. If another relay recorded
 * one of these deliveries first (it took over our lapsed lease), the insert meets the primary key
 * and the fan-out is written again, counting only the rows that went in.
 */
export async function completeFanOut(db: Database, plan: FanOut, options: { holder: string; now: Date }): Promise<FanOutCounts> {
  if (plan.events.length === 0) return { done: 0, delivering: 0 };
  const now = options.now.toISOString();
  // Successes and fresh queued deliveries go as lists of ids per channel: Postgres reads arrays of
  // numbers several times faster than one JSON object per row. Failures (rare, with text) go as objects.
  const queued = JSON.stringify([...plan.queued].map(([channel, l]) => ({ channel, ids: l.ids, give_up: l.giveUpAt })));
  const other = JSON.stringify(
    plan.other.map((d) => ({
      event_id: d.eventId,
      channel: d.channel,
      status: d.status,
      attempts: d.attempts,
      next: d.nextAttemptAt.toISOString(),
      give_up: d.giveUpAt?.toISOString() ?? null,
      error: d.lastError === null ? null : truncate(d.lastError),
      failure: d.failure,
    })),
  );
  const ids = plan.events.map((e) => e.id);
  const inline = inlineDeliveries(plan);
  const events = sql`
    events as (
      select e.*, ${options.holder}::text as holder
      from unnest(${bigints(ids)}, ${uuids(plan.events.map((e) => e.aggregateId))}, ${uuids(plan.events.map((e) => e.salonId))},
                  ${ints(plan.events.map((e) => plan.open.get(e.id) ?? 0))}, ${jsonbs(plan.events.map((e) => inline.get(e.id) ?? null))})
        as e(id, aggregate_id, salon_id, open, inline)
    )`;
  // "Still ours" is compared with the events' holder column, a join condition, not with a
  // parameter: statistics say nearly every lease_holder is null (only the rows in flight have one),
  // so "lease_holder = $holder" was estimated at one row, and the generic plan scanned the outbox
  // first and then the events once per row — 8 s a completion of 4,000 (bench:relay,
  // BENCH_NOOP_BATCH=4000), where fetching each event by primary key takes milliseconds.
  // Inline deliveries of events that are no longer ours (our lease lapsed and another relay took
  // the event): recorded all the same, so their next fan-out does not repeat them.
  const recordedElsewhere = (held: ReturnType<typeof sql>) => sql`
    update outbox o set inline_deliveries = coalesce(o.inline_deliveries, '{}') || e.inline
    from events e
    where e.inline is not null and e.id not in (select id from ${held}) and o.id = e.id`;
  const heldRows = sql`
    select u.event_id, c.channel, h.aggregate_id, h.salon_id, 'pending', 0, ${now}::timestamptz, u.give_up,
           null::text, null::text, null::timestamptz, null::integer
    from jsonb_to_recordset(${queued}::jsonb) as c(channel text, ids bigint[], give_up timestamptz[])
      cross join lateral unnest(c.ids, c.give_up) as u(event_id, give_up)
      join held h on h.id = u.event_id
    union all
    select o.event_id, o.channel, h.aggregate_id, h.salon_id, o.status, o.attempts, o.next, o.give_up,
           o.error, o.failure, null::timestamptz, null::integer
    from jsonb_to_recordset(${other}::jsonb)
      as o(event_id bigint, channel text, status text, attempts integer, next timestamptz, give_up timestamptz, error text, failure text)
      join held h on h.id = o.event_id`;
  const columns = sql`(event_id, channel, aggregate_id, salon_id, status, attempts, next_attempt_at, give_up_at,
                       last_error, failure, delivered_at, latency_ms)`;

  // The common case: nobody else has touched these events. The event rows are updated first (a
  // row lock, and "still ours" checked on the newest version), and only the events still ours get
  // their pending and given-up deliveries; the open counts were known beforehand.
  const firstTry = sql`
    with ${events},
    held as (
      update outbox o set
        status = case when e.open > 0 then 'delivering' else 'done' end,
        open_deliveries = e.open,
        finished_at = case when e.open > 0 then null else ${now}::timestamptz end,
        lease_holder = null,
        lease_expires_at = null,
        inline_deliveries = ${mergedInline("e")}
      from events e
      where o.id = e.id and o.lease_holder = e.holder
      returning o.id, o.status, e.aggregate_id, e.salon_id
    ),
    recorded_elsewhere as (${recordedElsewhere(sql`held`)}),
    recorded_held as (insert into deliveries ${columns} ${heldRows})
    select id, status from held
  `;
  let result: unknown;
  try {
    result = await executePrepared(db, firstTry);
  } catch (error) {
    if (pgErrorCode(error) !== PG_UNIQUE_VIOLATION) throw error;
    result = await db.execute(afterConflict(events, columns, heldRows, recordedElsewhere, now));
  }
  const counts: FanOutCounts = { done: 0, delivering: 0 };
  for (const row of resultRows<{ status: string }>(result)) {
    if (row.status === "done") counts.done++;
    else counts.delivering++;
  }
  return counts;
}

/**
 * Another relay recorded some of these deliveries first. Lock the events still ours, insert what
 * is not there yet, and count open deliveries from what actually went in plus what was open before.
 */
function afterConflict(
  events: ReturnType<typeof sql>,
  columns: ReturnType<typeof sql>,
  heldRows: ReturnType<typeof sql>,
  recordedElsewhere: (held: ReturnType<typeof sql>) => ReturnType<typeof sql>,
  now: string,
) {
  return sql`
    with ${events},
    held as (
      select o.id, e.aggregate_id, e.salon_id, e.inline from outbox o join events e on e.id = o.id
      where o.lease_holder = e.holder
      for update of o
    ),
    recorded_elsewhere as (${recordedElsewhere(sql`held`)}),
    recorded_held as (insert into deliveries ${columns} ${heldRows} on conflict (event_id, channel) do nothing returning event_id, status),
    open_now as (
      select h.id, h.inline, (select count(*) from deliveries d where d.event_id = h.id and d.open)
                   + (select count(*) from recorded_held r where r.event_id = h.id and r.status = 'pending') as open
      from held h
    ),
    updated as (
      update outbox o set
        status = case when n.open > 0 then 'delivering' else 'done' end,
        open_deliveries = n.open,
        finished_at = case when n.open > 0 then null else ${now}::timestamptz end,
        lease_holder = null,
        lease_expires_at = null,
        inline_deliveries = ${mergedInline("n")}
      from open_now n where o.id = n.id
      returning o.id, o.status
    )
    select id, status from updated
  `;
}

/** An event row's inline deliveries with those of `source` (an alias with an `inline` column) merged in. */
function mergedInline(source: "e" | "n") {
  return sql.raw(`case when ${source}.inline is null then o.inline_deliveries
    when o.inline_deliveries is null then ${source}.inline else o.inline_deliveries || ${source}.inline end`);
}

/** Per event, its inline successes as a JSON object of channel → latency ms. */
function inlineDeliveries(plan: FanOut): Map<number, string> {
  const byEvent = new Map<number, string[]>();
  for (const [channel, list] of plan.delivered) {
    const key = JSON.stringify(channel);
    list.ids.forEach((id, i) => {
      let entries = byEvent.get(id);
      if (!entries) byEvent.set(id, (entries = []));
      entries.push(`${key}:${list.latencies[i]}`);
    });
  }
  return new Map([...byEvent].map(([id, entries]) => [id, `{${entries.join(",")}}`]));
}

/**
 * Values as one typed array parameter each: cheaper to bind than a parameter per value (a batch
 * may hold 5,000), and the statement text no longer varies with the batch size, so one prepared
 * statement serves. `'{}'` matches nothing.
 */
export function bigints(values: number[]) {
  return sql`${`{${values.map((v) => String(Math.trunc(v))).join(",")}}`}::bigint[]`;
}

function ints(values: number[]) {
  return sql`${`{${values.map((v) => String(Math.trunc(v))).join(",")}}`}::integer[]`;
}

/** JSON texts (or nulls) as a jsonb[] parameter: each element quoted for an array literal. */
function jsonbs(values: (string | null)[]) {
  const elements = values.map((v) => (v === null ? "NULL" : `"${v.replace(/[\\"]/g, "\\$&")}"`));
  return sql`${`{${elements.join(",")}}`}::jsonb[]`;
}

function uuids(values: string[]) {
  return sql`${`{${values.join(",")}}`}::uuid[]`;
}

export function truncate(message: string): string {
  return message.length > MAX_ERROR_LENGTH ? `${message.slice(0, MAX_ERROR_LENGTH - 1)}…` : message;
}
