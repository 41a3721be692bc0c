// A booking's whole life through the real relay: created → rescheduled → rescheduled → cancelled
// with the lib functions, then drained with the default channels into a real SMTP server. The
// owner and the customer must each get every message, in order, with the right times, and every
// invitation must update one calendar entry. Runs on PGlite, and on Postgres with DATABASE_URL.
import type { ParsedMail } from "mailparser";
import nodeIcal from "node-ical";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { bookingManageTokens, deliveries, outbox } from "@/db/schema";
import { cancelBooking } from "@/lib/booking/cancel-booking";
import { createBooking } from "@/lib/booking/create-booking";
import { getManagedBooking } from "@/lib/booking/manage-booking";
import { findBookingIdByManageToken } from "@/lib/booking/manage-token";
import { rescheduleBooking } from "@/lib/booking/reschedule-booking";
import { bookingRequest, londonStart, newKey, TEST_NOW } from "@/lib/booking/test-support";
import { listNotificationsForOwner } from "@/lib/notifications/queries";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture, type SalonFixture } from "@/lib/testing/fixtures";
import { startSmtpSink, type SmtpSink } from "@/lib/testing/smtp-sink";
import { deliveryRecords } from "@/lib/outbox/delivery-records";
import { drainOutbox, type OutboxChannel } from "@/lib/outbox/relay";
import { testRelaySettings } from "@/lib/outbox/testing";
import { createTestBookingChannels } from "./testing";
import { NEW_CUSTOMER } from "@/lib/booking/actor";

const APP_URL = "https://salon.test";

let db: TestDatabase;
let sink: SmtpSink;
let channels: OutboxChannel[];
let f: SalonFixture;

beforeAll(async () => {
  db = await createTestDatabase();
  sink = await startSmtpSink();
  channels = createTestBookingChannels({ smtpUrl: sink.url, maxConnections: 2, appUrl: APP_URL });
  f = await createSalonFixture(db.db, { cancellationCutoffMinutes: 120 });
});
afterAll(async () => {
  await Promise.all(channels.map((c) => c.close?.()));
  await sink.close();
  await db.dispose();
});

const recipient = (mail: ParsedMail) => (mail.to && !Array.isArray(mail.to) ? mail.to.value[0].address : undefined);

function calendarOf(mail: ParsedMail) {
  const part = mail.attachments.find((a) => a.contentType.startsWith("text/calendar"));
  expect(part, `an invitation in "${mail.subject}"`).toBeDefined();
  const text = part!.content.toString("utf8");
  const vevents = Object.values(nodeIcal.sync.parseICS(text)).filter((c) => c?.type === "VEVENT");
  expect(vevents).toHaveLength(1);
  const vevent = vevents[0] as { uid: string; sequence: string | number; start: Date; end: Date; status?: string };
  return {
    method: /^METHOD:(\w+)/m.exec(text)?.[1],
    uid: vevent.uid,
    sequence: Number(vevent.sequence),
    start: vevent.start.toISOString(),
    end: vevent.end.toISOString(),
    status: vevent.status,
  };
}

