// Pieces shared by the relay benchmark's main process and its relay worker processes.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { resultRows } from "@/db/rows";
import { drainOutbox, type OutboxChannel } from "@/lib/outbox/relay";

/** Wraps a channel to count, per event, how many times it acknowledged a delivery. */
export function counted(channel: OutboxChannel, acks: Map<string, number>): OutboxChannel {
  return {
    ...channel,
    async deliver(events, context) {
      const results = await channel.deliver(events, context);
      for (const r of results) {
        const key = `${channel.name}:${r.eventId}`;
        if (r.ok) acks.set(key, (acks.get(key) ?? 0) + 1);
      }
      return results;
    },
  };
}

export const noopChannel = (name: string): OutboxChannel => ({
  name,
  deliver: async (events) => events.map((e) => ({ eventId: e.id, ok: true as const })),
});

export async function countRow(db: Database, query: ReturnType<typeof sql>): Promise<number> {
  const [row] = resultRows<{ n: number | string }>(await db.execute(query));
  return Number(row?.n ?? 0);
}

/**
 * `drainers` relays side by side, each with its own lease holder, until nothing is left to claim
 * and `moreComing()` (events still being enqueued) says no.
 */
export async function drainUntilEmpty(
  db: Database,
  channels: OutboxChannel[],
  drainers: number,
  batchSize: number,
  moreComing: () => boolean = () => false,
): Promise<void> {
  const holderBase = `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
  let finished = false;
  await Promise.all(
    Array.from({ length: drainers }, async (_, i) => {
      while (!finished) {
        const result = await drainOutbox(db, { holder: `${holderBase}-${i}`, channels, batchSize, budgetMs: 600_000 });
        if (result.claimed === 0) {
          // Others may still hold leases: done only when nothing is pending or in flight.
          const open = await countRow(db, sql`select count(*) as n from outbox where status in ('pending','processing')`);
          if (open === 0 && !moreComing()) finished = true;
          else await new Promise((r) => setTimeout(r, 5));
        }
      }
    }),
  );
}
