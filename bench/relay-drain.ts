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

/** Whether anything is left: an event to fan out, or a delivery still open (asked on the partial indexes). */
async function workLeft(db: Database): Promise<boolean> {
  return (
    (await countRow(db, sql`select count(*) as n from (select 1 from outbox where queued and next_attempt_at <= now() order by next_attempt_at, id limit 1) as one`)) > 0 ||
    (await countRow(db, sql`select count(*) as n from (select 1 from deliveries where open limit 1) as one`)) > 0
  );
}

/**
 * `drainers` fan-out loops side by side, each with its own lease holder, and `channelLanes` loops
 * per queued channel, until nothing is left to claim and `moreComing()` (events still being
 * enqueued) says no. The same batches the embedded driver runs, without its sleeps.
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
  let finished = false;
  const loop = async (holder: string, run: () => Promise<{ batches: number; more: boolean }>) => {
    while (!finished) {
      const batch = await run();
      if (batch.batches === 0) {
        // Others may still hold leases: done only when nothing is queued or open anywhere. An idle
        // loop looks again after 50 ms: polling faster takes the database from the loops with work.
        if (!moreComing() && !(await workLeft(db))) finished = true;
        else await new Promise((r) => setTimeout(r, 50));
      }
    }
  };
  const options = (holder: string) => ({ holder, channels, settings });
  await Promise.all([
    ...Array.from({ length: drainers }, (_, i) => loop(`${holderBase}-${i}`, () => runEventBatch(db, options(`${holderBase}-${i}`)))),
    ...channels
      .filter((c) => c.mode === "queued")
      .flatMap((channel) =>
        Array.from({ length: channelLanes }, (_, i) => {
          const holder = `${holderBase}-${channel.name}-${i}`;
          return loop(holder, () => runChannelBatch(db, channel, options(holder)));
        }),
      ),
  ]);
}
