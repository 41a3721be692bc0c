import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliveries, outbox, salons } from "@/db/schema";
import { setNudgeHandler } from "@/lib/outbox/nudge";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture, type SalonFixture } from "@/lib/testing/fixtures";
import { insertTestEvent } from "@/lib/testing/outbox";
import { getSalonDeliveryHealth, latencyBuckets, retryOwnerDelivery } from "./delivery-health";
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

const CHANNELS = ["dashboard", "owner-email", "customer-email"];

/** A finished event of the salon with one delivery per channel, delivered at `at` after `latencies` ms. */
async function deliveredEvent(fixture: SalonFixture, at: Date, latencies: number[]) {
  const event = await insertTestEvent(db.db, fixture);
  await db.db.update(outbox).set({ status: "done", finishedAt: at }).where(eq(outbox.id, event.id));
  await db.db.insert(deliveries).values(
    latencies.map((latencyMs, i) => ({
      eventId: event.id,
      channel: `channel-${i}`,
      aggregateId: event.aggregateId,
      salonId: fixture.salon.id,
      status: "delivered" as const,
      attempts: 1,
      deliveredAt: at,
      latencyMs,
    })),
  );
  return event;
}

/** An event of the salon whose delivery on `channel` gave up with `error`. */
async function givenUpEvent(fixture: SalonFixture, channel: string, error: string, failure: "permanent" | "transient" = "permanent") {
  const event = await insertTestEvent(db.db, fixture);
  await db.db.update(outbox).set({ status: "done", finishedAt: new Date() }).where(eq(outbox.id, event.id));
  await db.db.insert(deliveries).values({
    eventId: event.id,
    channel,
    aggregateId: event.aggregateId,
    salonId: fixture.salon.id,
    status: "given_up",
    attempts: 3,
    failure,
    lastError: error,
  });
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
    const row = { eventId: failing.id, aggregateId: failing.aggregateId, salonId: ava.salon.id };
    await db.db.update(outbox).set({ status: "delivering", openDeliveries: 1 }).where(eq(outbox.id, failing.id));
    await db.db.insert(deliveries).values({ ...row, channel: "channel-0", status: "pending", attempts: 2, lastError: "timeout" });
    await db.db.insert(deliveries).values({ ...row, channel: "channel-1", status: "delivered", attempts: 1, deliveredAt: new Date("2030-01-01T11:31:00Z"), latencyMs: 1500 });

    // Delivered during the fan-out: recorded on the event, delivered at its due time plus the latency.
    const inline = await insertTestEvent(db.db, ava);
    await db.db
      .update(outbox)
      .set({ status: "done", nextAttemptAt: new Date("2030-01-01T11:20:00Z"), finishedAt: new Date("2030-01-01T11:20:01Z"), inlineDeliveries: { dashboard: 700, "owner-email": 900 } })
      .where(eq(outbox.id, inline.id));

    const buckets = await latencyBuckets(db.db, ava.salon.id, NOW);
    expect(buckets).toHaveLength(12);
    expect(buckets[0].start).toBe("2030-01-01T11:05:00.000Z");
    expect(buckets[11].start).toBe("2030-01-01T12:00:00.000Z");
    expect(buckets[11]).toEqual({ start: "2030-01-01T12:00:00.000Z", deliveries: 3, p50Ms: 200, maxMs: 300 });
    expect(buckets[0]).toEqual({ start: "2030-01-01T11:05:00.000Z", deliveries: 1, p50Ms: 5000, maxMs: 5000 });
    expect(buckets[5]).toEqual({ start: "2030-01-01T11:30:00.000Z", deliveries: 1, p50Ms: 1500, maxMs: 1500 });
    expect(buckets[3]).toEqual({ start: "2030-01-01T11:20:00.000Z", deliveries: 2, p50Ms: 800, maxMs: 900 });
    expect(buckets.filter((b) => b.deliveries === 0).every((b) => b.p50Ms === null && b.maxMs === null)).toBe(true);
    expect(buckets.reduce((n, b) => n + b.deliveries, 0)).toBe(7);
  });
});

