// The faults every mail server meets, against the real booking channels and the embedded relay
// with its lanes, time compressed through the relay's settings (a retry base of 50 ms instead of
// 2 s). Runs on PGlite, and on Postgres with DATABASE_URL. (The killed relay process and the
// database that goes away are in relay-process-faults.test.ts, on Postgres.)
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { deliveries, outbox, ownerNotifications } from "@/db/schema";
import { cancelBooking } from "@/lib/booking/cancel-booking";
import { createBooking } from "@/lib/booking/create-booking";
import { bookingRequest, londonStart, newKey, TEST_NOW } from "@/lib/booking/test-support";
import { outboxStats } from "@/lib/outbox/admin";
import { deliveryRecords } from "@/lib/outbox/delivery-records";
import { startEmbeddedRelay, type EmbeddedRelay } from "@/lib/outbox/drivers/embedded";
import { nudgeRelay, setNudgeHandler } from "@/lib/outbox/nudge";
import type { OutboxChannel } from "@/lib/outbox/relay";
import { testRelaySettings, waitUntil } from "@/lib/outbox/testing";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture } from "@/lib/testing/fixtures";
import { insertTestEvent } from "@/lib/testing/outbox";
import { startSmtpSink, type SmtpSink } from "@/lib/testing/smtp-sink";
import { createTestBookingChannels } from "./testing";
import { NEW_CUSTOMER } from "@/lib/booking/actor";

const MAX_CONNECTIONS = 4;
// The old schedule gave up after 8 failed attempts (2 s doubling, about a minute in all).
const OLD_SCHEDULE_ATTEMPTS = 8;

let db: TestDatabase;
let sink: SmtpSink;
let channels: OutboxChannel[];
let relay: EmbeddedRelay | undefined;

beforeAll(async () => {
  db = await createTestDatabase();
});
beforeEach(async () => {
  sink = await startSmtpSink();
  channels = createTestBookingChannels({ smtpUrl: sink.url, maxConnections: MAX_CONNECTIONS, messageTimeoutMs: 10_000 });
});
afterEach(async () => {
  setNudgeHandler(null);
  await relay?.stop();
  relay = undefined;
  await Promise.all(channels.map((c) => c.close?.()));
  await sink.close();
});
afterAll(async () => {
  await db.dispose();
});

function startRelay() {
  relay = startEmbeddedRelay(db.db, {
    channels,
    settings: testRelaySettings({ retry: { baseMs: 50, capMs: 300, horizonMs: 120_000 } }),
    pollMs: 50,
    eventLanes: 2,
    channelLanes: 1,
    retentionDays: 30,
  });
  setNudgeHandler((nudge) => relay?.wake(nudge));
  return relay;
}

const ownerMessageId = (eventId: number) => `<event-${eventId}@salon-booking.local>`;
const customerMessageId = (eventId: number) => `<event-${eventId}-customer@salon-booking.local>`;
const countOf = (ids: string[], id: string) => ids.filter((m) => m === id).length;
const allDone = (ids: number[]) => async () =>
  (await db.db.select({ status: outbox.status }).from(outbox).where(inArray(outbox.id, ids))).every((r) => r.status === "done");

