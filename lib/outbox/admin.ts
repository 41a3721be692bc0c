// What owners and operators see of the outbox, and the one thing they may do to it: send a
// delivery that gave up round again.
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { resultRows } from "@/db/rows";
import { nudgeRelay } from "./nudge";

export interface ChannelStats {
  channel: string;
  /** Deliveries due and not yet taken (first tries, and retries whose time has come). */
  waiting: number;
  /** Deliveries that failed and wait for their next try. */
  retrying: number;
  /** Deliveries a relay is working on. */
  inFlight: number;
  givenUp: number;
  /** How long the oldest delivery due on this channel (or event due for fan-out) has waited; null: none. */
  oldestWaitingAgeSeconds: number | null;
}

export interface OutboxStats {
  events: {
    /** Scheduled for later (a reminder): not late, not waiting. */
    scheduled: number;
    /** Due and waiting for their fan-out, or in it. */
    waiting: number;
    /** Fanned out, with some channel's delivery still open. */
    delivering: number;
  };
  /** The oldest event due for fan-out, in seconds; null when none is. */
  oldestWaitingAgeSeconds: number | null;
  channels: ChannelStats[];
}

/**
 * Outbox state for health, metrics and an owner's view (filtered to their salons): events by
 * stage, and per channel what waits, retries, is in flight and gave up. Read on the partial
 * indexes of open and given-up rows, never the finished history. `channels` names the channels to
 * report even when they have nothing.
 */
export async function outboxStats(db: Database, options: { channels: string[]; salonIds?: string[]; now?: Date }): Promise<OutboxStats> {
  const empty = (channel: string): ChannelStats => ({ channel, waiting: 0, retrying: 0, inFlight: 0, givenUp: 0, oldestWaitingAgeSeconds: null });
  const stats: OutboxStats = { events: { scheduled: 0, waiting: 0, delivering: 0 }, oldestWaitingAgeSeconds: null, channels: options.channels.map(empty) };
  if (options.salonIds && options.salonIds.length === 0) return stats;
  const now = (options.now ?? new Date()).toISOString();
  const salons = options.salonIds ? sql`${`{${options.salonIds.join(",")}}`}::uuid[]` : null;
  const eventScope = salons ? sql`and salon_id = any(${salons})` : sql``;
  const deliveryScope = salons ? sql`and salon_id = any(${salons})` : sql``;

  const [events, open, givenUp] = await Promise.all([
    db.execute(sql`
      select count(*) filter (where next_attempt_at > ${now}::timestamptz)::int as scheduled,
             count(*) filter (where next_attempt_at <= ${now}::timestamptz)::int as waiting,
             extract(epoch from ${now}::timestamptz - min(next_attempt_at) filter (where next_attempt_at <= ${now}::timestamptz))::float8 as oldest
      from outbox where queued ${eventScope}`),
    db.execute(sql`
      select channel,
             count(*) filter (where status = 'pending' and next_attempt_at <= ${now}::timestamptz and attempts + lease_lapses = 0)::int as waiting,
             count(*) filter (where status = 'pending' and (next_attempt_at > ${now}::timestamptz or attempts + lease_lapses > 0))::int as retrying,
             count(*) filter (where status = 'processing')::int as in_flight,
             count(distinct event_id)::int as events,
             extract(epoch from ${now}::timestamptz - min(created_at) filter (where next_attempt_at <= ${now}::timestamptz))::float8 as oldest
      from deliveries where open ${deliveryScope}
      group by channel`),
    db.execute(sql`select channel, count(*)::int as n from deliveries where given_up ${deliveryScope} group by channel`),
  ]);
  const [e] = resultRows<{ scheduled: number; waiting: number; oldest: number | string | null }>(events);
  stats.events.scheduled = Number(e?.scheduled ?? 0);
  stats.events.waiting = Number(e?.waiting ?? 0);
  stats.oldestWaitingAgeSeconds = age(e?.oldest ?? null);
  const byName = new Map(stats.channels.map((c) => [c.channel, c]));
  const channel = (name: string) => {
    let c = byName.get(name);
    if (!c) {
      c = empty(name);
      byName.set(name, c);
      stats.channels.push(c);
    }
    return c;
  };
  const delivering = new Set<string>();
  for (const row of resultRows<{ channel: string; waiting: number; retrying: number; in_flight: number; events: number; oldest: number | string | null }>(open)) {
    const c = channel(row.channel);
    c.waiting = Number(row.waiting);
    c.retrying = Number(row.retrying);
    c.inFlight = Number(row.in_flight);
    c.oldestWaitingAgeSeconds = age(row.oldest);
    delivering.add(row.channel);
  }
  for (const row of resultRows<{ channel: string; n: number }>(givenUp)) channel(row.channel).givenUp = Number(row.n);
  // An event still to be fanned out waits on every channel.
  for (const c of stats.channels) {
    if (stats.oldestWaitingAgeSeconds !== null) c.oldestWaitingAgeSeconds = Math.max(c.oldestWaitingAgeSeconds ?? 0, stats.oldestWaitingAgeSeconds);
  }
  const [d] = resultRows<{ n: number }>(await db.execute(sql`select count(distinct event_id)::int as n from deliveries where open ${deliveryScope}`));
  stats.events.delivering = Number(d?.n ?? 0);
  return stats;
}

function age(seconds: number | string | null): number | null {
  return seconds === null ? null : Math.max(0, Math.round(Number(seconds)));
}

/**
 * Sends a given-up delivery round again: pending, due now, with a fresh retry horizon — only when
 * it belongs to one of `salonIds`, the salons the caller may act on. Its event counts it as open
 * again. Returns whether a delivery was revived; the relay is woken when one was.
 */
export async function retryGivenUpDelivery(
  db: Database,
  input: { eventId: number; channel: string },
  salonIds: string[],
  options: { horizonMs: number; now?: Date },
): Promise<boolean> {
  if (!Number.isSafeInteger(input.eventId) || input.eventId <= 0 || salonIds.length === 0) return false;
  const now = options.now ?? new Date();
  const rows = resultRows<{ id: number }>(
    await db.execute(sql`
      with revived as (
        update deliveries set status = 'pending', next_attempt_at = ${now.toISOString()}::timestamptz,
               give_up_at = ${new Date(now.getTime() + options.horizonMs).toISOString()}::timestamptz,
               attempts = 0, lease_lapses = 0, lease_holder = null, lease_expires_at = null, updated_at = ${now.toISOString()}::timestamptz
        where event_id = ${input.eventId} and channel = ${input.channel} and given_up
          and salon_id = any(${`{${salonIds.join(",")}}`}::uuid[])
        returning event_id
      )
      update outbox o set open_deliveries = o.open_deliveries + 1, status = 'delivering', finished_at = null
      from revived r where o.id = r.event_id
      returning o.id
    `),
  );
  if (rows.length === 1) nudgeRelay(undefined, [input.channel]);
  return rows.length === 1;
}
