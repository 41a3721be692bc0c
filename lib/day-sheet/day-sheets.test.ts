// The owner's day sheet: queued once per salon per local day at the salon's time (on the days the
// clocks change too, and with two relays at once), sent by the owner-email channel with that day's
// bookings per stylist, and driven by the embedded relay's cron. PGlite, and Postgres with DATABASE_URL.
import { NEW_CUSTOMER } from "@/lib/booking/actor";
import { InngestTestEngine } from "@inngest/test";
import type { ParsedMail } from "mailparser";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliveries, outbox, salonDaySheets } from "@/db/schema";
import { createQueueDaySheetsFunction } from "@/inngest/queue-day-sheets";
import { cancelBooking } from "@/lib/booking/cancel-booking";
import { createBooking } from "@/lib/booking/create-booking";
import { bookingRequest, newKey, ownerActor } from "@/lib/booking/test-support";
import { createTestBookingChannels } from "@/lib/notifications/channels/testing";
import { startEmbeddedRelay } from "@/lib/outbox/drivers/embedded";
import { drainOutbox, type OutboxChannel } from "@/lib/outbox/relay";
import { testRelaySettings, waitUntil } from "@/lib/outbox/testing";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture, type SalonFixtureOptions } from "@/lib/testing/fixtures";
import { startSmtpSink, type SmtpSink } from "@/lib/testing/smtp-sink";
import { daySheetCronTask } from "./cron";
import { DAY_SHEET_EVENT, queueDueDaySheets } from "./queue-day-sheets";

let db: TestDatabase;
let sink: SmtpSink;
let channels: OutboxChannel[];

beforeAll(async () => {
  db = await createTestDatabase();
  sink = await startSmtpSink();
  channels = createTestBookingChannels({ smtpUrl: sink.url, maxConnections: 2 });
});
afterAll(async () => {
  await Promise.all(channels.map((c) => c.close?.()));
  await sink.close();
  await db.dispose();
});

const salon = (options: SalonFixtureOptions = {}) => createSalonFixture(db.db, options);
const recipient = (mail: ParsedMail) => (mail.to && !Array.isArray(mail.to) ? mail.to.value[0].address : undefined);
const sheetsTo = async (address: string) => (await sink.parsed()).filter((m) => recipient(m) === address && m.subject?.startsWith("Day sheet:"));

/** The local dates queued for `salonId`, oldest first. */
async function queuedDates(salonId: string): Promise<string[]> {
  const rows = await db.db.select({ payload: outbox.payload }).from(outbox).where(and(eq(outbox.salonId, salonId), eq(outbox.eventType, DAY_SHEET_EVENT)));
  return rows.map((r) => (r.payload as { localDate: string }).localDate).sort();
}

/** Runs the queueing at each instant in turn; returns the local dates queued for the salon. */
async function queueAt(salonId: string, instants: string[]): Promise<string[]> {
  for (const at of instants) await queueDueDaySheets(db.db, new Date(at));
  return queuedDates(salonId);
}

