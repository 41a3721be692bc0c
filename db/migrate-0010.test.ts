// Migration 0010 (salon publication) applied to a database made by the previous schema: the
// salons customers could already book stay published; a salon made afterwards starts unpublished.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseBefore, type DatabaseBeforeMigration } from "@/lib/testing/migrations";
import { resultRows } from "./rows";

let db: DatabaseBeforeMigration;

beforeAll(async () => {
  db = await databaseBefore("0010_owner_day_setup");
});
afterAll(async () => {
  await db.dispose();
});

const rows = async <T,>(query: ReturnType<typeof sql>) => resultRows<T>(await db.db.execute(query));

describe("migration 0010: salon publication, part-day time off", () => {
  it("publishes every salon that existed (as of its creation) and leaves new salons unpublished", async () => {
    await db.db.execute(sql`
      with owner as (insert into owners (email, name, password_hash) values ('p@example.test', 'P', 'x') returning id)
      insert into salons (owner_id, slug, name, time_zone, created_at)
      select id, v.slug, v.name, 'Europe/London', v.created::timestamptz from owner,
        (values ('old-one', 'Old One', '2025-01-02T03:04:05Z'), ('old-two', 'Old Two', '2026-06-07T08:09:10Z')) as v(slug, name, created)
    `);

    await db.migrateForward();

    const existing = await rows<{ slug: string; published: boolean }>(
      sql`select slug, published_at = created_at as published from salons order by slug`,
    );
    expect(existing).toEqual([
      { slug: "old-one", published: true },
      { slug: "old-two", published: true },
    ]);
    await db.db.execute(sql`
      insert into salons (owner_id, slug, name, time_zone) select owner_id, 'brand-new', 'Brand New', 'Europe/London' from salons limit 1
    `);
    const [fresh] = await rows<{ published_at: unknown }>(sql`select published_at from salons where slug = 'brand-new'`);
    expect(fresh.published_at).toBeNull();
  });
});
