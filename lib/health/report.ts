import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";

export interface HealthReport {
  db: "ok" | "error";
  driver: "pglite" | "postgres";
  [key: string]: unknown;
}

/** What /api/health answers: is the database reachable (and, later, how the relay is doing). */
export async function getHealthReport(db: Database, driver: HealthReport["driver"]): Promise<HealthReport> {
  await db.execute(sql`select 1`);
  return { db: "ok", driver };
}
