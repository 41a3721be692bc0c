// For migration tests: a database as the previous schema left it, then migrated forward.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type { DatabaseHandle } from "@/db/client";
import { migrationsFolder } from "@/db/migrate";
import { createTestDatabase, type TestDatabase } from "./database";

/** A copy of db/migrations that stops before `tag`: the schema an existing database has. */
export function migrationsBefore(tag: string): string {
  const folder = mkdtempSync(path.join(tmpdir(), "migrations-"));
  cpSync(migrationsFolder, folder, { recursive: true });
  const journalFile = path.join(folder, "meta/_journal.json");
  const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
  journal.entries = journal.entries.slice(0, journal.entries.findIndex((e) => e.tag === tag));
  writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

/** Applies the migrations in `folder` with the handle's own driver. */
export async function migrateWith(handle: DatabaseHandle, folder: string): Promise<void> {
  if (handle.driver === "pglite") await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder: folder });
  else await migratePostgres(handle.db as unknown as PostgresJsDatabase, { migrationsFolder: folder });
}

export type DatabaseBeforeMigration = TestDatabase & {
  /** Applies every migration from `tag` on, as a deployment of the new code would. */
  migrateForward(): Promise<void>;
};

/**
 * A fresh test database with the schema as it was before migration `tag`, for the test to fill as
 * an existing database would be; dispose() also removes the copy of the migrations.
 */
export async function databaseBefore(tag: string): Promise<DatabaseBeforeMigration> {
  const db = await createTestDatabase({ migrate: false });
  const previousFolder = migrationsBefore(tag);
  await migrateWith(db, previousFolder);
  return {
    ...db,
    migrateForward: () => migrateWith(db, migrationsFolder),
    dispose: async () => {
      rmSync(previousFolder, { recursive: true, force: true });
      await db.dispose();
    },
  };
}
