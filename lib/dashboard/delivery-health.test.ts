import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliveries, outbox, salons } from "@/db/schema";
import { setNudgeHandler } from "@/lib/outbox/nudge";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture, type SalonFixture } from "@/lib/testing/fixtures";
import { insertTestEvent } from "@/lib/testing/outbox";
import { getSalonDeliveryHealth, latencyBuckets } from "./delivery-health";
import { retryOwnerDeadEvent } from "./retry-dead-event";
import { snapshotBookingData } from "./test-support";

let db: TestDatabase;
let ava: SalonFixture;
let avaOther: SalonFixture;
let marcus: SalonFixture;
const NOW = new Date("2030-01-01T12:02:30Z");

beforeAll(async () => {
  db = await createTestDatabase();
  ava = await createSalonFixture(db.db);
  // Ava's second salon.
  avaOther = await createSalonFixture(db.db);
  await db.db.update(salons).set({ ownerId: ava.owner.id }).where(eq(salons.id, avaOther.salon.id));
  avaOther = { ...avaOther, owner: ava.owner };
  marcus = await createSalonFixture(db.db);
});

afterAll(async () => {
  setNudgeHandler(null);
  await db?.dispose();
});

/** A sent event of the salon with one delivery per channel, delivered at `at` after `latencies` ms. */
async function deliveredEvent(fixture: SalonFixture, at: Date, latencies: number[]) {
  const event = await insertTestEvent(db.db, fixture);
  await db.db.update(outbox).set({ status: "sent", sentAt: at }).where(eq(outbox.id, event.id));
  await db.db.insert(deliveries).values(
    latencies.map((latencyMs, i) => ({ eventId: event.id, channel: `channel-${i}`, status: "delivered" as const, attempts: 1, deliveredAt: at, latencyMs })),
  );
  return event;
}

async function deadEvent(fixture: SalonFixture, error: string) {
  const event = await insertTestEvent(db.db, fixture);
  await db.db.update(outbox).set({ status: "dead", attempts: 8, lastError: error }).where(eq(outbox.id, event.id));
  return event;
}

describe("latencyBuckets", () => {
  it("gives twelve clock-aligned five-minute buckets of the last hour with median and worst latency", async () => {
    // 12:02:30 now: buckets start 11:05 … 12:00; the last is the current one.
    await deliveredEvent(ava, new Date("2030-01-01T12:01:00Z"), [100, 300]);
    await deliveredEvent(ava, new Date("2030-01-01T12:02:00Z"), [200]);
    await deliveredEvent(ava, new Date("2030-01-01T11:07:00Z"), [5000]);
    // Outside the hour, another salon's, a failed attempt, and a delivery still waiting on its event's other channel.
    await deliveredEvent(ava, new Date("2030-01-01T11:04:59Z"), [99_999]);
    await deliveredEvent(marcus, new Date("2030-01-01T12:01:00Z"), [77_777]);
    const failing = await insertTestEvent(db.db, ava);
    await db.db.insert(deliveries).values({ eventId: failing.id, channel: "channel-0", status: "failed", attempts: 2, lastError: "timeout" });
    await db.db.insert(deliveries).values({
      eventId: failing.id,
      channel: "channel-1",
      status: "delivered",
      attempts: 1,
      deliveredAt: new Date("2030-01-01T11:31:00Z"),
      latencyMs: 1500,
    });

    const buckets = await latencyBuckets(db.db, ava.salon.id, NOW);
    expect(buckets).toHaveLength(12);
    expect(buckets[0].start).toBe("2030-01-01T11:05:00.000Z");
    expect(buckets[11].start).toBe("2030-01-01T12:00:00.000Z");
    expect(buckets[11]).toEqual({ start: "2030-01-01T12:00:00.000Z", deliveries: 3, p50Ms: 200, maxMs: 300 });
    expect(buckets[0]).toEqual({ start: "2030-01-01T11:05:00.000Z", deliveries: 1, p50Ms: 5000, maxMs: 5000 });
    expect(buckets[5]).toEqual({ start: "2030-01-01T11:30:00.000Z", deliveries: 1, p50Ms: 1500, maxMs: 1500 });
    expect(buckets.filter((b) => b.deliveries === 0).every((b) => b.p50Ms === null && b.maxMs === null)).toBe(true);
    expect(buckets.reduce((n, b) => n + b.deliveries, 0)).toBe(5);
  });
});

