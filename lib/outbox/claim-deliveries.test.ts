// The delivery claim's plan under a backlog. Statistics taken in quiet times say open deliveries
// are rare (nearly every row is delivered), so when a backlog builds (a mail outage, a burst) the
// claim must still check each candidate's predecessors through the aggregate's own index entries:
// planned on the due index instead, it walked the channel's whole open set once per candidate,
// 30 to 400 ms a claim of 200 in bench:relay.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { RELAY_CONNECTION_SETTINGS } from "@/db/client";
import { resultRows } from "@/db/rows";
import { getConfig } from "@/lib/config/env";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { claimDeliveriesStatement } from "./claim-deliveries";

let db: TestDatabase;
const onPostgres = getConfig().database.url !== undefined;

beforeAll(async () => {
  // Connections set up as the relay process's are (db/client.ts).
  db = await createTestDatabase({ settings: RELAY_CONNECTION_SETTINGS });
});
afterAll(async () => {
  await db.dispose();
});

/** A plan's nodes as "Node Type" or "Node Type on index" (JSON plan, walked). */
function planNodes(plan: unknown): string[] {
  const names: string[] = [];
  const walk = (node: Record<string, unknown>) => {
    names.push(typeof node["Index Name"] === "string" ? `${node["Node Type"]} on ${node["Index Name"]}` : String(node["Node Type"]));
    for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
  };
  walk(plan as Record<string, unknown>);
  return names;
}

async function claimPlan(db: TestDatabase): Promise<string[]> {
  const statement = claimDeliveriesStatement({ channel: "owner-email", holder: "plan-test", limit: 200, leaseMs: 60_000 });
  const [row] = resultRows<{ "QUERY PLAN": unknown }>(await db.db.execute(sql`explain (format json) ${statement}`));
  const raw = row["QUERY PLAN"];
  const [{ Plan: plan }] = (typeof raw === "string" ? JSON.parse(raw) : raw) as [{ Plan: unknown }];
  return planNodes(plan);
}

async function insertBacklog(db: TestDatabase, from: number, to: number): Promise<void> {
  await db.db.execute(sql`
    insert into deliveries (event_id, channel, aggregate_id, salon_id, status, next_attempt_at)
    select g, 'owner-email', gen_random_uuid(), gen_random_uuid(), 'pending', now() - interval '1 minute'
    from generate_series(${from}::bigint, ${to}::bigint) g
  `);
}

function expectOrderedClaim(nodes: string[]): void {
  // The due index, walked in order, finds the candidates; each one's predecessors come from the order index.
  expect(nodes.filter((node) => node.endsWith("deliveries_due_idx"))).toEqual(["Index Scan on deliveries_due_idx"]);
  expect(nodes).toContain("Index Scan on deliveries_order_idx");
  expect(nodes).not.toContain("Sort");
}

describe("claiming a channel's deliveries under a backlog", () => {
  beforeEach(async () => {
    await db.db.execute(sql`truncate deliveries`);
  });

  it("walks the due index in order when statistics from a quiet time say open deliveries are rare", async () => {
    await db.db.execute(sql`
      insert into deliveries (event_id, channel, aggregate_id, salon_id, status, next_attempt_at, delivered_at)
      select g, c, gen_random_uuid(), gen_random_uuid(), 'delivered', now(), now()
      from generate_series(1, 20000) g, unnest(array['owner-email', 'dashboard']) c
    `);
    await db.db.execute(sql`analyze deliveries`);
    await insertBacklog(db, 20_001, 40_000);
    expectOrderedClaim(await claimPlan(db));
  });

  // Postgres only: there the relay has connections of its own. (PGlite's one connection is the
  // server's; its relay plans as the server does.)
  it.runIf(onPostgres)("walks the due index in order in a table never analysed (autovacuum off or behind)", async () => {
    // A database of its own: the other test's table has been analysed, and a truncate keeps that.
    const fresh = await createTestDatabase({ settings: RELAY_CONNECTION_SETTINGS });
    try {
      await insertBacklog(fresh, 1, 20_000);
      expectOrderedClaim(await claimPlan(fresh));
    } finally {
      await fresh.dispose();
    }
  });
});
