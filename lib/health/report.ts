import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import type { RelayMode } from "@/lib/config/relay-mode";
import { outboxStats, type OutboxStats } from "@/lib/outbox/admin";

/** Which relay runs, and where its lanes are: this server, its relay worker, or a separate `npm run relay`. */
export interface RelayHealth {
  mode: RelayMode;
  running: boolean;
  process?: "server" | "worker" | "external";
  /** The relay worker: up and ready, and how often it was restarted. */
  worker?: { ready: boolean; restarts: number };
}

export interface HealthReport {
  db: "ok";
  driver: "pglite" | "postgres";
  relay: RelayHealth;
  outbox: OutboxStats;
}

/**
 * What /api/health answers: the database is reachable, which relay runs, and how the outbox is
 * doing — events scheduled, waiting and delivering, and per channel what waits, retries and gave up.
 */
export async function getHealthReport(
  db: Database,
  driver: HealthReport["driver"],
  relay: RelayHealth,
  channels: string[],
): Promise<HealthReport> {
  await db.execute(sql`select 1`);
  return { db: "ok", driver, relay, outbox: await outboxStats(db, { channels }) };
}
