// Reminders through the real relay and channels into a real SMTP server, with an injected clock:
// when they go, that moving or cancelling a booking moves or removes them, that a late relay drops
// them, and that two relays send each once. Runs on PGlite, and on Postgres with DATABASE_URL.
import { NEW_CUSTOMER } from "@/lib/booking/actor";
import type { ParsedMail } from "mailparser";
import nodeIcal from "node-ical";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliveries, outbox, ownerNotifications } from "@/db/schema";
import { cancelBooking } from "@/lib/booking/cancel-booking";
import { createBooking } from "@/lib/booking/create-booking";
import { BOOKING_REMINDER_EVENT } from "@/lib/booking/events";
import { findBookingIdByManageToken } from "@/lib/booking/manage-token";
import { rescheduleBooking } from "@/lib/booking/reschedule-booking";
import { bookingRequest, londonStart, newKey, ownerActor, TEST_NOW } from "@/lib/booking/test-support";
import { drainOutbox, type OutboxChannel } from "@/lib/outbox/relay";
import { testRelaySettings } from "@/lib/outbox/testing";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture, type SalonFixture, type SalonFixtureOptions } from "@/lib/testing/fixtures";
import { startSmtpSink, type SmtpSink } from "@/lib/testing/smtp-sink";
import { CUSTOMER_EMAIL_CHANNEL } from "./customer-email";
import { createTestBookingChannels } from "./testing";

const APP_URL = "https://salon.test";
const MINUTE = 60_000;

let db: TestDatabase;
let sink: SmtpSink;
let channels: OutboxChannel[];

beforeAll(async () => {
  db = await createTestDatabase();
  sink = await startSmtpSink();
  channels = createTestBookingChannels({ smtpUrl: sink.url, maxConnections: 2, appUrl: APP_URL });
});
afterAll(async () => {
  await Promise.all(channels.map((c) => c.close?.()));
  await sink.close();
  await db.dispose();
});

const recipient = (mail: ParsedMail) => (mail.to && !Array.isArray(mail.to) ? mail.to.value[0].address : undefined);

async function mailsTo(address: string): Promise<ParsedMail[]> {
  return (await sink.parsed()).filter((m) => recipient(m) === address);
}
const reminders = (mails: ParsedMail[]) => mails.filter((m) => m.subject?.startsWith("Reminder:"));

function relay(at: Date, holder = "relay-reminders") {
  return drainOutbox(db.db, { holder, channels, settings: testRelaySettings(), now: () => at });
}

let customers = 0;
async function book(f: SalonFixture, start: string, now = TEST_NOW) {
  customers += 1;
  const email = `customer-${customers}-${process.pid}@customer.test`;
  const made = await createBooking(db.db, bookingRequest(f, { start, customer: { name: "Jo Bloggs", email } }), { actor: NEW_CUSTOMER, idempotencyKey: newKey("rem"), now });
  if (made.status !== "created") throw new Error(`expected created, got ${made.status}`);
  return { id: made.booking.id, email };
}

async function pendingReminders(bookingId: string) {
  return db.db
    .select({ id: outbox.id, dueAt: outbox.nextAttemptAt, expiresAt: outbox.expiresAt, payload: outbox.payload })
    .from(outbox)
    .where(and(eq(outbox.aggregateId, bookingId), eq(outbox.eventType, BOOKING_REMINDER_EVENT)));
}

const salon = (options: SalonFixtureOptions = {}) => createSalonFixture(db.db, { cancellationCutoffMinutes: 120, ...options });