describe("queueing day sheets", () => {
  it("queues a salon's sheet at its time, once that day, and again the next day; never when it is off", async () => {
    const f = await salon({ daySheetTime: "07:00" });
    const off = await salon({ daySheetTime: null });
    expect(await queueAt(f.salon.id, ["2027-06-15T05:59:00Z"])).toEqual([]); // 06:59 BST
    expect(await queueAt(f.salon.id, ["2027-06-15T06:00:00Z", "2027-06-15T06:01:00Z", "2027-06-15T22:00:00Z"])).toEqual(["2027-06-15"]);
    expect(await queueAt(f.salon.id, ["2027-06-16T06:30:00Z"])).toEqual(["2027-06-15", "2027-06-16"]);
    expect(await queuedDates(off.salon.id)).toEqual([]);
  });

  it.each([
    // 07:00 on the four days the clocks change, and the instant before.
    ["Europe/London", "07:00", "2027-03-28T05:59:00Z", "2027-03-28T06:00:00Z", "2027-03-28"],
    ["Europe/London", "07:00", "2027-10-31T06:59:00Z", "2027-10-31T07:00:00Z", "2027-10-31"],
    ["America/New_York", "07:00", "2027-03-14T10:59:00Z", "2027-03-14T11:00:00Z", "2027-03-14"],
    ["America/New_York", "07:00", "2027-11-07T11:59:00Z", "2027-11-07T12:00:00Z", "2027-11-07"],
    // A time the spring change skips (01:30 in London) is reached at 02:00 BST, the first instant after it.
    ["Europe/London", "01:30", "2027-03-28T00:59:00Z", "2027-03-28T01:00:00Z", "2027-03-28"],
  ])("%s at %s: not at %s, queued at %s for %s", async (timeZone, time, before, at, localDate) => {
    const f = await salon({ timeZone, daySheetTime: time });
    expect(await queueAt(f.salon.id, [before])).toEqual([]);
    expect(await queueAt(f.salon.id, [at])).toEqual([localDate]);
  });

  it("queues a time the autumn change repeats (01:30 in London) once, at its first occurrence", async () => {
    const f = await salon({ daySheetTime: "01:30" });
    // 00:30 UTC is 01:30 BST; 01:30 UTC is 01:30 GMT, the same wall-clock time an hour later.
    expect(await queueAt(f.salon.id, ["2027-10-31T00:29:00Z"])).toEqual([]);
    expect(await queueAt(f.salon.id, ["2027-10-31T00:30:00Z", "2027-10-31T01:30:00Z", "2027-10-31T23:59:00Z"])).toEqual(["2027-10-31"]);
  });

  it("queues one sheet per salon per day when two relays queue at once", async () => {
    const salons = await Promise.all([1, 2, 3].map(() => salon({ daySheetTime: "07:00" })));
    const ids = salons.map((s) => s.salon.id);
    const at = new Date("2027-07-01T08:00:00Z");
    await Promise.all([queueDueDaySheets(db.db, at), queueDueDaySheets(db.db, at), queueDueDaySheets(db.db, at)]);
    const rows = await db.db.select().from(salonDaySheets).where(inArray(salonDaySheets.salonId, ids));
    expect(rows).toHaveLength(3);
    for (const id of ids) expect(await queuedDates(id)).toEqual(["2027-07-01"]);
  });
});