describe("getSalonDeliveryHealth", () => {
  it("counts the salon's events by status, ages the oldest undelivered one and lists the dead with their error", async () => {
    const waiting = await insertTestEvent(db.db, avaOther);
    await db.db.update(outbox).set({ createdAt: sql`now() - interval '90 seconds'` }).where(eq(outbox.id, waiting.id));
    await insertTestEvent(db.db, avaOther);
    const dead = await deadEvent(avaOther, "owner-email: 550 mailbox unavailable");
    await deadEvent(marcus, "someone else's trouble");

    const health = await getSalonDeliveryHealth(db.db, ava.owner.id, avaOther.salon.id, { now: NOW });
    expect(health!.salon.id).toBe(avaOther.salon.id);
    expect(health!.counts).toEqual({ pending: 2, processing: 0, sent: 0, dead: 1 });
    expect(health!.oldestPendingAgeSeconds).toBeGreaterThanOrEqual(90);
    expect(health!.oldestPendingAgeSeconds).toBeLessThan(300);
    expect(health!.dead).toHaveLength(1);
    expect(health!.dead[0]).toMatchObject({
      id: dead.id,
      type: "booking.created",
      bookingId: dead.aggregateId,
      attempts: 8,
      lastError: "owner-email: 550 mailbox unavailable",
    });
    expect(health!.dead[0].reference).toMatch(/^REF-/);
    expect(health!.latency).toHaveLength(12);
  });

  it("shows another owner's salon to nobody else", async () => {
    expect(await getSalonDeliveryHealth(db.db, marcus.owner.id, avaOther.salon.id)).toBeUndefined();
    expect(await getSalonDeliveryHealth(db.db, null, avaOther.salon.id)).toBeUndefined();
    expect(await getSalonDeliveryHealth(db.db, ava.owner.id, marcus.salon.id)).toBeUndefined();
  });
});

describe("retryOwnerDeadEvent", () => {
  it("revives the owner's dead event, due now with fresh attempts, and wakes the relay", async () => {
    let nudges = 0;
    setNudgeHandler(() => {
      nudges += 1;
    });
    const dead = await deadEvent(ava, "owner-email: 421 try later");
    const now = new Date("2030-01-01T13:00:00Z");
    expect(await retryOwnerDeadEvent(db.db, ava.owner.id, { eventId: dead.id, salonId: ava.salon.id }, { now })).toEqual({ status: "retried" });
    const [row] = await db.db.select().from(outbox).where(eq(outbox.id, dead.id));
    expect(row).toMatchObject({ status: "pending", attempts: 0, nextAttemptAt: now });
    await new Promise((r) => setTimeout(r, 10));
    expect(nudges).toBe(1);
    // A live event is not "retried" again.
    expect(await retryOwnerDeadEvent(db.db, ava.owner.id, { eventId: dead.id, salonId: ava.salon.id })).toEqual({ status: "not_found" });
  });

  it("refuses another owner, nobody, and a salon id that does not match the event — changing nothing", async () => {
    const dead = await deadEvent(ava, "owner-email: 550 no such user");
    const before = await snapshotBookingData(db.db);
    const attempts: [string | null | undefined, string][] = [
      [marcus.owner.id, ava.salon.id], // someone else, naming Ava's salon
      [marcus.owner.id, marcus.salon.id], // someone else, naming their own salon
      [null, ava.salon.id],
      [undefined, ava.salon.id],
      [ava.owner.id, marcus.salon.id], // Ava, naming a salon that is not hers
    ];
    for (const [caller, salonId] of attempts) {
      expect(await retryOwnerDeadEvent(db.db, caller, { eventId: dead.id, salonId })).toEqual({ status: "not_found" });
    }
    // Ava, naming her other salon: the event is not that salon's.
    expect(await retryOwnerDeadEvent(db.db, ava.owner.id, { eventId: dead.id, salonId: avaOther.salon.id })).toEqual({ status: "not_found" });
    expect(await snapshotBookingData(db.db)).toEqual(before);
  });
});
