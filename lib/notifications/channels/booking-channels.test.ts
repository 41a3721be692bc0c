// The relay end to end with the real booking channels: a real SMTP server (smtp-server) receives
// the mail, the dashboard channel writes owner_notifications. Runs on PGlite, and on Postgres when
// DATABASE_URL is set. (mail-faults.test.ts has the mail server's failures.)
import { asc, eq, inArray } from "drizzle-orm";
import nodeIcal from "node-ical";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { bookings, deliveries, outbox, ownerNotifications } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture, type SalonFixture } from "@/lib/testing/fixtures";
import { insertTestEvent, testBookingPayload } from "@/lib/testing/outbox";
import { startSmtpSink, type SmtpSink } from "@/lib/testing/smtp-sink";
import { claimDueEvents } from "@/lib/outbox/claim-events";
import { deliveryRecords } from "@/lib/outbox/delivery-records";
import { drainOutbox, type OutboxChannel, type RelayOptions } from "@/lib/outbox/relay";
import { testRelaySettings } from "@/lib/outbox/testing";
import { createTestBookingChannels } from "./testing";

let db: TestDatabase;
let sink: SmtpSink;
let channels: OutboxChannel[];
// The relay's clock runs ahead of the real one by `offset`, so tests can skip a backoff.
let offset = 0;
const now = () => new Date(Date.now() + offset);
const skipBackoff = () => (offset += 5_000);

function relay(holder = "relay-a", extra: Partial<RelayOptions> = {}): RelayOptions {
  // Jitter pinned to its ceiling: a retried delivery then waits its full backoff (2 s after the
  // first failure), so "still inside its backoff" cannot race a slow machine's clock.
  return { holder, channels, now, settings: testRelaySettings({ batchSize: 50 }), random: () => 0.999, ...extra };
}

const eventRow = async (id: number) => (await db.db.select().from(outbox).where(eq(outbox.id, id)))[0];
const deliveryRows = (id: number) =>
  db.db.select().from(deliveries).where(eq(deliveries.eventId, id)).orderBy(asc(deliveries.channel));
/** Every channel's delivery of the event, the dashboard's (made at fan-out, recorded on the event) included. */
const deliveriesOf = (id: number) => deliveryRecords(db.db, [id]);
const notificationsOf = (fixture: SalonFixture) =>
  db.db.select().from(ownerNotifications).where(eq(ownerNotifications.salonId, fixture.salon.id)).orderBy(asc(ownerNotifications.createdAt));
const messageId = (eventId: number) => `<event-${eventId}@salon-booking.local>`;

beforeAll(async () => {
  db = await createTestDatabase();
  sink = await startSmtpSink();
  channels = createTestBookingChannels({ smtpUrl: sink.url, maxConnections: 4 });
});

afterAll(async () => {
  await Promise.all(channels.map((c) => c.close?.()));
  await sink.close();
  await db.dispose();
});

beforeEach(() => {
  sink.mode = "accept";
  sink.modeFor = undefined;
});

