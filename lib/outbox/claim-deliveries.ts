import { sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { resultRows } from "@/db/rows";
import { outboxEventFromRow, toDate, type OutboxEventRow } from "./event-row";
import type { OutboxEvent } from "./types";

export interface ClaimDeliveriesOptions {
  channel: string;
  holder: string;
  limit: number;
  leaseMs: number;
  now?: Date;
}

/** A channel's claimed delivery: the event to deliver, and where the delivery stands. */
export interface ClaimedDelivery {
  event: OutboxEvent;
  /** Tries with an outcome so far. */
  attempts: number;
  /** Tries that ended in a lapsed lease, this claim's take-over included. */
  leaseLapses: number;
  giveUpAt: Date | null;
  lastError: string | null;
}

/**
 * Claims up to `limit` of one channel's due deliveries for `holder`, oldest due first, in one
 * statement: pending ones whose time has come, and in-flight ones whose lease lapsed (their relay
 * crashed or overran; the take-over counts as a lapse). Order per aggregate on this channel: a
 * delivery is not claimed while an earlier event's delivery on the same channel is still open, so
 * a batch holds at most one delivery per aggregate. A given-up earlier delivery does not hold it.
 */
export async function claimDueDeliveries(db: Database, options: ClaimDeliveriesOptions): Promise<ClaimedDelivery[]> {
  // Not prepared, like the event claim: a generic plan does not see `now` or the limit.
  const result = await db.execute(claimDeliveriesStatement(options));
  return resultRows<ClaimedDeliveryRow>(result)
    .map((r) => ({
      event: outboxEventFromRow(r),
      attempts: Number(r.attempts),
      leaseLapses: Number(r.lease_lapses),
      giveUpAt: r.give_up_at === null ? null : toDate(r.give_up_at),
      lastError: r.last_error,
    }))
    .sort((a, b) => a.event.id - b.event.id);
}

/** The claim statement itself (its plan is tested: lib/outbox/claim-deliveries.test.ts). */
export function claimDeliveriesStatement(options: ClaimDeliveriesOptions): SQL {
  const now = options.now ?? new Date();
  const nowIso = now.toISOString();
  const leaseExpiresAt = new Date(now.getTime() + options.leaseMs).toISOString();
  const limit = Math.max(1, Math.min(Math.floor(options.limit), 5_000));
  return sql`
    with due as (
      select d.event_id from deliveries d
      where d.channel = ${options.channel} and d.open
        and d.next_attempt_at <= greatest(${nowIso}::timestamptz, now())
        and (d.status = 'pending' or d.lease_expires_at <= ${nowIso}::timestamptz)
        and not exists (
          select 1 from deliveries e
          where e.aggregate_id = d.aggregate_id and e.channel = d.channel and e.event_id < d.event_id
            and e.status in ('pending', 'processing') -- open, said so that only the order index serves it (db/schema.ts)
        )
      order by d.next_attempt_at, d.event_id
      limit ${limit}
      for update of d skip locked
    )
    update deliveries d set
      status = 'processing',
      lease_holder = ${options.holder},
      lease_expires_at = ${leaseExpiresAt}::timestamptz,
      lease_lapses = d.lease_lapses + (d.status = 'processing')::int,
      last_error = case when d.status = 'processing' then 'lease of ' || d.lease_holder || ' expired' else d.last_error end,
      updated_at = ${nowIso}::timestamptz
    from outbox o
    where d.channel = ${options.channel} and d.event_id = any(array(select event_id from due)) and o.id = d.event_id
    returning d.event_id as id, d.attempts, d.lease_lapses, d.give_up_at, d.last_error,
              o.aggregate_type, o.aggregate_id, o.salon_id, o.event_type, o.payload::text as payload, o.created_at, o.next_attempt_at, o.expires_at
  `;
}

interface ClaimedDeliveryRow extends OutboxEventRow {
  attempts: number | string;
  lease_lapses: number | string;
  give_up_at: string | Date | null;
  last_error: string | null;
}
