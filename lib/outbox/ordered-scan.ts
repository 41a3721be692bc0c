import { sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";

/**
 * Runs a claim with bitmap scans off, so it walks its due index in order and stops at its limit.
 * An index scan also marks the entries of rows finished since the last vacuum as dead and skips
 * them from then on. With statistics from a quiet time (few rows due, or autovacuum off), the
 * planner prefers a bitmap scan and a sort, which reads every due row (and every such dead entry)
 * on every claim however small the batch: a salon's event claim sent bench:latency's p50 from 26 to
 * 143 ms that way.
 */
export async function executeInIndexOrder(db: Database, statement: SQL): Promise<Awaited<ReturnType<Database["execute"]>>> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_bitmapscan = off`);
    return tx.execute(statement);
  });
}
