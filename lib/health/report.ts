import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { outboxStats } from "@/lib/outbox/relay";
import type { RelayMode } from "@/lib/config/relay-mode";

export interface HealthReport {
  db: "ok" | "error";
  driver: "pglite" | "postgres";
  relay: { mode: RelayMode; running: boolean };
  outbox: {
    counts: Record<"pending" | "processing" | "sent" | "dead", number>;
    oldestPendingAgeSeconds: number | null;
  };
}

export interface RelayStatus {
  mode: RelayMode;
  /** Whether this process started its relay (the instrumentation hook ran). */
  running: boolean;
}

/** What /api/health answers: the database is reachable, which relay runs, and how the outbox is doing. */
export async function getHealthReport(
  db: Database,
  driver: HealthReport["driver"],
  relay: RelayStatus,
): Promise<HealthReport> {
  await db.execute(sql`select 1`);
  const stats = await outboxStats(db);
  return {
    db: "ok",
    driver,
    relay: { mode: relay.mode, running: relay.running },
    outbox: { counts: stats.counts, oldestPendingAgeSeconds: stats.oldestPendingAgeSeconds },
  };
}