describe("reminders", () => {
  it("go to the customer at their due time, not before, with the manage link and the booking's calendar entry", async () => {
    const f = await salon();
    const { id, email } = await book(f, londonStart("10:00"));
    const due = new Date("2027-06-14T09:00:00Z"); // 10:00 BST the day before

    await relay(new Date(due.getTime() - MINUTE));
    expect(reminders(await mailsTo(email))).toEqual([]);
    const [planned] = await pendingReminders(id);
    expect(planned.dueAt.toISOString()).toBe(due.toISOString());
    expect(planned.expiresAt?.toISOString()).toBe(new Date(londonStart("10:00")).toISOString());

    await relay(due);
    const sent = reminders(await mailsTo(email));
    expect(sent).toHaveLength(1);
    const mail = sent[0];
    expect(mail.subject).toBe(`Reminder: Cut at ${f.salon.name}, Tue 15 Jun 2027, 10:00`);
    expect(mail.text).toContain("is expecting you tomorrow");
    expect(mail.text).toContain("Address: 1 Test Street");
    expect(mail.text).toContain("Stylist: Stylist 1");
    expect(mail.text).toContain("Tuesday 15 June 2027, 10:00–10:30 (Europe/London, GMT+1)");
    expect(mail.messageId).toBe(`<event-${planned.id}-customer@salon-booking.local>`);
    // The link opens this booking.
    const link = /Reschedule or cancel: (\S+)/.exec(mail.text ?? "")?.[1];
    expect(link).toMatch(new RegExp(`^${APP_URL}/b/`));
    expect(await findBookingIdByManageToken(db.db, link!.slice(`${APP_URL}/b/`.length))).toBe(id);
    // The .ics updates the booking's one calendar entry, at its current version.
    const ics = mail.attachments.find((a) => a.contentType.startsWith("text/calendar"))!.content.toString("utf8");
    const [vevent] = Object.values(nodeIcal.sync.parseICS(ics)).filter((c) => c?.type === "VEVENT") as unknown as { uid: string; sequence: string }[];
    expect(vevent.uid).toBe(`${id}@salon-booking`);
    expect(Number(vevent.sequence)).toBe(1);

    // Neither the owner's email nor the dashboard carries reminders.
    expect(reminders(await mailsTo(f.owner.email))).toEqual([]);
    const feed = await db.db.select().from(ownerNotifications).where(eq(ownerNotifications.eventId, planned.id));
    expect(feed).toEqual([]);
    const rows = await db.db.select({ channel: deliveries.channel }).from(deliveries).where(eq(deliveries.eventId, planned.id));
    expect(rows.map((r) => r.channel)).toEqual([CUSTOMER_EMAIL_CHANNEL]);
  });

  it("follow a booking moved twice: one reminder, before the last time", async () => {
    const f = await salon();
    const { id, email } = await book(f, londonStart("10:00"));
    expect((await rescheduleBooking(db.db, { actor: ownerActor(f), bookingId: id, start: new Date(londonStart("11:00")), now: TEST_NOW })).status).toBe("rescheduled");
    const last = new Date(londonStart("14:00", "2027-06-16"));
    expect((await rescheduleBooking(db.db, { actor: ownerActor(f), bookingId: id, start: last, now: TEST_NOW })).status).toBe("rescheduled");

    const planned = await pendingReminders(id);
    expect(planned.map((r) => r.dueAt.toISOString())).toEqual([new Date(last.getTime() - 1440 * MINUTE).toISOString()]);

    await relay(new Date("2027-06-14T09:00:00Z")); // the first time's reminder would have been due
    await relay(new Date("2027-06-14T10:00:00Z")); // the second's
    expect(reminders(await mailsTo(email))).toEqual([]);
    await relay(planned[0].dueAt);
    const sent = reminders(await mailsTo(email));
    expect(sent.map((m) => m.subject)).toEqual([`Reminder: Cut at ${f.salon.name}, Wed 16 Jun 2027, 14:00`]);
    const ics = sent[0].attachments.find((a) => a.contentType.startsWith("text/calendar"))!.content.toString("utf8");
    expect(ics).toMatch(/^SEQUENCE:3\r?$/m);
  });

  it("sent inside the cancellation cutoff, link to the booking without offering changes the manage page would refuse", async () => {
    const f = await salon({ reminderOffsetsMinutes: [120] }); // cutoff 120 minutes
    const { email } = await book(f, londonStart("10:00"));
    await relay(new Date(londonStart("08:00")));
    const [mail] = reminders(await mailsTo(email));
    expect(mail.text).toMatch(new RegExp(`Your booking: ${APP_URL}/b/\\S+`));
    expect(mail.text).toContain("It is too late to change it online now");
    expect(mail.text).not.toContain("Reschedule or cancel");
  });

  it("are removed by a cancel", async () => {
    const f = await salon();
    const { id, email } = await book(f, londonStart("10:00"));
    expect((await cancelBooking(db.db, { actor: ownerActor(f), bookingId: id, now: TEST_NOW })).status).toBe("cancelled");
    expect(await pendingReminders(id)).toEqual([]);
    await relay(new Date(londonStart("09:59")));
    expect(reminders(await mailsTo(email))).toEqual([]);
  });

  it("are not planned for an offset whose time had come when the booking was made", async () => {
    const f = await salon({ reminderOffsetsMinutes: [1440, 120] });
    const start = londonStart("15:00");
    const { id } = await book(f, start, new Date("2027-06-14T16:00:00Z")); // 23 hours ahead
    const planned = await pendingReminders(id);
    expect(planned.map((r) => (r.payload as { reminderOffsetMinutes: number }).reminderOffsetMinutes)).toEqual([120]);
    expect(planned[0].dueAt.toISOString()).toBe(new Date(new Date(start).getTime() - 120 * MINUTE).toISOString());
  });

  it("follow the salon's offsets when the booking is made: none, or two", async () => {
    const none = await salon({ reminderOffsetsMinutes: [] });
    expect(await pendingReminders((await book(none, londonStart("10:00"))).id)).toEqual([]);
    const two = await salon({ reminderOffsetsMinutes: [120, 1440] });
    expect(await pendingReminders((await book(two, londonStart("10:00"))).id)).toHaveLength(2);
  });

  it("are dropped and recorded, never sent late, when the relay was down past the start", async () => {
    const f = await salon();
    const { id, email } = await book(f, londonStart("10:00"));
    const [planned] = await pendingReminders(id);
    await relay(new Date(new Date(londonStart("10:00")).getTime() + MINUTE));
    expect(reminders(await mailsTo(email))).toEqual([]);
    const [delivery] = await db.db.select().from(deliveries).where(eq(deliveries.eventId, planned.id));
    expect(delivery).toMatchObject({ channel: CUSTOMER_EMAIL_CHANNEL, status: "given_up", failure: "expired" });
  });

  it("go once per booking and offset when two relays run at the due time", async () => {
    const f = await salon({ reminderOffsetsMinutes: [1440, 120] });
    const booked = await Promise.all(["10:00", "10:30", "11:00"].map((t) => book(f, londonStart(t))));
    // Past every reminder's due time, before any start.
    const at = new Date(londonStart("09:30"));
    await Promise.all([relay(at, "relay-a"), relay(at, "relay-b")]);
    for (const { email } of booked) {
      const sent = reminders(await mailsTo(email));
      // 10:00's two-hour reminder was due at 08:00; each booking has its two reminders, once each.
      expect(sent).toHaveLength(2);
      expect(new Set(sent.map((m) => m.messageId)).size).toBe(2);
    }
  });
});
