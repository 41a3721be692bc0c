// The dashboard's fan-out: NOTIFY → LISTEN through the database (in-process on PGlite, across
// connections on Postgres), one signal per salon per delivered batch.
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownerNotifications } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture } from "@/lib/testing/fixtures";
import { insertTestEvent } from "@/lib/testing/outbox";
import { createDashboardChannel } from "./channels/dashboard";
import { drainOutbox } from "@/lib/outbox/relay";
import { testRelaySettings } from "@/lib/outbox/testing";
import { publishSalonSignals, subscribeToSalonSignals } from "./signals";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.dispose();
});

const settle = () => new Promise((r) => setTimeout(r, 300));

describe("salon signals", () => {
  it("carries each published salon id once to a subscriber, and nothing after unsubscribing", async () => {
    const a = crypto.randomUUID();
    const b = crypto.randomUUID();
    const received: string[] = [];
    const unsubscribe = await subscribeToSalonSignals(db, (salonId) => received.push(salonId));

    await publishSalonSignals(db.db, [a, b, a, "not-a-salon-id'); drop table owners; --"]);
    await settle();
    expect(received.sort()).toEqual([a, b].sort());

    await unsubscribe();
    await publishSalonSignals(db.db, [a]);
    await settle();
    expect(received).toHaveLength(2);
  });

  it("signals each salon once per delivered batch, after its notification rows are readable", async () => {
    const first = await createSalonFixture(db.db);
    const second = await createSalonFixture(db.db);
    for (let i = 0; i < 4; i++) await insertTestEvent(db.db, first);
    for (let i = 0; i < 2; i++) await insertTestEvent(db.db, second);
    const seen: { salonId: string; rows: number }[] = [];
    const unsubscribe = await subscribeToSalonSignals(db, (salonId) => {
      void db.db
        .select({ n: count() })
        .from(ownerNotifications)
        .where(eq(ownerNotifications.salonId, salonId))
        .then(([row]) => seen.push({ salonId, rows: Number(row.n) }));
    });
    const channel = createDashboardChannel();

    const result = await drainOutbox(db.db, { holder: "signals", channels: [channel], settings: testRelaySettings({ batchSize: 100 }) });
    expect(result.done).toBe(6);
    await settle();
    expect(seen.sort((x, y) => x.rows - y.rows)).toEqual([
      { salonId: second.salon.id, rows: 2 },
      { salonId: first.salon.id, rows: 4 },
    ]);

    // Delivering the same events again inserts nothing and wakes nobody.
    const again = await db.db.select().from(ownerNotifications).where(eq(ownerNotifications.salonId, first.salon.id));
    const events = again.map((n) => ({ id: n.eventId }) as never);
    const results = await channel.deliver(events, { db: db.db, now: new Date() });
    expect(results.every((r) => r.ok)).toBe(true);
    await settle();
    expect(seen).toHaveLength(2);
    expect(await db.db.select().from(ownerNotifications).where(eq(ownerNotifications.salonId, first.salon.id))).toHaveLength(4);
    await unsubscribe();
  });
});