describe("the relay under real mail faults", () => {
  it("outlasts an outage answered with 451 for longer than the old schedule: nothing given up, everything delivered once after recovery, over a few reused connections", async () => {
    const salons = [await createSalonFixture(db.db), await createSalonFixture(db.db)];
    const events = [];
    for (let i = 0; i < 10; i++) events.push(await insertTestEvent(db.db, salons[i % 2]));
    const ids = events.map((e) => e.id);
    sink.mode = "defer";
    startRelay();
    nudgeRelay();

    // Wait until every owner mail has failed more often than the old schedule allowed.
    const minAttempts = async () => {
      const [row] = await db.db
        .select({ n: sql<number>`min(attempts)::int` })
        .from(deliveries)
        .where(and(inArray(deliveries.eventId, ids), eq(deliveries.channel, "owner-email")));
      return Number(row?.n ?? 0);
    };
    expect(await waitUntil(async () => (await minAttempts()) > OLD_SCHEDULE_ATTEMPTS + 2, 30_000)).not.toBeNull();
    const givenUp = await db.db.select().from(deliveries).where(and(inArray(deliveries.eventId, ids), sql`given_up`));
    expect(givenUp).toEqual([]);

    sink.mode = "accept";
    expect(await waitUntil(allDone(ids), 15_000)).not.toBeNull();
    for (const id of ids) expect(countOf(sink.messageIds, ownerMessageId(id))).toBe(1);
    const rows = await db.db.select().from(deliveries).where(inArray(deliveries.eventId, ids));
    expect(rows.every((d) => d.status === "delivered")).toBe(true);
    // Over a hundred "try later" answers, and the connections stayed open through them.
    expect(sink.refusals).toBeGreaterThan(ids.length * OLD_SCHEDULE_ATTEMPTS);
    expect(sink.connections).toBeLessThanOrEqual(MAX_CONNECTIONS * 2);
  });

  it("a 550 for the customer gives up that channel for that event only; the owner and dashboard get it, and the booking's later events go out on every channel", async () => {
    const f = await createSalonFixture(db.db, { cancellationCutoffMinutes: 0 });
    const created = await createBooking(
      db.db,
      bookingRequest(f, { start: londonStart("10:00"), customer: { name: "Bo", email: "bounce@customer.test" } }),
      { actor: NEW_CUSTOMER, idempotencyKey: newKey("bounce"), now: TEST_NOW },
    );
    if (created.status !== "created") throw new Error(`expected created, got ${created.status}`);
    sink.modeFor = (to) => (to === "bounce@customer.test" ? "reject" : undefined);
    startRelay();
    nudgeRelay(f.salon.id);
    const [first] = await db.db.select().from(outbox).where(eq(outbox.aggregateId, created.booking.id));
    expect(await waitUntil(allDone([first.id]), 10_000)).not.toBeNull();
    const customer = (await db.db.select().from(deliveries).where(eq(deliveries.eventId, first.id))).find((d) => d.channel === "customer-email")!;
    expect(customer).toMatchObject({ status: "given_up", failure: "permanent" });
    expect(customer.lastError).toMatch(/550/);
    expect(countOf(sink.messageIds, ownerMessageId(first.id))).toBe(1);

    // The address is fixed at the customer's end; the customer cancels: every channel gets it.
    sink.modeFor = undefined;
    const cancelled = await cancelBooking(db.db, { actor: { by: "customer", token: created.booking.manageToken }, now: TEST_NOW });
    expect(cancelled.status).toBe("cancelled");
    const events = await db.db.select().from(outbox).where(eq(outbox.aggregateId, created.booking.id));
    const second = events.find((e) => e.id !== first.id)!;
    expect(await waitUntil(allDone([second.id]), 10_000)).not.toBeNull();
    const later = await deliveryRecords(db.db, [second.id]);
    expect(later.map((d) => [d.channel, d.status]).sort()).toEqual([
      ["customer-email", "delivered"],
      ["dashboard", "delivered"],
      ["owner-email", "delivered"],
    ]);
    expect(countOf(sink.messageIds, customerMessageId(second.id))).toBe(1);
    // Nothing of the booking waits: the given-up one does not hold anything back.
    const stats = await outboxStats(db.db, { channels: channels.map((c) => c.name), salonIds: [f.salon.id] });
    expect(stats.channels.every((c) => c.waiting + c.retrying + c.inFlight === 0)).toBe(true);
    expect(stats.oldestWaitingAgeSeconds).toBeNull();
  });

  it("a server that answers each message after 2 s: no accepted message is sent twice, and each booking is on the dashboard before its email is accepted", async () => {
    const f = await createSalonFixture(db.db);
    sink.answerDelayMs = 2_000;
    startRelay();
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) {
      ids.push((await insertTestEvent(db.db, f)).id);
      nudgeRelay(f.salon.id);
    }
    expect(await waitUntil(allDone(ids), 30_000)).not.toBeNull();
    for (const id of ids) expect(countOf(sink.messageIds, ownerMessageId(id))).toBe(1);
    const rows = await db.db.select().from(deliveries).where(and(inArray(deliveries.eventId, ids), eq(deliveries.channel, "owner-email")));
    expect(rows.every((d) => d.status === "delivered" && d.attempts === 1)).toBe(true);
    // The dashboard did not wait for the mail: every notification was written before the mail
    // server accepted that booking's email (which took at least 2 s each).
    const feed = await db.db.select().from(ownerNotifications).where(inArray(ownerNotifications.eventId, ids));
    expect(feed).toHaveLength(ids.length);
    for (const n of feed) {
      const acceptedAt = sink.acceptedAt[sink.messageIds.indexOf(ownerMessageId(n.eventId))];
      expect(n.createdAt.getTime()).toBeLessThan(acceptedAt - 1_000);
    }
  });
});