describe("the booking channels through the relay", () => {
  it("emails the owner the slot details with an invitation and adds one dashboard notification", async () => {
    const fixture = await createSalonFixture(db.db, { timeZone: "America/New_York" });
    const event = await insertTestEvent(db.db, fixture, {
      start: new Date("2030-03-14T14:00:00Z"),
      customer: { name: "Ana <b>Bold</b>", note: "Allergic to <script>" },
    });
    const before = sink.messageIds.length;

    const result = await drainOutbox(db.db, relay());

    expect(result.done).toBeGreaterThanOrEqual(1);
    await sink.waitForMessages(before + 1);
    const mails = (await sink.parsed()).filter((m) => m.messageId === messageId(event.id));
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0].address : null).toBe(fixture.owner.email);
    expect(mail.subject).toBe(`${fixture.salon.name}: new booking, Cut on Thu 14 Mar 2030, 10:00`);
    expect(mail.text).toContain(fixture.salon.name);
    expect(mail.text).toContain(fixture.stylists[0].name);
    expect(mail.text).toContain("Thursday 14 March 2030, 10:00–10:30 (America/New_York, EDT)");
    expect(mail.text).toContain("Ana <b>Bold</b>");
    expect(mail.text).toContain("jo@example.test");
    expect(mail.text).toContain("+44 20 7946 0000");
    expect(mail.text).toContain((event.payload as { reference: string }).reference);
    // Customer-supplied text is escaped in the HTML, never markup.
    expect(mail.html).toContain("Ana &#60;b&#62;Bold&#60;/b&#62;");
    expect(mail.html).not.toContain("<script>");

    const calendarPart = mail.attachments.find((a) => a.contentType === "text/calendar");
    expect(calendarPart).toBeDefined();
    const calendarText = calendarPart!.content.toString("utf8");
    expect(calendarText).toContain("METHOD:REQUEST");
    const vevent = Object.values(nodeIcal.sync.parseICS(calendarText)).find((c) => c?.type === "VEVENT");
    expect(vevent).toMatchObject({
      uid: `${(event.payload as { bookingId: string }).bookingId}@salon-booking`,
      sequence: 1,
    });
    expect((vevent as { start: Date }).start.toISOString()).toBe("2030-03-14T14:00:00.000Z");

    const notifications = await notificationsOf(fixture);
    expect(notifications).toHaveLength(1);
    expect(notifications[0]).toMatchObject({
      eventId: event.id,
      ownerId: fixture.owner.id,
      bookingId: event.aggregateId,
      eventType: "booking.created",
    });

    const row = await eventRow(event.id);
    expect(row).toMatchObject({ status: "done", attempts: 0, openDeliveries: 0, leaseHolder: null, leaseExpiresAt: null });
    expect(row.finishedAt).not.toBeNull();
    const recorded = await deliveriesOf(event.id);
    // The customer channel is recorded too (this test event has no booking row, so it sends nothing).
    expect(recorded.map((d) => [d.channel, d.status, d.attempts])).toEqual([
      ["customer-email", "delivered", 1],
      ["dashboard", "delivered", 1],
      ["owner-email", "delivered", 1],
    ]);
    expect(recorded.every((d) => d.latencyMs !== null && d.latencyMs >= 0)).toBe(true);
  });

  it("a deferred (4xx) or dropped owner mail is retried on its own channel and delivered once; the dashboard is not repeated", async () => {
    for (const [mode, error] of [["defer", /451/], ["drop", /connection|closed|socket|ECONN/i]] as const) {
      const fixture = await createSalonFixture(db.db);
      const event = await insertTestEvent(db.db, fixture);
      sink.modeFor = (to) => (to === fixture.owner.email ? mode : undefined);

      const first = await drainOutbox(db.db, relay());
      expect(first.retried).toBe(1);
      const owner = (await deliveryRows(event.id)).find((d) => d.channel === "owner-email")!;
      expect(owner).toMatchObject({ status: "pending", attempts: 1, failure: "transient" });
      expect(owner.lastError).toMatch(error);
      expect(owner.nextAttemptAt.getTime()).toBeGreaterThan(now().getTime());
      expect((await eventRow(event.id)).status).toBe("delivering");
      expect(await notificationsOf(fixture)).toHaveLength(1);

      // Still inside its backoff: the next run leaves it alone.
      sink.modeFor = undefined;
      expect((await drainOutbox(db.db, relay())).delivered).toBe(0);

      skipBackoff();
      expect((await drainOutbox(db.db, relay())).delivered).toBe(1);
      expect((await eventRow(event.id)).status).toBe("done");
      expect(sink.messageIds.filter((id) => id === messageId(event.id))).toHaveLength(1);
      expect(await notificationsOf(fixture)).toHaveLength(1);
      const recorded = await deliveriesOf(event.id);
      expect(recorded.map((d) => [d.channel, d.status, d.attempts])).toEqual([
        ["customer-email", "delivered", 1],
        ["dashboard", "delivered", 1],
        ["owner-email", "delivered", 2],
      ]);
      expect(recorded[2].lastError).toMatch(error);
    }
  });

  it("an owner mail refused with 550 gives up at once with the server's answer, and goes out when the owner retries", async () => {
    const fixture = await createSalonFixture(db.db);
    const event = await insertTestEvent(db.db, fixture);
    sink.modeFor = (to) => (to === fixture.owner.email ? "reject" : undefined);
    await drainOutbox(db.db, relay());
    const owner = (await deliveryRows(event.id)).find((d) => d.channel === "owner-email")!;
    expect(owner).toMatchObject({ status: "given_up", failure: "permanent", attempts: 1 });
    expect(owner.lastError).toMatch(/RCPT TO answered 550/);
    expect(await eventRow(event.id)).toMatchObject({ status: "done", openDeliveries: 0 });
    expect(await notificationsOf(fixture)).toHaveLength(1);
  });

  it("lets another relay deliver everything after a relay died holding a fan-out batch", async () => {
    const fixture = await createSalonFixture(db.db);
    const events = await Promise.all(Array.from({ length: 5 }, () => insertTestEvent(db.db, fixture)));
    const ids = events.map((e) => e.id);

    const abandoned = await claimDueEvents(db.db, { holder: "relay-dead", limit: 100, leaseMs: 60_000, maxLeaseLapses: 5, now: now() });
    expect(abandoned.map((e) => e.id)).toEqual(expect.arrayContaining(ids));

    // The lease still runs: nobody else may take the events.
    expect((await drainOutbox(db.db, relay("relay-b"))).claimed).toBe(0);

    offset += 61_000;
    const result = await drainOutbox(db.db, relay("relay-b"));
    expect(result.claimed).toBe(5);
    const rows = await db.db.select().from(outbox).where(inArray(outbox.id, ids));
    expect(rows.every((r) => r.status === "done")).toBe(true);
    await sink.waitForMessages(1);
    for (const id of ids) expect(sink.messageIds.filter((m) => m === messageId(id))).toHaveLength(1);
    expect(await notificationsOf(fixture)).toHaveLength(5);
    // The take-over counts as a lapse of the dead relay, and says so.
    expect(rows.map((r) => [r.attempts, r.lastError])).toEqual(ids.map(() => [1, "lease of relay-dead expired"]));
  });

  it("delivers created → rescheduled → cancelled in order on the owner's email although its first mail is deferred; the dashboard and other bookings do not wait", async () => {
    const fixture = await createSalonFixture(db.db);
    const otherSalon = await createSalonFixture(db.db);
    const bookingId = crypto.randomUUID();
    const created = await insertTestEvent(db.db, fixture, { bookingId, eventType: "booking.created", sequence: 1 });
    const rescheduled = await insertTestEvent(db.db, fixture, { bookingId, eventType: "booking.rescheduled", sequence: 2 });
    const cancelled = await insertTestEvent(db.db, fixture, { bookingId, eventType: "booking.cancelled", sequence: 3 });
    const unrelated = await insertTestEvent(db.db, otherSalon);
    let failuresLeft = 1;
    sink.modeFor = (to) => (to === fixture.owner.email && failuresLeft-- > 0 ? "defer" : undefined);

    await drainOutbox(db.db, relay());
    expect((await eventRow(unrelated.id)).status).toBe("done");
    expect((await eventRow(created.id)).status).toBe("delivering");
    // The dashboard has all three at once; the owner's email keeps them in order behind the first.
    expect((await notificationsOf(fixture)).map((n) => n.eventType)).toEqual(["booking.created", "booking.rescheduled", "booking.cancelled"]);
    for (const later of [rescheduled, cancelled]) {
      expect((await deliveryRows(later.id)).find((d) => d.channel === "owner-email")).toMatchObject({ status: "pending", attempts: 0 });
    }
    expect(sink.messageIds.filter((id) => id === messageId(rescheduled.id) || id === messageId(cancelled.id))).toEqual([]);

    skipBackoff();
    await drainOutbox(db.db, relay());
    const ours = [created, rescheduled, cancelled].map((e) => messageId(e.id));
    expect(sink.messageIds.filter((id) => ours.includes(id))).toEqual(ours);
    const feed = await notificationsOf(fixture);
    expect(feed.map((n) => n.eventType)).toEqual(["booking.created", "booking.rescheduled", "booking.cancelled"]);

    const mails = (await sink.parsed()).filter((m) => m.messageId && ours.includes(m.messageId));
    const methods = mails.map((m) => /METHOD:(\w+)/.exec(m.attachments.find((a) => a.contentType === "text/calendar")!.content.toString())?.[1]);
    expect(methods).toEqual(["REQUEST", "REQUEST", "CANCEL"]);
    expect(mails.map((m) => m.subject?.split(": ")[1].split(",")[0])).toEqual(["new booking", "booking moved", "booking cancelled"]);
  });

  it("delivers each event once per channel when two relays drain the same table at once", async () => {
    const salons = await Promise.all([1, 2, 3].map(() => createSalonFixture(db.db)));
    const events = [];
    for (let i = 0; i < 60; i++) events.push(await insertTestEvent(db.db, salons[i % 3]));
    const ids = events.map((e) => e.id);

    const small = testRelaySettings({ batchSize: 7, channelBatchSize: 5 });
    const [a, b] = await Promise.all([
      drainOutbox(db.db, relay("relay-a", { settings: small })),
      drainOutbox(db.db, relay("relay-b", { settings: small })),
    ]);
    expect(a.claimed + b.claimed).toBe(60);

    const rows = await db.db.select().from(outbox).where(inArray(outbox.id, ids));
    expect(rows.filter((r) => r.status === "done")).toHaveLength(60);
    const recorded = await deliveryRecords(db.db, ids);
    expect(recorded).toHaveLength(180); // three channels
    expect(recorded.every((d) => d.status === "delivered" && d.attempts === 1)).toBe(true);
    const mailed = sink.messageIds.filter((m) => ids.some((id) => m === messageId(id)));
    expect(mailed).toHaveLength(60);
    expect(new Set(mailed).size).toBe(60);
    const feed = await db.db.select().from(ownerNotifications).where(inArray(ownerNotifications.eventId, ids));
    expect(feed).toHaveLength(60);
  });

  it("delivers nothing for a booking transaction that rolled back", async () => {
    const fixture = await createSalonFixture(db.db);
    const payload = testBookingPayload(fixture);
    await expect(
      db.db.transaction(async (tx) => {
        await tx.insert(bookings).values({
          id: payload.bookingId,
          reference: payload.reference,
          salonId: fixture.salon.id,
          serviceId: fixture.services[0].id,
          stylistId: fixture.stylists[0].id,
          customerName: payload.customer.name,
          customerEmail: payload.customer.email,
          startsAt: new Date(payload.start),
          endsAt: new Date(payload.end),
          blockedUntil: new Date(payload.end),
          idempotencyKey: crypto.randomUUID(),
          requestHash: "test",
        });
        await tx.insert(outbox).values({
          aggregateType: "booking",
          aggregateId: payload.bookingId,
          salonId: fixture.salon.id,
          eventType: "booking.created",
          payload,
        });
        throw new Error("payment step failed");
      }),
    ).rejects.toThrow("payment step failed");
    const mailsBefore = sink.messageIds.length;

    await drainOutbox(db.db, relay());

    expect(await db.db.select().from(outbox).where(eq(outbox.aggregateId, payload.bookingId))).toEqual([]);
    expect(await notificationsOf(fixture)).toEqual([]);
    expect(sink.messageIds.length).toBe(mailsBefore);
  });
});
