// The relay engine's own rules, with in-memory channels: claiming, per-channel delivery state and
// order, retries and giving up, expiry, lapsed leases, budgets. (lib/notifications/channels has
// the same core with the real channels and an SMTP server.)
import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { deliveries, outbox } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture } from "@/lib/testing/fixtures";
import { claimDueEvents } from "./claim-events";
import { deliveryRecords } from "./delivery-records";
import { drainChannel, drainEvents, drainOutbox, runChannelBatch, runEventBatch, type OutboxChannel, type RelayOptions } from "./relay";
import { createRecordingChannel, insertPendingEvent, testRelaySettings } from "./testing";

let db: TestDatabase;
let salonId: string;
let otherSalonId: string;
let offset = 0;
const now = () => new Date(Date.now() + offset);

const options = (channels: OutboxChannel[], extra: Partial<RelayOptions> = {}): RelayOptions => ({
  holder: "relay-test",
  channels,
  settings: testRelaySettings(),
  now,
  random: () => 0.5,
  ...extra,
});

async function eventRow(id: number) {
  const [row] = await db.db.select().from(outbox).where(eq(outbox.id, id));
  return row;
}
/** A channel's delivery of an event: its deliveries row, or what the event records of an inline delivery. */
async function deliveryOf(id: number, channel: string) {
  const [row] = await db.db.select().from(deliveries).where(and(eq(deliveries.eventId, id), eq(deliveries.channel, channel)));
  return row ?? (await deliveryRecords(db.db, [id])).find((r) => r.channel === channel);
}

beforeAll(async () => {
  db = await createTestDatabase();
  salonId = (await createSalonFixture(db.db)).salon.id;
  otherSalonId = (await createSalonFixture(db.db)).salon.id;
});
beforeEach(async () => {
  offset = 0;
  await db.db.delete(deliveries);
  await db.db.delete(outbox);
});
afterAll(async () => {
  await db.dispose();
});

describe("claiming events for fan-out", () => {
  it("hands channels the event as it was written: ids, payload, creation and expiry, typed", async () => {
    const expiresAt = new Date("2031-01-01T10:00:00Z");
    const [row] = await db.db
      .insert(outbox)
      .values({ aggregateType: "booking", aggregateId: randomUUID(), salonId, eventType: "booking.created", payload: { a: [1, "x"] }, expiresAt })
      .returning();
    const [claimed] = await claimDueEvents(db.db, { holder: "h", limit: 10, leaseMs: 60_000, maxLeaseLapses: 5, now: now() });
    expect(claimed).toMatchObject({ id: row.id, aggregateId: row.aggregateId, salonId, eventType: "booking.created", payload: { a: [1, "x"] } });
    expect(claimed.createdAt).toBeInstanceOf(Date);
    expect(claimed.expiresAt?.toISOString()).toBe(expiresAt.toISOString());
    expect(claimed).toMatchObject({ existingChannels: [], blockedChannels: [], exhausted: false });
  });

  it("fans out an aggregate's events one after the other, and a scheduled earlier event holds nothing back", async () => {
    const booking = randomUUID();
    const first = await insertPendingEvent(db.db, salonId, { aggregateId: booking });
    const second = await insertPendingEvent(db.db, salonId, { aggregateId: booking });
    const claim = () => claimDueEvents(db.db, { holder: "h", limit: 10, leaseMs: 60_000, maxLeaseLapses: 5, now: now() });
    expect((await claim()).map((e) => e.id)).toEqual([first]);
    // The first is in flight: the second still waits.
    expect(await claim()).toEqual([]);

    const reminder = randomUUID();
    const later = await insertPendingEvent(db.db, salonId, { aggregateId: reminder, nextAttemptAt: new Date(Date.now() + 86_400_000) });
    const now2 = await insertPendingEvent(db.db, salonId, { aggregateId: reminder });
    expect((await claim()).map((e) => e.id)).toEqual([now2]);
    expect((await eventRow(later)).status).toBe("pending");
    expect(second).toBeGreaterThan(first);
  });

  it("asks for another batch when a later event of an aggregate waits for this one, not when it is scheduled", async () => {
    const channel = createRecordingChannel("dashboard", "inline");
    const waiting = randomUUID();
    await insertPendingEvent(db.db, salonId, { aggregateId: waiting });
    await insertPendingEvent(db.db, salonId, { aggregateId: waiting });
    expect((await runEventBatch(db.db, options([channel]))).more).toBe(true);
    expect((await runEventBatch(db.db, options([channel]))).more).toBe(false);
    // A booking and its reminder, due a day before the appointment: one batch, nothing more to claim.
    const booked = randomUUID();
    await insertPendingEvent(db.db, salonId, { aggregateId: booked });
    await insertPendingEvent(db.db, salonId, { aggregateId: booked, nextAttemptAt: new Date(Date.now() + 86_400_000) });
    const batch = await runEventBatch(db.db, options([channel]));
    expect(batch).toMatchObject({ claimed: 1, more: false });
  });

  it("claims a fresh event even when the relay's clock reads earlier than the database's", async () => {
    const id = await insertPendingEvent(db.db, salonId);
    const [claimed] = await claimDueEvents(db.db, { holder: "h", limit: 10, leaseMs: 60_000, maxLeaseLapses: 5, now: new Date(Date.now() - 5_000) });
    expect(claimed?.id).toBe(id);
  });

  it("claims only the salon it is asked for", async () => {
    const mine = await insertPendingEvent(db.db, salonId);
    await insertPendingEvent(db.db, otherSalonId);
    const claimed = await claimDueEvents(db.db, { holder: "h", limit: 10, leaseMs: 60_000, maxLeaseLapses: 5, now: now(), salonId });
    expect(claimed.map((e) => e.id)).toEqual([mine]);
  });

  it("takes over an expired lease but not a live one, counting the lapse", async () => {
    const id = await insertPendingEvent(db.db, salonId);
    await claimDueEvents(db.db, { holder: "crashed", limit: 10, leaseMs: 1_000, maxLeaseLapses: 5, now: now() });
    expect(await claimDueEvents(db.db, { holder: "other", limit: 10, leaseMs: 1_000, maxLeaseLapses: 5, now: now() })).toEqual([]);
    const [taken] = await claimDueEvents(db.db, { holder: "other", limit: 10, leaseMs: 1_000, maxLeaseLapses: 5, now: new Date(Date.now() + 2_000) });
    expect(taken.id).toBe(id);
    expect(await eventRow(id)).toMatchObject({ attempts: 1, leaseHolder: "other", lastError: "lease of crashed expired" });
  });
});

