import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { migrate } from "@/db/migrate";
import { getConfig } from "@/lib/config/env";

/** A test database; `url` reaches it on Postgres (for sessions of a test's own), undefined on PGlite. */
export type TestDatabase = DatabaseHandle & { url?: string; dispose(): Promise<void> };

/** Refuses to run tests against anything but a database on this machine (Dub's assertLocalDatabaseEnv). */
export function assertLocalDatabaseUrl(url: string): void {
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) {
    throw new Error(`Refusing to run tests against a non-local database host: ${host}`);
  }
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or — when
 * DATABASE_URL is set — a new database on that Postgres server, dropped again by dispose().
 */
export async function createTestDatabase(options: { max?: number; migrate?: boolean; settings?: Record<string, string> } = {}): Promise<TestDatabase> {
  const baseUrl = getConfig().database.url;
  if (!baseUrl) {
    const handle = openDatabase({});
    if (options.migrate !== false) await migrate(handle);
    return { ...handle, dispose: () => handle.close() };
  }
  assertLocalDatabaseUrl(baseUrl);
  const name = `salon_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const handle = openDatabase({ url: url.toString(), max: options.max ?? 20, settings: options.settings });
  if (options.migrate !== false) await migrate(handle);
  return {
    ...handle,
    url: url.toString(),
    dispose: async () => {
      await handle.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}
