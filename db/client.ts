import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { getConfig } from "@/lib/config/env";
import * as schema from "./schema";

/** Either driver's Drizzle database, or a transaction of it: query functions take this first. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DatabaseHandle =
  | { driver: "pglite"; db: Database; pglite: PGlite; close(): Promise<void> }
  | { driver: "postgres"; db: Database; sql: postgres.Sql; close(): Promise<void> };

export interface DatabaseOptions {
  /** postgres:// URL; when absent the embedded PGlite database is used. */
  url?: string;
  /** PGlite data folder; omitted → in memory (tests). */
  dataDir?: string;
  /** Pool size for Postgres. */
  max?: number;
  /** Server settings for every connection of the pool (Postgres), e.g. RELAY_CONNECTION_SETTINGS. */
  settings?: Record<string, string>;
}

/**
 * The relay's own processes plan without bitmap scans. A claim must walk its due index in order and
 * stop at the batch size; a table without statistics (never analysed: autovacuum off or behind)
 * makes the planner take a backlog of thousands for a few rows and read all of it with a bitmap
 * scan and a sort instead — 40 ms a claim of 200 in bench:relay. Every relay statement reads by
 * index, so nothing else loses by it. Set per connection rather than with SET LOCAL around each
 * claim: a transaction per claim made postgres.js throw an uncaught error when the connection
 * dropped mid-claim. (On PGlite the relay shares the server's one connection and plans as it does.)
 */
export const RELAY_CONNECTION_SETTINGS: Record<string, string> = {
  enable_bitmapscan: "off",
  // Tells the relay's sessions from the server's in pg_stat_activity (and bench:booking's CPU split).
  application_name: "salon-booking relay",
};

export function dataRoot(): string {
  return getConfig().dataDir;
}

/** Opens a database without migrating it. */
export function openDatabase(options: DatabaseOptions): DatabaseHandle {
  if (options.url) {
    const config = getConfig().database;
    const sql = postgres(options.url, {
      max: options.max ?? config.poolMax,
      // Named prepared statements for the queries that ask for them (db/prepared.ts).
      prepare: config.prepare,
      // A server that is down fails a request within seconds instead of holding it (postgres.js
      // takes seconds); a runaway statement is cancelled by the server.
      connect_timeout: config.connectTimeoutMs / 1000,
      connection: { statement_timeout: config.statementTimeoutMs, application_name: "salon-booking", ...options.settings },
      // No array-type lookup on each new connection: postgres.js runs it from a callback that
      // nobody awaits, so a connection lost between sign-in and that lookup (the database going
      // away) became an unhandled rejection. Drizzle reads and writes array columns as text itself.
      fetch_types: false,
      onnotice: () => {},
    });
    const db = drizzlePostgres(sql, { schema }) as unknown as Database;
    return { driver: "postgres", db, sql, close: () => sql.end({ timeout: 5 }) };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  // One options object: PGlite ignores its second argument when the first (dataDir) is undefined,
  // which would drop btree_gist for the in-memory test database.
  const pglite = new PGlite({ dataDir: options.dataDir, extensions: { btree_gist } });
  const db = drizzlePglite(pglite, { schema }) as unknown as Database;
  return { driver: "pglite", db, pglite, close: () => pglite.close() };
}

/** The process's database as configured by the environment: DATABASE_URL, else PGlite in .data/. */
export function databaseFromEnv(): DatabaseOptions {
  const { url } = getConfig().database;
  if (url) return { url, settings: globalForDb.__salonDbSettings };
  return { dataDir: path.join(dataRoot(), "pglite") };
}

type Cached = { handle: DatabaseHandle; ready: Promise<void> };

/** The embedded database's folder, for the start-up log. */
function options(handle: DatabaseHandle): string {
  return handle.driver === "pglite" ? (handle.pglite.dataDir ?? "in memory") : "";
}
const globalForDb = globalThis as unknown as { __salonDb?: Cached; __salonDbSettings?: Record<string, string> };

/** Server settings for this process's database connections (the relay process's); before it is opened. */
export function setDatabaseSettings(settings: Record<string, string>): void {
  if (globalForDb.__salonDb) throw new Error("the process's database is already open: set its connection settings before");
  globalForDb.__salonDbSettings = settings;
}

/**
 * The one database of this process, created once and cached on globalThis so hot reloads do not
 * open new pools. The embedded database is migrated and seeded the first time it is opened.
 */
export function getDatabaseHandle(): { handle: DatabaseHandle; ready: Promise<void> } {
  if (!globalForDb.__salonDb) {
    const handle = openDatabase(databaseFromEnv());
    const ready = (async () => {
      if (handle.driver !== "pglite") return;
      const [{ migrate }, { seedIfEmpty }, { log }] = await Promise.all([import("./migrate"), import("./seed"), import("@/lib/log")]);
      // Said as it happens: on a first start this is most of a minute with nothing else to show.
      const started = Date.now();
      log.info("embedded database: opening and migrating", { dataDir: options(handle) });
      await migrate(handle);
      log.info("embedded database: migrated; seeding the demo salons if it is empty", { ms: String(Date.now() - started) });
      const seeded = await seedIfEmpty(handle.db);
      log.info(seeded ? "embedded database: demo owners and salons seeded" : "embedded database: ready (already had data)", {
        ms: String(Date.now() - started),
      });
    })();
    globalForDb.__salonDb = { handle, ready };
  }
  return globalForDb.__salonDb;
}

/** The ready-to-use database of this process. */
export async function getDb(): Promise<Database> {
  const { handle, ready } = getDatabaseHandle();
  await ready;
  return handle.db;
}
