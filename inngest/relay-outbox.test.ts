import { InngestTestEngine } from "@inngest/test";
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { deliveries, outbox } from "@/db/schema";
import { deliveryRecords } from "@/lib/outbox/delivery-records";
import type { RelaySettings } from "@/lib/outbox/relay";
import { createRecordingChannel, insertPendingEvent, testRelaySettings } from "@/lib/outbox/testing";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture } from "@/lib/testing/fixtures";
import { createRelayOutboxFunction } from "./relay-outbox";

let testDb: TestDatabase;
let salonIds: string[];

beforeAll(async () => {
  testDb = await createTestDatabase();
  salonIds = await Promise.all([1, 2].map(async () => (await createSalonFixture(testDb.db)).salon.id));
});

beforeEach(async () => {
  await testDb.db.delete(deliveries);
  await testDb.db.delete(outbox);
});

afterAll(async () => {
  await testDb.dispose();
});

function engineFor(settings: Partial<Omit<RelaySettings, "retry">> = {}) {
  const channels = [createRecordingChannel("dashboard", "inline"), createRecordingChannel("owner-email", "queued")];
  const fn = createRelayOutboxFunction({
    getDb: async () => testDb.db,
    channels: () => channels,
    settings: () => testRelaySettings({ batchSize: 2, ...settings }),
    retentionDays: () => 30,
    holder: () => "inngest-test",
  });
  return { engine: new InngestTestEngine({ function: fn }), channels, fn };
}

const nudge = [{ name: "outbox/pending", data: {} }] as [{ name: string; data: object }];
const nudgeFor = (salonId: string) => [{ name: "outbox/pending", data: { salonId } }] as [{ name: string; data: object }];
const cronTick = [{ name: "inngest/scheduled.timer", data: { cron: "* * * * *" } }] as [{ name: string; data: object }];

function stepIds(ctx: { step: { run: { mock: { calls: unknown[][] } } } }): string[] {
  return ctx.step.run.mock.calls.map((call) => String(call[0]));
}

describe("relay-outbox Inngest function", () => {
  it("fans events out batch by batch, then delivers each channel's queued deliveries, one step per batch", async () => {
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await insertPendingEvent(testDb.db, salonIds[i % 2]));
    const { engine, channels } = engineFor({ batchSize: 2 });

    const { result, error, ctx } = await engine.execute({ events: nudge });

    expect(error).toBeUndefined();
    expect(result).toMatchObject({ claimed: 5, delivered: 10, retried: 0, givenUp: 0, budgetExhausted: false });
    // Kebab-case steps: the fan-out's batches, then each channel's; a nudge run does not purge.
    // A channel batch that left nothing waiting behind it is its channel's last: no empty claim after it.
    expect(stepIds(ctx as never)).toEqual(["fan-out-1", "fan-out-2", "fan-out-3", "deliver-dashboard-1", "deliver-owner-email-1"]);

    const rows = await testDb.db.select({ id: outbox.id, status: outbox.status }).from(outbox).where(inArray(outbox.id, ids));
    expect(rows.map((r) => r.status)).toEqual(["done", "done", "done", "done", "done"]);
    const delivered = (await deliveryRecords(testDb.db, ids)).filter((d) => d.status === "delivered");
    expect(delivered).toHaveLength(10);
    for (const channel of channels) expect([...channel.delivered].sort()).toEqual([...ids].sort());
  });

  it("stops taking batches when the run's time budget is spent, leaving the rest for the next run", async () => {
    for (let i = 0; i < 3; i++) await insertPendingEvent(testDb.db, salonIds[0]);
    const { engine } = engineFor({ batchSize: 1, budgetMs: 0 });

    const { result, ctx } = await engine.execute({ events: nudge });

    expect(result).toMatchObject({ claimed: 1, batches: 1, budgetExhausted: true });
    expect(stepIds(ctx as never)).toEqual(["fan-out-1"]);
    const [{ pending }] = await testDb.db.select({ pending: sql<number>`count(*)::int` }).from(outbox).where(eq(outbox.status, "pending"));
    expect(pending).toBe(2);
  });

  it("a retried run replays a finished batch from memo instead of delivering it again", async () => {
    const id = await insertPendingEvent(testDb.db, salonIds[0]);
    const { engine, channels } = engineFor({ batchSize: 1 });
    // As Inngest would on a retry: fan-out-1 already completed in an earlier attempt (of another event).
    const memo = { claimed: 1, done: 0, delivered: 1, retried: 0, givenUp: 0, batches: 1, budgetExhausted: false, more: true, channelsWithWork: [], elapsedMs: 5 };

    const { result, ctx } = await engine.execute({ events: nudge, steps: [{ id: "fan-out-1", handler: () => memo }] });

    // The memoised batch is counted but not re-run; fan-out-2 takes the event once, fan-out-3 finds nothing.
    expect(stepIds(ctx as never).slice(0, 4)).toEqual(["fan-out-1", "fan-out-2", "fan-out-3", "deliver-dashboard-1"]);
    expect(result).toMatchObject({ claimed: 2 });
    expect(channels[0].delivered).toEqual([id]);
    expect(channels[1].delivered).toEqual([id]);
  });

  it("cron runs also purge finished events past retention", async () => {
    const old = await insertPendingEvent(testDb.db, salonIds[0]);
    await testDb.db.update(outbox).set({ status: "done", finishedAt: new Date(Date.now() - 90 * 86_400_000) }).where(eq(outbox.id, old));
    const fresh = await insertPendingEvent(testDb.db, salonIds[1]);
    const { engine } = engineFor();

    const { result, ctx } = await engine.execute({ events: cronTick });

    expect(stepIds(ctx as never).at(-1)).toEqual("purge-finished");
    expect(result).toMatchObject({ claimed: 1, purged: 1 });
    const left = await testDb.db.select({ id: outbox.id, status: outbox.status }).from(outbox);
    expect(left).toEqual([{ id: fresh, status: "done" }]);
  });

  it("a salon's nudge fans out that salon's events at once, however large another salon's backlog; the cron fans out all", async () => {
    const burst = [];
    for (let i = 0; i < 6; i++) burst.push(await insertPendingEvent(testDb.db, salonIds[0]));
    const quiet = await insertPendingEvent(testDb.db, salonIds[1]);
    const { engine, channels, fn } = engineFor({ batchSize: 2 });

    // The quiet salon's run claims its own event in its first batch, not after the burst's three.
    const { result, ctx } = await engine.execute({ events: nudgeFor(salonIds[1]) });
    expect(result).toMatchObject({ claimed: 1 });
    expect(stepIds(ctx as never)[0]).toBe("fan-out-1");
    expect(channels[0].delivered).toEqual([quiet]);
    const statuses = await testDb.db.select({ id: outbox.id, status: outbox.status }).from(outbox).where(inArray(outbox.id, burst));
    expect(statuses.every((r) => r.status === "pending")).toBe(true);

    // The burst's salon has its own run; the cron's drains whatever is left of every salon.
    // (A fresh engine over the same function: an engine replays its earlier run's steps.)
    const { result: cron } = await new InngestTestEngine({ function: fn }).execute({ events: cronTick });
    expect(cron).toMatchObject({ claimed: 6 });
    expect([...channels[0].delivered].sort()).toEqual([quiet, ...burst].sort());
  });
});
