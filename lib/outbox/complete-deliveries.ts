import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { executePrepared } from "@/db/prepared";
import { resultRows } from "@/db/rows";
import { truncate } from "./complete-events";

/** One claimed delivery's outcome, as a lane records it. */
export type DeliveryOutcome =
  | { eventId: number; status: "delivered"; latencyMs: number }
  | { eventId: number; status: "pending"; nextAttemptAt: Date; error: string; failure: "transient" | "lease" }
  | { eventId: number; status: "given_up"; error: string; failure: "transient" | "permanent" | "expired" | "lease"; attempted: boolean };

export interface DeliveryCounts {
  delivered: number;
  retried: number;
  givenUp: number;
  /** Events these outcomes finished (their last open delivery closed). */
  done: number;
  /** Finished deliveries with a later event's delivery of their aggregate waiting behind them on this channel. */
  successors: number;
}

/**
 * Records outcomes of one channel's claimed deliveries in one statement, and brings each event's
 * count of open deliveries down by those that finished (delivered or given up): an event whose
 * count reaches zero is done. Only deliveries this holder still holds change, so a lane that lost
 * its lease cannot overwrite the lane that took over, nor count a finish twice.
 */
export async function completeDeliveries(
  db: Database,
  channel: string,
  outcomes: DeliveryOutcome[],
  options: { holder: string; now: Date },
): Promise<DeliveryCounts> {
  const counts: DeliveryCounts = { delivered: 0, retried: 0, givenUp: 0, done: 0, successors: 0 };
  if (outcomes.length === 0) return counts;
  const now = options.now.toISOString();
  const rows = JSON.stringify(
    outcomes.map((o) => ({
      event_id: o.eventId,
      status: o.status,
      tried: o.status === "delivered" || (o.status === "pending" && o.failure !== "lease") || (o.status === "given_up" && o.attempted),
      next: o.status === "pending" ? o.nextAttemptAt.toISOString() : null,
      error: o.status === "delivered" ? null : truncate(o.error),
      failure: o.status === "delivered" ? null : o.failure,
      latency: o.status === "delivered" ? o.latencyMs : null,
    })),
  );
  const result = await executePrepared(
    db,
    sql`
      with outcomes as (
        select * from jsonb_to_recordset(${rows}::jsonb)
          as o(event_id bigint, status text, tried boolean, next timestamptz, error text, failure text, latency integer)
      ),
      closed as (
        update deliveries d set
          status = o.status,
          attempts = d.attempts + o.tried::int,
          next_attempt_at = coalesce(o.next, d.next_attempt_at),
          last_error = coalesce(o.error, d.last_error),
          failure = coalesce(o.failure, d.failure),
          delivered_at = case when o.status = 'delivered' then ${now}::timestamptz end,
          latency_ms = o.latency,
          lease_holder = null,
          lease_expires_at = null,
          updated_at = ${now}::timestamptz
        from outcomes o
        -- The ids as an array, so each row is fetched by primary key: joined to the outcomes,
        -- the planner (a generic plan, a table never analysed) read every delivery of the table
        -- for each outcome — 10 ms a message once 20,000 rows had piled up (bench:relay).
        where d.event_id = any(array(select event_id from outcomes)) and d.channel = ${channel}
          and d.event_id = o.event_id and d.lease_holder = ${options.holder}
        returning d.event_id, d.aggregate_id, d.status
      ),
      -- Other channels' lanes finish deliveries of the same events at the same time: every lane
      -- locks its events in id order before it counts them down, or two lanes that took a pair of
      -- events in opposite orders would deadlock, and the one Postgres cancels would leave its
      -- accepted mail unrecorded, to be sent again.
      locked as (
        select x.id from outbox x
        where x.id = any(array(select event_id from closed where status in ('delivered', 'given_up')))
        order by x.id
        for update
      ),
      finished as (
        update outbox x set
          open_deliveries = x.open_deliveries - f.n,
          status = case when x.open_deliveries - f.n = 0 then 'done' else x.status end,
          finished_at = case when x.open_deliveries - f.n = 0 then ${now}::timestamptz else x.finished_at end
        from (select event_id, count(*)::int as n from closed where status in ('delivered', 'given_up') group by event_id) f
        where x.id = any(array(select id from locked)) and x.id = f.event_id
        returning x.status
      )
      select status from closed
      union all select 'event_done' from finished where status = 'done'
      -- Open, said as statuses so that the order index serves it (db/schema.ts).
      union all select 'successor' from closed c
        where c.status in ('delivered', 'given_up') and exists (
          select 1 from deliveries l
          where l.aggregate_id = c.aggregate_id and l.channel = ${channel} and l.event_id > c.event_id and l.status in ('pending', 'processing'))
    `,
  );
  for (const row of resultRows<{ status: string }>(result)) {
    if (row.status === "delivered") counts.delivered++;
    else if (row.status === "given_up") counts.givenUp++;
    else if (row.status === "event_done") counts.done++;
    else if (row.status === "successor") counts.successors++;
    else counts.retried++;
  }
  return counts;
}

/** Extends the lease on deliveries a lane is still working on (a slow mail server, a long batch). */
export async function extendDeliveryLeases(
  db: Database,
  channel: string,
  eventIds: number[],
  options: { holder: string; leaseExpiresAt: Date },
): Promise<void> {
  if (eventIds.length === 0) return;
  await db.execute(sql`
    update deliveries set lease_expires_at = ${options.leaseExpiresAt.toISOString()}::timestamptz
    where channel = ${channel} and event_id = any(${`{${eventIds.join(",")}}`}::bigint[]) and lease_holder = ${options.holder}
  `);
}