describe("a booking's messages, created → moved → moved → cancelled", () => {
  it("reach the owner (email and feed) and the customer in order, with the right times and one calendar entry", async () => {
    const created = await createBooking(
      db.db,
      bookingRequest(f, { start: londonStart("10:00"), customer: { name: "Jo <Bloggs>", email: "jo@customer.test" } }),
      { actor: NEW_CUSTOMER, idempotencyKey: newKey("life"), now: TEST_NOW },
    );
    if (created.status !== "created") throw new Error(`expected created, got ${created.status}`);
    const id = created.booking.id;
    const customer = { by: "customer", token: created.booking.manageToken } as const;
    const moved1 = await rescheduleBooking(db.db, { actor: customer, start: new Date(londonStart("11:00")), now: TEST_NOW });
    expect(moved1.status).toBe("rescheduled");
    const moved2 = await rescheduleBooking(db.db, {
      actor: customer,
      start: new Date(londonStart("14:00")),
      stylistId: f.stylists[1].id,
      now: TEST_NOW,
    });
    expect(moved2.status).toBe("rescheduled");
    const cancelled = await cancelBooking(db.db, { actor: customer, now: TEST_NOW });
    expect(cancelled.status).toBe("cancelled");

    await drainOutbox(db.db, { holder: "relay-life", channels, settings: testRelaySettings(), now: () => TEST_NOW });
    await sink.waitForMessages(8);
    const mails = await sink.parsed();
    const ownerMails = mails.filter((m) => recipient(m) === f.owner.email);
    const customerMails = mails.filter((m) => recipient(m) === "jo@customer.test");

    // The owner: four emails in commit order, each with its own time.
    expect(ownerMails.map((m) => m.subject)).toEqual([
      `${f.salon.name}: new booking, Cut on Tue 15 Jun 2027, 10:00`,
      `${f.salon.name}: booking moved, Cut to Tue 15 Jun 2027, 11:00 (was Tue 15 Jun 2027, 10:00)`,
      `${f.salon.name}: booking moved, Cut to Tue 15 Jun 2027, 14:00 (was Tue 15 Jun 2027, 11:00)`,
      `${f.salon.name}: booking cancelled, Cut on Tue 15 Jun 2027, 14:00`,
    ]);
    expect(ownerMails[2].text).toContain("Stylist: Stylist 2");
    expect(ownerMails[3].text).toContain("Cancelled by: customer");

    // …and four feed entries in the same order, each with its event's own time, all knowing the booking's state now.
    const feed = await listNotificationsForOwner(db.db, f.owner.id, { limit: 50 });
    expect(feed.map((n) => [n.eventType, n.payload.startLocal, n.payload.previous?.startLocal])).toEqual([
      ["booking.created", "2027-06-15T10:00:00+01:00", undefined],
      ["booking.rescheduled", "2027-06-15T11:00:00+01:00", "2027-06-15T10:00:00+01:00"],
      ["booking.rescheduled", "2027-06-15T14:00:00+01:00", "2027-06-15T11:00:00+01:00"],
      ["booking.cancelled", "2027-06-15T14:00:00+01:00", undefined],
    ]);
    expect(feed.map((n) => n.current)).toEqual(
      Array(4).fill({ status: "cancelled", start: "2027-06-15T13:00:00.000Z", startLocal: "2027-06-15T14:00:00+01:00" }),
    );

    // The customer: a confirmation, two updates and the cancellation, in order.
    expect(customerMails.map((m) => m.subject)).toEqual([
      `Booking confirmed: Cut at ${f.salon.name}, Tue 15 Jun 2027, 10:00`,
      `Booking moved: Cut at ${f.salon.name}, now Tue 15 Jun 2027, 11:00`,
      `Booking moved: Cut at ${f.salon.name}, now Tue 15 Jun 2027, 14:00`,
      `Booking cancelled: Cut at ${f.salon.name}, Tue 15 Jun 2027, 14:00`,
    ]);
    const confirmation = customerMails[0];
    for (const detail of [
      f.salon.name,
      "Address: 1 Test Street",
      "Service: Cut (30 min)",
      "Stylist: Stylist 1",
      "When: Tuesday 15 June 2027, 10:00–10:30 (Europe/London, GMT+1)",
      `Reference: ${created.booking.reference}`,
      "until 2 hours before the appointment",
    ]) {
      expect(confirmation.text).toContain(detail);
    }
    // The customer's name is text in the HTML, never markup.
    expect(confirmation.html).toContain("Jo &#60;Bloggs&#62;");
    expect(customerMails[2].text).toContain("Previous time: Tuesday 15 June 2027, 11:00–11:30 (Europe/London, GMT+1) with Stylist 1");

    // Each confirmation and update carries a working manage link of its own; the cancellation offers booking again.
    const links = customerMails.map((m) => new RegExp(`${APP_URL}/b/([A-Za-z0-9_-]{43})`).exec(m.text ?? "")?.[1]);
    expect(links[3]).toBeUndefined();
    expect(customerMails[3].text).toContain(`Book again: ${APP_URL}/s/${f.salon.slug}`);
    expect(new Set(links.slice(0, 3)).size).toBe(3);
    for (const token of links.slice(0, 3)) expect(await findBookingIdByManageToken(db.db, token)).toBe(id);
    expect(links).not.toContain(created.booking.manageToken);
    const managed = await getManagedBooking(db.db, links[0], TEST_NOW);
    expect(managed).toMatchObject({ status: "cancelled", changeable: false, lockedReason: "cancelled", reference: created.booking.reference });

    // Distinct Message-IDs per event and recipient.
    const ids = mails.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(8);
    expect(customerMails.every((m) => /^<event-\d+-customer@salon-booking\.local>$/.test(m.messageId ?? ""))).toBe(true);

    // Every invitation, the owner's and the customer's, updates ONE calendar entry with a rising SEQUENCE.
    for (const list of [ownerMails, customerMails]) {
      const calendars = list.map(calendarOf);
      expect(new Set(calendars.map((c) => c.uid))).toEqual(new Set([`${id}@salon-booking`]));
      expect(calendars.map((c) => c.sequence)).toEqual([1, 2, 3, 4]);
      expect(calendars.map((c) => c.method)).toEqual(["REQUEST", "REQUEST", "REQUEST", "CANCEL"]);
      expect(calendars.map((c) => c.start)).toEqual([
        "2027-06-15T09:00:00.000Z",
        "2027-06-15T10:00:00.000Z",
        "2027-06-15T13:00:00.000Z",
        "2027-06-15T13:00:00.000Z",
      ]);
      expect(calendars[3].status).toBe("CANCELLED");
    }

    // Each event recorded once per channel, the customer's under its own name.
    const events = await db.db.select().from(outbox).where(eq(outbox.aggregateId, id));
    expect(events.map((e) => e.status)).toEqual(["done", "done", "done", "done"]);
    // Each event is of no use once the appointment it describes has begun.
    expect(events.map((e) => e.expiresAt?.toISOString())).toEqual([
      "2027-06-15T09:00:00.000Z",
      "2027-06-15T10:00:00.000Z",
      "2027-06-15T13:00:00.000Z",
      "2027-06-15T13:00:00.000Z",
    ]);
    for (const event of events) {
      const rows = await deliveryRecords(db.db, [event.id]);
      expect(rows.map((r) => r.channel).sort()).toEqual(["customer-email", "dashboard", "owner-email"]);
    }
  });

  it("a customer mail the server defers is retried on its own channel; the owner's mail is not repeated and the unsent link is forgotten", async () => {
    const created = await createBooking(
      db.db,
      bookingRequest(f, { start: londonStart("09:00", "2027-06-16"), customer: { name: "Al", email: "al@customer.test" } }),
      { actor: NEW_CUSTOMER, idempotencyKey: newKey("deferred"), now: TEST_NOW },
    );
    if (created.status !== "created") throw new Error(`expected created, got ${created.status}`);
    const [event] = await db.db.select().from(outbox).where(eq(outbox.aggregateId, created.booking.id));
    const tokens = () => db.db.select().from(bookingManageTokens).where(eq(bookingManageTokens.bookingId, created.booking.id));
    expect(await tokens()).toHaveLength(1); // the confirmation page's own
    sink.modeFor = (to) => (to === "al@customer.test" ? "defer" : undefined);
    let offset = 0;
    const relay = () => ({ holder: "relay-deferred", channels, settings: testRelaySettings(), now: () => new Date(TEST_NOW.getTime() + offset), random: () => 0.999 });
    try {
      await drainOutbox(db.db, relay());
      const [row] = await db.db.select().from(outbox).where(eq(outbox.id, event.id));
      expect(row).toMatchObject({ status: "delivering", openDeliveries: 1 });
      const [customer] = await db.db.select().from(deliveries).where(and(eq(deliveries.eventId, event.id), eq(deliveries.channel, "customer-email")));
      expect(customer).toMatchObject({ status: "pending", attempts: 1, failure: "transient" });
      expect(customer.lastError).toMatch(/451/);
      expect(await tokens()).toHaveLength(1);
    } finally {
      sink.modeFor = undefined;
    }
    offset += 5_000;
    await drainOutbox(db.db, relay());
    const [row] = await db.db.select().from(outbox).where(eq(outbox.id, event.id));
    expect(row.status).toBe("done");
    const ownerIds = sink.messageIds.filter((m) => m === `<event-${event.id}@salon-booking.local>`);
    const customerIds = sink.messageIds.filter((m) => m === `<event-${event.id}-customer@salon-booking.local>`);
    expect([ownerIds.length, customerIds.length]).toEqual([1, 1]);
    const rows = await deliveryRecords(db.db, [event.id]);
    expect(Object.fromEntries(rows.map((r) => [r.channel, r.attempts]))).toEqual({ "owner-email": 1, dashboard: 1, "customer-email": 2 });
    expect(await tokens()).toHaveLength(2);
  });
});
