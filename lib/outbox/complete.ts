import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { executePrepared } from "@/db/prepared";
import { resultRows } from "@/db/rows";
import { PG_UNIQUE_VIOLATION, pgErrorCode } from "@/lib/db-errors";
import { backoffDelayMs } from "./backoff";
import type { ChannelOutcome, EventOutcome } from "./deliver";

export const MAX_ERROR_LENGTH = 2_000;

export interface CompleteOptions {
  holder: string;
  now: Date;
  maxAttempts: number;
  random?: () => number;
}

export interface CompleteResult {
  sent: number;
  retried: number;
  dead: number;
  released: number;
}

/**
 * Records a delivered batch in one statement: every channel's outcome as a deliveries row, and
 * every event's new state — sent; back to pending after its backoff; dead once it has failed
 * maxAttempts times; or released untried (an earlier event of its booking failed).
 *
 * Deliveries are recorded even if our lease was lost meanwhile (the delivery did happen, and the
 * next holder should skip it); a 'delivered' row is never turned back into 'failed'. Event rows
 * change only while we still hold them, so a relay that overran its lease cannot undo the work
 * of the relay that took over.
 */
export async function completeClaimedEvents(
  db: Database,
  outcomes: { events: EventOutcome[]; channels: ChannelOutcome[] },
  options: CompleteOptions,
): Promise<CompleteResult> {
  if (outcomes.events.length === 0) return { sent: 0, retried: 0, dead: 0, released: 0 };
  const now = options.now.toISOString();

  // Successes go as one list of ids and latencies per channel: Postgres reads arrays of numbers
  // several times faster than one JSON object per row. Failures (rare, with text) go as objects.
  // On an event's first attempt its successes are plain inserts, cheaper than upserts: no
  // deliveries row can exist for it — unless a relay that took over our lapsed lease recorded one
  // meanwhile, and then the unique key refuses the insert and the completion is written again
  // with every success as an upsert.
  const fresh = new Set<number>();
  for (const o of outcomes.events) if (o.event.firstAttempt) fresh.add(o.event.id);
  const firstDelivered = new Map<string, DeliveredList>();
  const againDelivered = new Map<string, DeliveredList>();
  const failedDeliveries: { event_id: number; channel: string; error: string }[] = [];
  for (const o of outcomes.channels) {
    if (o.ok) {
      const lists = fresh.has(o.eventId) ? firstDelivered : againDelivered;
      let list = lists.get(o.channel);
      if (!list) lists.set(o.channel, (list = { channel: o.channel, ids: [], latencies: [] }));
      list.ids.push(o.eventId);
      list.latencies.push(o.latencyMs);
    } else failedDeliveries.push({ event_id: o.eventId, channel: o.channel, error: truncate(o.error) });
  }
  const sentIds: number[] = [];
  const releasedIds: number[] = [];
  const failures: { id: number; error: string; next: string; dead: boolean }[] = [];
  for (const o of outcomes.events) {
    if (o.kind === "sent") sentIds.push(o.event.id);
    else if (o.kind === "released") releasedIds.push(o.event.id);
    else {
      const attempts = o.event.attempts + 1;
      const next = new Date(options.now.getTime() + backoffDelayMs(attempts, options.random)).toISOString();
      failures.push({ id: o.event.id, error: truncate(o.error), next, dead: attempts >= options.maxAttempts });
    }
  }

  // Rows are found by primary key and "still ours" is checked on lease_holder alone: only a claim
  // sets it, to status 'processing', and every completion clears it. A status = 'processing'
  // test would tempt the planner — misled by a queue table's ever-stale statistics, which see
  // almost no 'processing' rows — into a nested loop that rescans the batch once per row.
  const held = sql`lease_holder = ${options.holder}`;
  const statement = (first: DeliveredList[], again: DeliveredList[]) => sql`
    with first_recorded as (
      insert into deliveries (event_id, channel, status, attempts, delivered_at, latency_ms, updated_at)
      select u.event_id, c.channel, 'delivered', 1, ${now}::timestamptz, u.latency_ms, ${now}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(first)}::jsonb) as c(channel text, ids bigint[], latencies integer[])
        cross join lateral unnest(c.ids, c.latencies) as u(event_id, latency_ms)
    ),
    outcomes as (
      select u.event_id, c.channel, 'delivered' as status, null::text as error, u.latency_ms
      from jsonb_to_recordset(${JSON.stringify(again)}::jsonb)
        as c(channel text, ids bigint[], latencies integer[])
        cross join lateral unnest(c.ids, c.latencies) as u(event_id, latency_ms)
      union all
      select f.event_id, f.channel, 'failed', f.error, null
      from jsonb_to_recordset(${JSON.stringify(failedDeliveries)}::jsonb) as f(event_id bigint, channel text, error text)
    ),
    recorded as (
      insert into deliveries (event_id, channel, status, attempts, last_error, delivered_at, latency_ms, updated_at)
      select d.event_id, d.channel, d.status, 1, d.error,
             case when d.status = 'delivered' then ${now}::timestamptz end, d.latency_ms, ${now}::timestamptz
      from outcomes d
      on conflict (event_id, channel) do update set
        status = excluded.status,
        attempts = deliveries.attempts + 1,
        last_error = coalesce(excluded.last_error, deliveries.last_error),
        delivered_at = excluded.delivered_at,
        latency_ms = excluded.latency_ms,
        updated_at = excluded.updated_at
      where deliveries.status <> 'delivered'
    ),
    sent as (
      update outbox set status = 'sent', sent_at = ${now}::timestamptz, lease_holder = null, lease_expires_at = null
      where id = any(${idArray(sentIds)}) and ${held}
      returning id, status
    ),
    released as (
      update outbox set status = 'pending', next_attempt_at = ${now}::timestamptz, lease_holder = null, lease_expires_at = null
      where id = any(${idArray(releasedIds)}) and ${held}
      returning id, status
    ),
    failures as materialized (
      select * from jsonb_to_recordset(${JSON.stringify(failures)}::jsonb)
        as f(id bigint, error text, next timestamptz, dead boolean)
    ),
    failed as (
      update outbox o set
        status = case when f.dead then 'dead' else 'pending' end,
        attempts = o.attempts + 1,
        last_error = f.error,
        next_attempt_at = f.next,
        lease_holder = null,
        lease_expires_at = null
      from failures f
      where o.id = f.id and o.lease_holder = ${options.holder}
      returning o.id, o.status
    )
    select id, status from sent
    union all select id, status from released
    union all select id, status from failed
  `;
  let result: unknown;
  try {
    result = await executePrepared(db, statement([...firstDelivered.values()], [...againDelivered.values()]));
  } catch (error) {
    if (pgErrorCode(error) !== PG_UNIQUE_VIOLATION) throw error;
    result = await executePrepared(db, statement([], [...firstDelivered.values(), ...againDelivered.values()]));
  }

  // Count only the rows we still held: a lost lease changes nothing and counts nothing.
  const kinds = new Map(outcomes.events.map((o) => [o.event.id, o.kind]));
  const counts: CompleteResult = { sent: 0, retried: 0, dead: 0, released: 0 };
  for (const row of resultRows<{ id: number | string; status: string }>(result)) {
    const kind = kinds.get(Number(row.id));
    if (kind === "sent") counts.sent++;
    else if (kind === "released") counts.released++;
    else if (row.status === "dead") counts.dead++;
    else counts.retried++;
  }
  return counts;
}

/**
 * Ids as one bigint[] parameter: cheaper to bind than a parameter per id (a batch may hold 5,000),
 * and the statement text no longer varies with the batch size, so one prepared statement serves.
 * Each id is still fetched by primary key; `'{}'` matches nothing.
 */
function idArray(ids: number[]) {
  return sql`${`{${ids.map((id) => String(Math.trunc(id))).join(",")}}`}::bigint[]`;
}

interface DeliveredList {
  channel: string;
  ids: number[];
  latencies: number[];
}

function truncate(message: string): string {
  return message.length > MAX_ERROR_LENGTH ? `${message.slice(0, MAX_ERROR_LENGTH - 1)}…` : message;
}
