// Pieces shared by the relay benchmark's main process and its relay worker processes.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { resultRows } from "@/db/rows";
import { runChannelBatch, runEventBatch, type OutboxChannel } from "@/lib/outbox/relay";
import { DEFAULT_RETRY_POLICY } from "@/lib/outbox/retry-policy";

/**
 * How many times each channel acknowledged each event. Counted in the relay process while it
 * drains, so it is kept cheap: numeric keys per channel, not a string per (channel, event).
 */
export class Acks {
  private readonly byChannel = new Map<string, Map<number, number>>();

  add(channel: string, eventId: number, times = 1): void {
    let counts = this.byChannel.get(channel);
    if (!counts) this.byChannel.set(channel, (counts = new Map()));
    counts.set(eventId, (counts.get(eventId) ?? 0) + times);
  }

  /** Distinct (channel, event) pairs acknowledged at least once. */
  get distinct(): number {
    let n = 0;
    for (const counts of this.byChannel.values()) n += counts.size;
    return n;
  }

  /** Events one channel acknowledged at least once. */
  acknowledged(channel: string): number {
    return this.byChannel.get(channel)?.size ?? 0;
  }

  /** Acknowledgements beyond the first of each (channel, event) pair. */
  get duplicates(): number {
    let n = 0;
    for (const counts of this.byChannel.values()) for (const times of counts.values()) n += times - 1;
    return n;
  }

  /** A plain form for the fork IPC channel: [channel, [eventId, times][]][]. */
  toJSON(): [string, [number, number][]][] {
    return [...this.byChannel].map(([channel, counts]) => [channel, [...counts]]);
  }

  merge(snapshot: [string, [number, number][]][]): void {
    for (const [channel, counts] of snapshot) for (const [eventId, times] of counts) this.add(channel, eventId, times);
  }
}

/** Wraps a channel to count, per event, how many times it acknowledged a delivery. */
export function counted(channel: OutboxChannel, acks: Acks): OutboxChannel {
  return {
    ...channel,
    async deliver(events, context) {
      const results = await channel.deliver(events, context);
      for (const r of results) if (r.ok) acks.add(channel.name, r.eventId);
      return results;
    },
  };
}

export const noopChannel = (name: string): OutboxChannel => ({
  name,
  mode: "inline",
  deliver: async (events) => events.map((e) => ({ eventId: e.id, ok: true as const })),
});

export async function countRow(db: Database, query: ReturnType<typeof sql>): Promise<number> {
  const [row] = resultRows<{ n: number | string }>(await db.execute(query));
  return Number(row?.n ?? 0);
}

/** Whether an event is still to be fanned out (asked on the partial due index). */
async function eventsLeft(db: Database): Promise<boolean> {
  return (await countRow(db, sql`select count(*) as n from (select 1 from outbox where queued and next_attempt_at <= now() order by next_attempt_at, id limit 1) as one`)) > 0;
}

/** Whether a delivery is still open. */
async function deliveriesLeft(db: Database): Promise<boolean> {
  return (await countRow(db, sql`select count(*) as n from (select 1 from deliveries where status in ('pending', 'processing') limit 1) as one`)) > 0;
}

/**
 * `drainers` fan-out loops side by side, each with its own lease holder, and `channelLanes` loops
 * per queued channel, until nothing is left to claim and `moreComing()` (events still being
 * enqueued) says no. The same batches the embedded driver runs, without its sleeps. Like the
 * embedded driver, a loop with nothing to do costs the database little: a fan-out loop stops once
 * no event is left to fan out, and an idle channel lane only claims again every 50 ms (the embedded
 * driver's lanes sleep until an event lane hands them work) until the fan-out loops have stopped.
 */
export async function drainUntilEmpty(
  db: Database,
  channels: OutboxChannel[],
  drainers: number,
  batchSize: number,
  moreComing: () => boolean = () => false,
  channelLanes = 1,
): Promise<void> {
  const holderBase = `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
  const settings = { batchSize, channelBatchSize: batchSize, budgetMs: 600_000, leaseMs: 60_000, retry: DEFAULT_RETRY_POLICY };
  let fanningOut = drainers;
  const idle = () => new Promise((r) => setTimeout(r, 50));
  const eventLoop = async (holder: string) => {
    for (;;) {
      const batch = await runEventBatch(db, { holder, channels, settings });
      if (batch.batches > 0) continue;
      // Another loop's batch may still make a successor due: stop only when nothing is queued.
      if (!moreComing() && !(await eventsLeft(db))) break;
      await idle();
    }
    fanningOut--;
  };
  const channelLoop = async (channel: OutboxChannel, holder: string) => {
    for (;;) {
      const batch = await runChannelBatch(db, channel, { holder, channels, settings });
      if (batch.batches > 0) continue;
      if (fanningOut === 0 && !(await eventsLeft(db)) && !(await deliveriesLeft(db))) return;
      await idle();
    }
  };
  await Promise.all([
    ...Array.from({ length: drainers }, (_, i) => eventLoop(`${holderBase}-${i}`)),
    ...channels
      .filter((c) => c.mode === "queued")
      .flatMap((channel) => Array.from({ length: channelLanes }, (_, i) => channelLoop(channel, `${holderBase}-${channel.name}-${i}`))),
  ]);
}
