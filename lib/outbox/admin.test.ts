// What operators and owners see of the outbox, and what they may do: stats per channel, Retry of
// a given-up delivery, and the purge of finished events.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { deliveries, outbox } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture } from "@/lib/testing/fixtures";
import { outboxStats, retryGivenUpDelivery } from "./admin";
import { setNudgeHandler, type Nudge } from "./nudge";
import { purgeFinishedEvents } from "./purge";
import { drainOutbox, runEventBatch, type OutboxChannel } from "./relay";
import { createRecordingChannel, insertPendingEvent, testRelaySettings } from "./testing";

let db: TestDatabase;
let salonId: string;
let otherSalonId: string;
const CHANNELS = ["dashboard", "email"];

beforeAll(async () => {
  db = await createTestDatabase();
  salonId = (await createSalonFixture(db.db)).salon.id;
  otherSalonId = (await createSalonFixture(db.db)).salon.id;
});
beforeEach(async () => {
  await db.db.delete(deliveries);
  await db.db.delete(outbox);
});
afterAll(async () => {
  setNudgeHandler(null);
  await db.dispose();
});

const relay = (channels: OutboxChannel[]) => ({ holder: "admin-test", channels, settings: testRelaySettings(), random: () => 0.5 });

describe("outboxStats", () => {
  it("counts events by stage and deliveries per channel, and a scheduled event is neither waiting nor late", async () => {
    const dashboard = createRecordingChannel("dashboard", "inline");
    const email = createRecordingChannel("email", "queued");
    const failing = await insertPendingEvent(db.db, salonId);
    const gaveUp = await insertPendingEvent(db.db, salonId);
    await insertPendingEvent(db.db, otherSalonId);
    email.failNext([failing]);
    email.failNext([gaveUp], "permanent");
    await drainOutbox(db.db, relay([dashboard, email]));
    // One event still to be fanned out, waiting for 90 s, and one scheduled for tomorrow.
    const waiting = await insertPendingEvent(db.db, salonId);
    await db.db.update(outbox).set({ nextAttemptAt: new Date(Date.now() - 90_000) }).where(eq(outbox.id, waiting));
    await insertPendingEvent(db.db, salonId, { nextAttemptAt: new Date(Date.now() + 86_400_000) });

    const stats = await outboxStats(db.db, { channels: CHANNELS, salonIds: [salonId] });
    expect(stats.events).toEqual({ scheduled: 1, waiting: 1, delivering: 1 });
    expect(stats.oldestWaitingAgeSeconds).toBeGreaterThanOrEqual(89);
    expect(stats.oldestWaitingAgeSeconds).toBeLessThan(600);
    const email$ = stats.channels.find((c) => c.channel === "email")!;
    expect(email$).toMatchObject({ waiting: 0, retrying: 1, inFlight: 0, givenUp: 1 });
    // An event due for fan-out waits on every channel.
    expect(email$.oldestWaitingAgeSeconds).toBeGreaterThanOrEqual(89);
    expect(stats.channels.find((c) => c.channel === "dashboard")).toMatchObject({ waiting: 0, retrying: 0, givenUp: 0 });

    const all = await outboxStats(db.db, { channels: CHANNELS });
    expect(all.events.waiting).toBe(1);
    expect(await outboxStats(db.db, { channels: CHANNELS, salonIds: [] })).toMatchObject({ events: { scheduled: 0, waiting: 0, delivering: 0 } });
    expect((await outboxStats(db.db, { channels: CHANNELS, salonIds: [otherSalonId] })).channels.every((c) => c.givenUp === 0)).toBe(true);
  });
});

describe("retryGivenUpDelivery", () => {
  it("sends a given-up delivery round again on its channel only, for the salons the caller may act on, and wakes that lane", async () => {
    const dashboard = createRecordingChannel("dashboard", "inline");
    const email = createRecordingChannel("email", "queued");
    const id = await insertPendingEvent(db.db, salonId);
    email.failNext([id], "permanent");
    await drainOutbox(db.db, relay([dashboard, email]));
    expect((await db.db.select().from(outbox).where(eq(outbox.id, id)))[0].status).toBe("done");

    const nudges: Nudge[] = [];
    setNudgeHandler((nudge) => {
      nudges.push(nudge);
    });
    expect(await retryGivenUpDelivery(db.db, { eventId: id, channel: "email" }, [otherSalonId], { horizonMs: 60_000 })).toBe(false);
    expect(await retryGivenUpDelivery(db.db, { eventId: id, channel: "dashboard" }, [salonId], { horizonMs: 60_000 })).toBe(false); // delivered
    expect(await retryGivenUpDelivery(db.db, { eventId: id, channel: "email" }, [salonId], { horizonMs: 60_000 })).toBe(true);
    expect(await retryGivenUpDelivery(db.db, { eventId: id, channel: "email" }, [salonId], { horizonMs: 60_000 })).toBe(false); // pending now
    await expect.poll(() => nudges).toEqual([{ salonIds: [], channels: ["email"] }]);
    expect((await db.db.select().from(outbox).where(eq(outbox.id, id)))[0]).toMatchObject({ status: "delivering", openDeliveries: 1 });

    await drainOutbox(db.db, relay([dashboard, email]));
    expect(email.delivered).toEqual([id]);
    expect(dashboard.delivered).toEqual([id]);
    expect((await db.db.select().from(outbox).where(eq(outbox.id, id)))[0]).toMatchObject({ status: "done", openDeliveries: 0 });
  });
});

describe("purgeFinishedEvents", () => {
  it("purges only finished events past retention, in bounded batches, with their deliveries", async () => {
    const channel = createRecordingChannel("dashboard", "inline");
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await insertPendingEvent(db.db, salonId));
    await runEventBatch(db.db, relay([channel]));
    const open = await insertPendingEvent(db.db, salonId);
    await db.db.update(outbox).set({ finishedAt: new Date(Date.now() - 31 * 86_400_000) }).where(sql`status = 'done'`);
    expect(await purgeFinishedEvents(db.db, { retentionDays: 30, batchSize: 2, maxBatches: 1 })).toBe(2);
    expect(await purgeFinishedEvents(db.db, { retentionDays: 30, batchSize: 2 })).toBe(1);
    const left = await db.db.select({ id: outbox.id }).from(outbox);
    expect(left.map((r) => r.id)).toEqual([open]);
    expect(await db.db.select().from(deliveries)).toEqual([]);
  });
});
