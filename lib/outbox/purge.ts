import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { resultRows } from "@/db/rows";

export interface PurgeOptions {
  /** Keep finished events this long for audit (OUTBOX_RETENTION_DAYS). */
  retentionDays: number;
  /** Rows per DELETE, so no statement holds locks or bloats WAL for long; default 1000. */
  batchSize?: number;
  /** Stop after this many batches (the next run continues); default unbounded. */
  maxBatches?: number;
  now?: Date;
}

/** Deletes finished events older than the retention period, with their deliveries; returns how many. */
export async function purgeFinishedEvents(db: Database, options: PurgeOptions): Promise<number> {
  const { retentionDays } = options;
  const batchSize = Math.max(1, Math.min(options.batchSize ?? 1_000, 10_000));
  const maxBatches = options.maxBatches ?? Number.POSITIVE_INFINITY;
  const cutoff = new Date((options.now ?? new Date()).getTime() - retentionDays * 86_400_000).toISOString();

  let purged = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    // Walks outbox_finished_idx oldest first; SKIP LOCKED so two purgers never wait on each other.
    // Deliveries have no foreign key to cascade from (db/schema.ts): the same statement deletes them.
    const result = await db.execute(sql`
      with purged as (
        delete from outbox where id in (
          select id from outbox
          where status = 'done' and finished_at < ${cutoff}::timestamptz
          order by finished_at
          limit ${batchSize}
          for update skip locked
        )
        returning id
      ), purged_deliveries as (
        delete from deliveries where event_id in (select id from purged)
      )
      select id from purged
    `);
    const deleted = resultRows(result).length;
    purged += deleted;
    if (deleted < batchSize) break;
  }
  return purged;
}