describe("sending day sheets", () => {
  it("emails the owner that day's bookings per stylist (a 25-hour day whole), once with two relays", async () => {
    const f = await salon({ daySheetTime: "07:00", hours: [7].map((weekday) => ({ weekday, startTime: "00:00", endTime: "23:59" })) });
    const now = new Date("2027-10-01T00:00:00Z");
    const book = async (start: string, stylist: number, name: string) => {
      const made = await createBooking(
        db.db,
        bookingRequest(f, { start, stylistId: f.stylists[stylist].id, customer: { name, email: `${name.toLowerCase()}@customer.test` } }),
        { actor: NEW_CUSTOMER, idempotencyKey: newKey("sheet"), now },
      );
      if (made.status !== "created") throw new Error(`expected created, got ${made.status}`);
      return made.booking.id;
    };
    // Sunday 2027-10-31, when London's clocks go back: local midnight to midnight is 25 hours.
    await book("2027-10-31T00:30:00+01:00", 0, "Early");
    await book("2027-10-31T23:00:00Z", 1, "Late");
    await book("2027-10-31T10:00:00Z", 0, "Mid");
    const gone = await book("2027-10-31T12:00:00Z", 1, "Cancelled");
    await book("2027-11-07T10:00:00Z", 0, "Nextweek");
    await cancelBooking(db.db, { actor: ownerActor(f), bookingId: gone, now });

    const at = new Date("2027-10-31T07:00:00Z");
    await queueDueDaySheets(db.db, at);
    await Promise.all([
      drainOutbox(db.db, { holder: "relay-a", channels, settings: testRelaySettings(), now: () => at }),
      drainOutbox(db.db, { holder: "relay-b", channels, settings: testRelaySettings(), now: () => at }),
    ]);
    const sheets = await sheetsTo(f.owner.email);
    expect(sheets).toHaveLength(1);
    const text = sheets[0].text ?? "";
    expect(sheets[0].subject).toBe(`Day sheet: ${f.salon.name}, Sunday 31 October 2027 (3 bookings)`);
    expect(text).toMatch(/Stylist 1\n {2}00:30–01:00 {2}Cut: Early \(\w+\)\n {2}10:00–10:30 {2}Cut: Mid \(\w+\)\n\nStylist 2\n {2}23:00–23:30 {2}Cut: Late \(\w+\)/);
    expect(text).not.toContain("Cancelled");
    expect(text).not.toContain("Nextweek");
  });

  it("is not sent once its day is over", async () => {
    const f = await salon({ daySheetTime: "07:00" });
    await queueDueDaySheets(db.db, new Date("2027-08-02T06:00:00Z"));
    const [event] = await db.db.select({ id: outbox.id }).from(outbox).where(and(eq(outbox.salonId, f.salon.id), eq(outbox.eventType, DAY_SHEET_EVENT)));
    await drainOutbox(db.db, { holder: "relay-late", channels, settings: testRelaySettings(), now: () => new Date("2027-08-02T23:00:01Z") });
    expect(await sheetsTo(f.owner.email)).toEqual([]);
    const [delivery] = await db.db.select().from(deliveries).where(eq(deliveries.eventId, event.id));
    expect(delivery).toMatchObject({ channel: "owner-email", status: "given_up", failure: "expired" });
  });

  it("is queued and sent by the embedded relay's cron", async () => {
    const f = await salon({ daySheetTime: "07:00" });
    const at = new Date("2027-09-01T06:30:00Z");
    const relay = startEmbeddedRelay(db.db, {
      channels,
      settings: testRelaySettings(),
      pollMs: 50,
      eventLanes: 1,
      channelLanes: 1,
      retentionDays: 30,
      cron: [daySheetCronTask(db.db)],
      now: () => at,
    });
    try {
      expect(await waitUntil(async () => (await sheetsTo(f.owner.email)).length === 1, 10_000)).not.toBeNull();
    } finally {
      await relay.stop();
    }
  });

  it("is queued by the Inngest cron function, which nudges the relay for the salons queued", async () => {
    const f = await salon({ daySheetTime: "07:00" });
    const fn = createQueueDaySheetsFunction({ getDb: async () => db.db, now: () => new Date("2027-09-02T06:30:00Z") });
    // The nudge is not sent anywhere from a test: its step is mocked and its arguments checked.
    const steps = [{ id: "nudge-relay", handler: () => ({ ids: [] }) }];
    const engine = new InngestTestEngine({ function: fn, steps });
    const { result, ctx } = await engine.execute({ events: [{ name: "inngest/scheduled.timer", data: { cron: "* * * * *" } }] });
    expect(await queuedDates(f.salon.id)).toEqual(["2027-09-02"]);
    expect((result as { queued: number }).queued).toBeGreaterThanOrEqual(1);
    const sent = (ctx as unknown as { step: { sendEvent: { mock: { calls: unknown[][] } } } }).step.sendEvent.mock.calls;
    expect(sent).toHaveLength(1);
    expect(sent[0][1]).toEqual(expect.arrayContaining([{ name: "outbox/pending", data: { salonId: f.salon.id } }]));
    // A second tick the same day queues nothing more.
    await new InngestTestEngine({ function: fn, steps }).execute({ events: [{ name: "inngest/scheduled.timer", data: { cron: "* * * * *" } }] });
    expect(await queuedDates(f.salon.id)).toEqual(["2027-09-02"]);
  });
});
