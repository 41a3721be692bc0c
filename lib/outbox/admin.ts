// What owners and operators see of the outbox, and the one thing they may do to it.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { resultRows } from "@/db/rows";
import { OUTBOX_STATUSES, outbox, type OutboxStatus } from "@/db/schema";

/**
 * Makes a dead event deliverable again (fresh attempts, due now) — only when it belongs to one
 * of `salonIds`, the salons the caller may act on. Returns whether an event was revived.
 */
export async function retryDeadEvent(
  db: Database,
  eventId: number,
  salonIds: string[],
  options: { now?: Date } = {},
): Promise<boolean> {
  if (!Number.isSafeInteger(eventId) || eventId <= 0 || salonIds.length === 0) return false;
  const rows = await db
    .update(outbox)
    .set({ status: "pending", attempts: 0, nextAttemptAt: options.now ?? new Date(), leaseHolder: null, leaseExpiresAt: null })
    .where(and(eq(outbox.id, eventId), eq(outbox.status, "dead"), inArray(outbox.salonId, salonIds)))
    .returning({ id: outbox.id });
  return rows.length === 1;
}

export interface OutboxStats {
  counts: Record<OutboxStatus, number>;
  /** Age of the oldest event not yet delivered (pending or processing), null when there is none. */
  oldestPendingAgeSeconds: number | null;
}

/** Outbox counts by status, for health, metrics and an owner's view (filtered to their salons). */
export async function outboxStats(db: Database, salonIds?: string[]): Promise<OutboxStats> {
  const counts = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<OutboxStatus, number>;
  if (salonIds && salonIds.length === 0) return { counts, oldestPendingAgeSeconds: null };
  const scope = salonIds ? inArray(outbox.salonId, salonIds) : undefined;

  const [byStatus, [oldest]] = await Promise.all([
    // A salon's rows come off outbox_salon_idx. Every salon's (health, metrics) are counted on the
    // partial indexes instead of by reading the whole table, which keeps sent events for the
    // retention period: queued rows on the due index, dead ones on the dead index, and sent ones
    // on the sent index (the completion sets sent_at exactly when it marks an event sent).
    scope
      ? db.select({ status: outbox.status, count: sql<number>`count(*)::int` }).from(outbox).where(scope).groupBy(outbox.status)
      : db.execute(sql`
          select status, count(*)::int as count from outbox where queued group by status
          union all select 'dead', count(*)::int from outbox where dead
          union all select 'sent', count(*)::int from outbox where sent_at is not null
        `).then((result) => resultRows<{ status: OutboxStatus; count: number | string }>(result)),
    db
      .select({ age: sql<number | string | null>`extract(epoch from now() - min(${outbox.createdAt}))::float8` })
      .from(outbox)
      // `queued` (pending or processing) is outbox_due_idx's predicate: only undelivered rows are read.
      .where(and(sql`${outbox.queued}`, scope)),
  ]);
  for (const row of byStatus) counts[row.status] = Number(row.count);
  const age = oldest?.age == null ? null : Number(oldest.age);
  return { counts, oldestPendingAgeSeconds: age === null ? null : Math.max(0, Math.round(age)) };
}
