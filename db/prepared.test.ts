import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { getConfig } from "@/lib/config/env";
import { executePrepared } from "./prepared";
import { resultRows } from "./rows";

let t: TestDatabase;

beforeAll(async () => {
  // One connection, so the statement cache looked at below is the one the query used.
  t = await createTestDatabase({ max: 1 });
});
afterAll(async () => {
  await t?.dispose();
});

describe("executePrepared", () => {
  it("answers as db.execute does, with parameters bound", async () => {
    const query = (n: number) => sql`select ${n}::int * 2 as doubled, ${"ok"}::text as word`;
    const plain = resultRows(await t.db.execute(query(21)));
    const prepared = resultRows(await executePrepared(t.db, query(21)));
    expect(prepared).toEqual(plain);
    expect(resultRows(await executePrepared(t.db, query(4)))).toEqual([{ doubled: 8, word: "ok" }]);
  });

  it("runs inside a transaction, which rolls it back", async () => {
    await t.db.execute(sql`create table if not exists prepared_probe (n int)`);
    await expect(
      t.db.transaction(async (tx) => {
        await executePrepared(tx, sql`insert into prepared_probe (n) values (${7}::int)`);
        throw new Error("give up");
      }),
    ).rejects.toThrow("give up");
    expect(resultRows(await t.db.execute(sql`select count(*)::int as n from prepared_probe`))).toEqual([{ n: 0 }]);
  });

  it.runIf(onPostgres())("keeps one named statement per text on Postgres, reused across calls", async () => {
    for (let i = 0; i < 3; i++) await executePrepared(t.db, sql`select ${i}::int as prepared_marker_value`);
    const rows = resultRows<{ n: number }>(
      await t.db.execute(sql`select count(*)::int as n from pg_prepared_statements where statement like '%prepared_marker_value%'`),
    );
    expect(rows).toEqual([{ n: 1 }]);
    // db.execute stays unnamed: nothing is added for it.
    await t.db.execute(sql`select ${1}::int as unnamed_marker_value`);
    const unnamed = resultRows<{ n: number }>(
      await t.db.execute(sql`select count(*)::int as n from pg_prepared_statements where statement like '%unnamed_marker_value%' and statement not like '%pg_prepared_statements%'`),
    );
    expect(unnamed).toEqual([{ n: 0 }]);
  });
});

function onPostgres(): boolean {
  const { url, prepare } = getConfig().database;
  return Boolean(url) && prepare;
}