describe("getSalonDeliveryHealth", () => {
  it("says per channel what waits and why, and lists what gave up with its recipient and the server's answer", async () => {
    const waiting = await insertTestEvent(db.db, avaOther);
    await db.db.update(outbox).set({ nextAttemptAt: sql`now() - interval '90 seconds'` }).where(eq(outbox.id, waiting.id));
    const retrying = await insertTestEvent(db.db, avaOther);
    await db.db.update(outbox).set({ status: "delivering", openDeliveries: 1 }).where(eq(outbox.id, retrying.id));
    await db.db.insert(deliveries).values({
      eventId: retrying.id,
      channel: "owner-email",
      aggregateId: retrying.aggregateId,
      salonId: avaOther.salon.id,
      status: "pending",
      attempts: 2,
      nextAttemptAt: new Date(Date.now() + 60_000),
      failure: "transient",
      lastError: "ECONNREFUSED connect ECONNREFUSED 127.0.0.1:25",
    });
    const bounced = await givenUpEvent(avaOther, "customer-email", "RCPT TO answered 550 5.1.1 no such user");
    await givenUpEvent(marcus, "owner-email", "someone else's trouble");

    const health = await getSalonDeliveryHealth(db.db, ava.owner.id, avaOther.salon.id, { channels: CHANNELS, now: NOW });
    expect(health!.salon.id).toBe(avaOther.salon.id);
    expect(health!.stats.events).toMatchObject({ waiting: 1, delivering: 1 });
    expect(health!.stats.channels.find((c) => c.channel === "owner-email")).toMatchObject({ retrying: 1, givenUp: 0 });
    expect(health!.stats.channels.find((c) => c.channel === "customer-email")).toMatchObject({ retrying: 0, givenUp: 1 });
    expect(health!.waitingReasons).toEqual([{ channel: "owner-email", lastError: "ECONNREFUSED connect ECONNREFUSED 127.0.0.1:25" }]);
    expect(health!.givenUp).toHaveLength(1);
    expect(health!.givenUp[0]).toMatchObject({
      eventId: bounced.id,
      channel: "customer-email",
      eventType: "booking.created",
      bookingId: bounced.aggregateId,
      recipient: "jo@example.test",
      failure: "permanent",
      lastError: "RCPT TO answered 550 5.1.1 no such user",
    });
    expect(health!.givenUp[0].reference).toMatch(/^REF-/);
    expect(health!.latency).toHaveLength(12);
  });

  it("shows another owner's salon to nobody else", async () => {
    expect(await getSalonDeliveryHealth(db.db, marcus.owner.id, avaOther.salon.id, { channels: CHANNELS })).toBeUndefined();
    expect(await getSalonDeliveryHealth(db.db, null, avaOther.salon.id, { channels: CHANNELS })).toBeUndefined();
    expect(await getSalonDeliveryHealth(db.db, ava.owner.id, marcus.salon.id, { channels: CHANNELS })).toBeUndefined();
  });
});

describe("retryOwnerDelivery", () => {
  it("sends the owner's given-up delivery round again on its channel, due now, and wakes that channel's lane", async () => {
    const nudges: { channels: string[] }[] = [];
    setNudgeHandler((nudge) => {
      nudges.push(nudge);
    });
    const gaveUp = await givenUpEvent(ava, "owner-email", "gave up after retrying for 24 h: 421 try later", "transient");
    const now = new Date("2030-01-01T13:00:00Z");
    const input = { eventId: gaveUp.id, channel: "owner-email", salonId: ava.salon.id };
    expect(await retryOwnerDelivery(db.db, ava.owner.id, input, { horizonMs: 3_600_000, now })).toEqual({ status: "retried" });
    const [row] = await db.db.select().from(deliveries).where(eq(deliveries.eventId, gaveUp.id));
    expect(row).toMatchObject({ status: "pending", attempts: 0, nextAttemptAt: now, giveUpAt: new Date("2030-01-01T14:00:00Z") });
    await new Promise((r) => setTimeout(r, 10));
    expect(nudges.map((n) => n.channels)).toEqual([["owner-email"]]);
    // A delivery that is pending again is not "retried" again.
    expect(await retryOwnerDelivery(db.db, ava.owner.id, input, { horizonMs: 3_600_000 })).toEqual({ status: "not_found" });
  });

  it("refuses another owner, nobody, and a salon id that does not match the delivery — changing nothing", async () => {
    const gaveUp = await givenUpEvent(ava, "owner-email", "RCPT TO answered 550 no such user");
    const before = await snapshotBookingData(db.db);
    const attempts: [string | null | undefined, string][] = [
      [marcus.owner.id, ava.salon.id], // someone else, naming Ava's salon
      [marcus.owner.id, marcus.salon.id], // someone else, naming their own salon
      [null, ava.salon.id],
      [undefined, ava.salon.id],
      [ava.owner.id, marcus.salon.id], // Ava, naming a salon that is not hers
      [ava.owner.id, avaOther.salon.id], // Ava, naming her other salon: the delivery is not that salon's
    ];
    for (const [caller, salonId] of attempts) {
      expect(await retryOwnerDelivery(db.db, caller, { eventId: gaveUp.id, channel: "owner-email", salonId }, { horizonMs: 60_000 })).toEqual({ status: "not_found" });
    }
    expect(await snapshotBookingData(db.db)).toEqual(before);
  });
});