describe("per-channel delivery", () => {
  it("delivers inline channels at fan-out and hands queued ones to their lanes; the event is done when all are", async () => {
    const dashboard = createRecordingChannel("dashboard", "inline");
    const email = createRecordingChannel("email", "queued");
    const id = await insertPendingEvent(db.db, salonId);

    const fanOut = await runEventBatch(db.db, options([dashboard, email]));
    expect(fanOut).toMatchObject({ claimed: 1, delivered: 1, done: 0, channelsWithWork: ["email"] });
    expect(dashboard.delivered).toEqual([id]);
    expect(email.delivered).toEqual([]);
    expect(await eventRow(id)).toMatchObject({ status: "delivering", openDeliveries: 1, leaseHolder: null });
    // Delivered at fan-out: recorded on the event, not as a deliveries row.
    expect((await eventRow(id)).inlineDeliveries).toEqual({ dashboard: expect.any(Number) });
    expect(await db.db.select().from(deliveries).where(and(eq(deliveries.eventId, id), eq(deliveries.channel, "dashboard")))).toEqual([]);
    expect(await deliveryOf(id, "dashboard")).toMatchObject({ status: "delivered", attempts: 1, latencyMs: expect.any(Number) });
    expect(await deliveryOf(id, "email")).toMatchObject({ status: "pending", attempts: 0 });

    expect(await runChannelBatch(db.db, email, options([dashboard, email]))).toMatchObject({ delivered: 1 });
    expect(email.delivered).toEqual([id]);
    expect(await eventRow(id)).toMatchObject({ status: "done", openDeliveries: 0 });
    expect((await eventRow(id)).finishedAt).toBeInstanceOf(Date);
  });

  it("asks a lane for another batch when a delivery it finished has a successor waiting on its channel, not otherwise", async () => {
    const email = createRecordingChannel("email", "queued");
    const booking = randomUUID();
    const [first, second] = [await insertPendingEvent(db.db, salonId, { aggregateId: booking }), await insertPendingEvent(db.db, salonId, { aggregateId: booking })];
    const alone = await insertPendingEvent(db.db, salonId);
    await drainEvents(db.db, options([email]));
    // The first delivery and the lone one; the second waits behind the first on this channel.
    expect(await runChannelBatch(db.db, email, options([email]))).toMatchObject({ delivered: 2, more: true });
    expect(await runChannelBatch(db.db, email, options([email]))).toMatchObject({ delivered: 1, more: false });
    expect(email.delivered).toEqual([first, alone, second]);
  });

  it("finishes an event at fan-out when every channel is inline, in one statement, as before", async () => {
    const a = createRecordingChannel("a", "inline");
    const b = createRecordingChannel("b", "inline");
    const ids = [await insertPendingEvent(db.db, salonId), await insertPendingEvent(db.db, salonId)];
    expect(await runEventBatch(db.db, options([a, b]))).toMatchObject({ claimed: 2, done: 2, delivered: 4, more: false });
    expect((await db.db.select().from(outbox).where(inArray(outbox.id, ids))).map((r) => r.status)).toEqual(["done", "done"]);
  });

  it("retries a failed channel on its own: the other channels deliver, and the booking's next event goes out on them at once", async () => {
    const dashboard = createRecordingChannel("dashboard", "inline");
    const email = createRecordingChannel("email", "queued");
    const booking = randomUUID();
    const created = await insertPendingEvent(db.db, salonId, { aggregateId: booking });
    email.failNext([created]);
    await drainOutbox(db.db, options([dashboard, email]));
    expect(await deliveryOf(created, "email")).toMatchObject({ status: "pending", attempts: 1, failure: "transient", lastError: "transient test failure" });

    // The booking is cancelled meanwhile: the dashboard shows it at once; the email waits its turn.
    const cancelled = await insertPendingEvent(db.db, salonId, { aggregateId: booking });
    await drainOutbox(db.db, options([dashboard, email]));
    expect(dashboard.delivered).toEqual([created, cancelled]);
    expect(email.delivered).toEqual([]);
    expect(await deliveryOf(cancelled, "email")).toMatchObject({ status: "pending", attempts: 0 });

    // Once the retry is due, the email channel delivers both, in order.
    offset = 60_000;
    await drainOutbox(db.db, options([dashboard, email]));
    expect(email.delivered).toEqual([created, cancelled]);
    expect((await eventRow(created)).status).toBe("done");
    expect((await eventRow(cancelled)).status).toBe("done");
  });

  it("gives up a permanent failure at once, for that channel only, and the booking's later events still go out on it", async () => {
    const dashboard = createRecordingChannel("dashboard", "inline");
    const email = createRecordingChannel("email", "queued");
    const booking = randomUUID();
    const created = await insertPendingEvent(db.db, salonId, { aggregateId: booking });
    email.failNext([created], "permanent");
    await drainOutbox(db.db, options([dashboard, email]));
    expect(await deliveryOf(created, "email")).toMatchObject({ status: "given_up", failure: "permanent", attempts: 1, lastError: "permanent test failure" });
    expect(await eventRow(created)).toMatchObject({ status: "done", openDeliveries: 0 });

    const cancelled = await insertPendingEvent(db.db, salonId, { aggregateId: booking });
    await drainOutbox(db.db, options([dashboard, email]));
    expect(email.delivered).toEqual([cancelled]);
    expect(dashboard.delivered).toEqual([created, cancelled]);
    expect((await eventRow(cancelled)).status).toBe("done");
  });

  it("an inline channel that fails queues behind in its own lane, and its later events wait there too", async () => {
    const dashboard = createRecordingChannel("dashboard", "inline");
    const email = createRecordingChannel("email", "queued");
    const booking = randomUUID();
    const created = await insertPendingEvent(db.db, salonId, { aggregateId: booking });
    dashboard.failNext([created]);
    await runEventBatch(db.db, options([dashboard, email]));
    expect(await deliveryOf(created, "dashboard")).toMatchObject({ status: "pending", attempts: 1 });
    const moved = await insertPendingEvent(db.db, salonId, { aggregateId: booking });
    const fanOut = await runEventBatch(db.db, options([dashboard, email]));
    expect(fanOut.channelsWithWork.sort()).toEqual(["dashboard", "email"]);
    // Not delivered inline: it would overtake the failed one.
    expect(dashboard.delivered).toEqual([]);
    expect(await deliveryOf(moved, "dashboard")).toMatchObject({ status: "pending", attempts: 0 });
    offset = 60_000;
    await drainChannel(db.db, dashboard, options([dashboard, email]));
    expect(dashboard.delivered).toEqual([created, moved]);
  });

  it("drops and records a delivery for a channel that honours expiry once the event's time has passed; others still deliver", async () => {
    const dashboard = createRecordingChannel("dashboard", "inline");
    const email = { ...createRecordingChannel("email", "queued"), honoursExpiry: true };
    const recorder = email as ReturnType<typeof createRecordingChannel>;
    const [row] = await db.db
      .insert(outbox)
      .values({ aggregateType: "booking", aggregateId: randomUUID(), salonId, eventType: "booking.created", payload: {}, expiresAt: new Date(Date.now() - 1_000) })
      .returning();
    await drainOutbox(db.db, options([dashboard, email]));
    expect(dashboard.delivered).toEqual([row.id]);
    expect(recorder.delivered).toEqual([]);
    expect(await deliveryOf(row.id, "email")).toMatchObject({ status: "given_up", failure: "expired" });
    expect((await deliveryOf(row.id, "email")).lastError).toMatch(/time had passed/);
    expect((await eventRow(row.id)).status).toBe("done");
  });

  it("retries a transient failure until the horizon and not beyond, then gives up with the last error", async () => {
    const email = createRecordingChannel("email", "queued");
    const settings = testRelaySettings({ retry: { baseMs: 1_000, capMs: 1_000, horizonMs: 10_000 } });
    const id = await insertPendingEvent(db.db, salonId);
    await runEventBatch(db.db, options([email], { settings }));
    let tries = 0;
    for (let t = 0; t <= 12_000; t += 1_000) {
      offset = t;
      email.failNext([id]);
      const batch = await runChannelBatch(db.db, email, options([email], { settings }));
      tries += batch.batches;
    }
    const row = await deliveryOf(id, "email");
    expect(row).toMatchObject({ status: "given_up", failure: "transient" });
    expect(row.lastError).toBe("gave up after retrying for 10 s: transient test failure");
    expect(tries).toBeGreaterThanOrEqual(9);
    expect(email.delivered).toEqual([]);
  });

  it("a delivery whose relay crashed is taken over once its lease lapses, and given up after too many lapses", async () => {
    const email = createRecordingChannel("email", "queued");
    const settings = testRelaySettings({ leaseMs: 1_000, retry: { maxLeaseLapses: 2 } });
    const id = await insertPendingEvent(db.db, salonId);
    await runEventBatch(db.db, options([email], { settings }));
    // A lane claims it and dies before recording anything.
    const release = email.hold();
    const dying = runChannelBatch(db.db, email, options([email], { settings, holder: "dies" }));
    await email.held();
    offset = 2_000;
    const release2 = email.hold();
    const takeover = runChannelBatch(db.db, email, options([email], { settings, holder: "takes-over" }));
    await email.held();
    expect(await deliveryOf(id, "email")).toMatchObject({ leaseHolder: "takes-over", leaseLapses: 1, lastError: "lease of dies expired" });
    offset = 4_000;
    const third = await runChannelBatch(db.db, email, options([email], { settings, holder: "third" }));
    expect(third).toMatchObject({ givenUp: 1 });
    expect(await deliveryOf(id, "email")).toMatchObject({ status: "given_up", failure: "lease" });
    release();
    release2();
    await Promise.all([dying, takeover]);
    // The lanes that lost their leases cannot overwrite the outcome, nor count the event twice.
    expect(await deliveryOf(id, "email")).toMatchObject({ status: "given_up" });
    expect(await eventRow(id)).toMatchObject({ status: "done", openDeliveries: 0 });
  });

  it("records each message's outcome as the channel reports it, while the rest of its batch is still going", async () => {
    let finish!: () => void;
    const gate = new Promise<void>((resolve) => (finish = resolve));
    const ids = [await insertPendingEvent(db.db, salonId), await insertPendingEvent(db.db, salonId)];
    const email: OutboxChannel = {
      name: "email",
      mode: "queued",
      async deliver(events, { report }) {
        report?.({ eventId: events[0].id, ok: true });
        await gate;
        return events.map((e) => ({ eventId: e.id, ok: true as const }));
      },
    };
    await runEventBatch(db.db, options([email]));
    const batch = runChannelBatch(db.db, email, options([email]));
    await expect.poll(async () => (await deliveryOf(ids[0], "email")).status, { timeout: 2_000 }).toBe("delivered");
    expect((await deliveryOf(ids[1], "email")).status).toBe("processing");
    finish();
    expect(await batch).toMatchObject({ delivered: 2 });
  });

  it("counts a channel that throws or forgets an event as a transient failure for those events only", async () => {
    const ids = [await insertPendingEvent(db.db, salonId), await insertPendingEvent(db.db, salonId)];
    const forgetful: OutboxChannel = { name: "forgetful", mode: "inline", deliver: async (events) => [{ eventId: events[0].id, ok: true }] };
    const throwing: OutboxChannel = { name: "throwing", mode: "inline", deliver: async () => Promise.reject(new Error("boom")) };
    await runEventBatch(db.db, options([forgetful, throwing]));
    expect(await deliveryOf(ids[0], "forgetful")).toMatchObject({ status: "delivered" });
    expect(await deliveryOf(ids[1], "forgetful")).toMatchObject({ status: "pending", lastError: "channel returned no result" });
    expect(await deliveryOf(ids[0], "throwing")).toMatchObject({ status: "pending", lastError: "boom", failure: "transient" });
  });

  it("gives up every channel of an event whose fan-out crashed every relay that took it", async () => {
    const email = createRecordingChannel("email", "queued");
    const settings = testRelaySettings({ leaseMs: 1_000, retry: { maxLeaseLapses: 2 } });
    const id = await insertPendingEvent(db.db, salonId);
    for (let lapse = 0; lapse < 2; lapse++) {
      offset = lapse * 2_000;
      await claimDueEvents(db.db, { holder: `crash-${lapse}`, limit: 10, leaseMs: 1_000, maxLeaseLapses: 2, now: now() });
    }
    offset = 10_000;
    expect(await runEventBatch(db.db, options([email], { settings }))).toMatchObject({ claimed: 1, givenUp: 1 });
    expect(await deliveryOf(id, "email")).toMatchObject({ status: "given_up", failure: "lease" });
    expect((await eventRow(id)).status).toBe("done");
  });

  it("a relay that overran its lease still records its inline deliveries; the next fan-out does not repeat them", async () => {
    const dashboard = createRecordingChannel("dashboard", "inline");
    const email = createRecordingChannel("email", "queued");
    const settings = testRelaySettings({ leaseMs: 1_000 });
    const id = await insertPendingEvent(db.db, salonId);
    const release = dashboard.hold();
    const overrunning = runEventBatch(db.db, options([dashboard, email], { holder: "slow", settings }));
    await dashboard.held();
    // Its lease lapses mid-delivery and another relay takes the event over.
    await claimDueEvents(db.db, { holder: "other", limit: 10, leaseMs: 1_000, maxLeaseLapses: 5, now: new Date(Date.now() + 2_000) });
    release();
    expect(await overrunning).toMatchObject({ claimed: 1, done: 0 });
    expect(await eventRow(id)).toMatchObject({ status: "processing", leaseHolder: "other", inlineDeliveries: { dashboard: expect.any(Number) } });
    // "other" crashes too; the relay after it delivers only what is left.
    offset = 4_000;
    expect(await runEventBatch(db.db, options([dashboard, email], { holder: "third", settings }))).toMatchObject({ claimed: 1, channelsWithWork: ["email"] });
    expect(dashboard.delivered).toEqual([id]);
    expect(await deliveryOf(id, "dashboard")).toMatchObject({ status: "delivered", attempts: 1 });
    expect(await eventRow(id)).toMatchObject({ status: "delivering", openDeliveries: 1 });
  });

  it("delivers each event once per channel when two relays drain the same table at once", async () => {
    const a = createRecordingChannel("dashboard", "inline");
    const b = createRecordingChannel("email", "queued");
    const ids: number[] = [];
    for (let i = 0; i < 60; i++) ids.push(await insertPendingEvent(db.db, i % 2 ? salonId : otherSalonId));
    const small = testRelaySettings({ batchSize: 7, channelBatchSize: 5 });
    await Promise.all([drainOutbox(db.db, options([a, b], { holder: "one", settings: small })), drainOutbox(db.db, options([a, b], { holder: "two", settings: small }))]);
    expect([...a.delivered].sort()).toEqual([...ids].sort());
    expect([...b.delivered].sort()).toEqual([...ids].sort());
    const open = await db.db.select({ n: sql<number>`count(*)::int` }).from(outbox).where(sql`status <> 'done'`);
    expect(open[0].n).toBe(0);
  });

  it("stops claiming when the time budget is spent and reports it", async () => {
    for (let i = 0; i < 5; i++) await insertPendingEvent(db.db, salonId);
    const slow: OutboxChannel = {
      name: "slow",
      mode: "inline",
      deliver: async (events) => {
        await new Promise((r) => setTimeout(r, 60));
        return events.map((e) => ({ eventId: e.id, ok: true as const }));
      },
    };
    const result = await drainEvents(db.db, options([slow], { settings: testRelaySettings({ batchSize: 1, budgetMs: 100 }) }));
    expect(result.budgetExhausted).toBe(true);
    expect(result.claimed).toBeLessThan(5);
  });
});
