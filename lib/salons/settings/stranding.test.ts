import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookings, salons } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture, type SalonFixture } from "@/lib/testing/fixtures";
import { addTimeOff, setServiceActive, setStylistActive, setWeeklyHours, updateSalon } from "./index";
import { book, hoursOf, NOW, settingsSnapshot, TUESDAY } from "./test-support";

// "Changes that would strand existing bookings say so instead of silently dropping them." Each
// fixture salon is London, every day 09:00–12:00 and 13:00–17:00, two stylists, no buffer.

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.dispose();
});

const TUESDAY_WEEKDAY = "2";
const afternoonOnly = [{ start: "13:00", end: "17:00" }];

function salonDetails(f: SalonFixture, overrides: Record<string, string> = {}) {
  return {
    salonId: f.salon.id,
    name: f.salon.name,
    slug: f.salon.slug,
    timeZone: f.salon.timeZone,
    address: f.salon.address,
    bufferMinutes: String(f.salon.bufferMinutes),
    minNoticeMinutes: String(f.salon.minNoticeMinutes),
    cancellationCutoffMinutes: String(f.salon.cancellationCutoffMinutes),
    ...overrides,
  };
}

describe("changing weekly hours", () => {
  it("refuses hours that would strand a future booking, lists it in the salon's time, and writes nothing", async () => {
    const f = await createSalonFixture(db.db);
    const booking = await book(db.db, f, { time: "10:00", name: "Ada Lovelace" });
    const before = await settingsSnapshot(db.db);

    const result = await setWeeklyHours(
      db.db,
      f.owner.id,
      { stylistId: f.stylists[0].id, weekdays: [TUESDAY_WEEKDAY], stretches: afternoonOnly },
      { now: NOW },
    );

    expect(result).toEqual({
      status: "stranded",
      reason: "hours",
      total: 1,
      bookings: [
        {
          id: booking.id,
          reference: booking.reference,
          customerName: "Ada Lovelace",
          serviceName: "Cut",
          stylistName: "Stylist 1",
          startsAtLocal: `${TUESDAY}T10:00:00+01:00`,
          dateLabel: "Tuesday 15 June 2027",
          timeLabel: "10:00",
        },
      ],
    });
    expect(await settingsSnapshot(db.db)).toEqual(before);
    expect(await hoursOf(db.db, f.stylists[0].id, 2)).toEqual(["09:00–12:00", "13:00–17:00"]);
  });

  it("lists a stranded booking in the salon's own way of writing times and dates (a US salon: 12-hour clock, month first)", async () => {
    const f = await createSalonFixture(db.db);
    await db.db.update(salons).set({ locale: "en-US" }).where(eq(salons.id, f.salon.id));
    await book(db.db, f, { time: "15:00" });

    const result = await setWeeklyHours(
      db.db,
      f.owner.id,
      { stylistId: f.stylists[0].id, weekdays: [TUESDAY_WEEKDAY], stretches: [{ start: "09:00", end: "12:00" }] },
      { now: NOW },
    );

    expect(result).toMatchObject({ status: "stranded", bookings: [{ dateLabel: "Tuesday, June 15, 2027", timeLabel: "3:00 PM" }] });
  });

  it("saves when no future booking is affected: other days, other stylists, bookings that still fit, past or cancelled ones", async () => {
    const f = await createSalonFixture(db.db);
    const tuesday = await book(db.db, f, { time: "10:00" });
    await book(db.db, f, { time: "09:00", stylist: 1 });
    const past = await book(db.db, f, { time: "11:00" });
    // The clock moves past one booking, and another is cancelled: neither needs its hours any more.
    await db.db.update(bookings).set({ status: "cancelled" }).where(eq(bookings.id, tuesday.id));
    const later = new Date(past.endsAt.getTime() + 60_000);

    const wednesday = await setWeeklyHours(db.db, f.owner.id, { stylistId: f.stylists[0].id, weekdays: ["3"], stretches: afternoonOnly }, { now: NOW });
    expect(wednesday.status).toBe("ok");
    const tuesdayResult = await setWeeklyHours(
      db.db,
      f.owner.id,
      { stylistId: f.stylists[0].id, weekdays: [TUESDAY_WEEKDAY], stretches: afternoonOnly },
      { now: later },
    );
    expect(tuesdayResult.status).toBe("ok");
    expect(await hoursOf(db.db, f.stylists[0].id, 2)).toEqual(["13:00–17:00"]);
    expect(await hoursOf(db.db, f.stylists[0].id, 3)).toEqual(["13:00–17:00"]);
    expect(await hoursOf(db.db, f.stylists[1].id, 2)).toEqual(["09:00–12:00", "13:00–17:00"]);
  });

  it("saves a change the booking still fits, replacing every chosen day in one go", async () => {
    const f = await createSalonFixture(db.db);
    await book(db.db, f, { time: "10:00" });
    const result = await setWeeklyHours(
      db.db,
      f.owner.id,
      {
        stylistId: f.stylists[0].id,
        weekdays: ["1", TUESDAY_WEEKDAY, "4"],
        stretches: [
          { start: "09:30", end: "12:30" },
          { start: "13:30", end: "18:00" },
        ],
      },
      { now: NOW },
    );
    expect(result.status).toBe("ok");
    for (const weekday of [1, 2, 4]) {
      expect(await hoursOf(db.db, f.stylists[0].id, weekday)).toEqual(["09:30–12:30", "13:30–18:00"]);
    }
    expect(await hoursOf(db.db, f.stylists[0].id, 3)).toEqual(["09:00–12:00", "13:00–17:00"]);
  });

  it("with the listed bookings kept anyway, saves and leaves the bookings exactly as they were", async () => {
    const f = await createSalonFixture(db.db);
    const booking = await book(db.db, f, { time: "10:00" });
    const input = { stylistId: f.stylists[0].id, weekdays: [TUESDAY_WEEKDAY], stretches: afternoonOnly };

    // A stale acknowledgement (some other booking) is not enough.
    const stale = await setWeeklyHours(db.db, f.owner.id, { ...input, keepBookingIds: [f.salon.id] }, { now: NOW });
    expect(stale).toMatchObject({ status: "stranded", bookings: [{ id: booking.id }] });

    const kept = await setWeeklyHours(db.db, f.owner.id, { ...input, keepBookingIds: [booking.id] }, { now: NOW });
    expect(kept.status).toBe("ok");
    expect(await hoursOf(db.db, f.stylists[0].id, 2)).toEqual(["13:00–17:00"]);
    const [after] = await db.db.select().from(bookings).where(eq(bookings.id, booking.id));
    expect(after).toEqual(booking);

    // Already outside the hours, it no longer blocks later edits of that day.
    const next = await setWeeklyHours(
      db.db,
      f.owner.id,
      { ...input, stretches: [{ start: "14:00", end: "17:00" }] },
      { now: NOW },
    );
    expect(next.status).toBe("ok");
  });

  it("a booking made after the owner looked is listed again rather than kept unseen", async () => {
    const f = await createSalonFixture(db.db);
    const first = await book(db.db, f, { time: "10:00" });
    const second = await book(db.db, f, { time: "11:00" });
    const result = await setWeeklyHours(
      db.db,
      f.owner.id,
      { stylistId: f.stylists[0].id, weekdays: [TUESDAY_WEEKDAY], stretches: afternoonOnly, keepBookingIds: [first.id] },
      { now: NOW },
    );
    expect(result).toMatchObject({ status: "stranded", total: 2 });
    expect((result as { bookings: { id: string }[] }).bookings.map((b) => b.id)).toEqual([first.id, second.id]);
    expect(await hoursOf(db.db, f.stylists[0].id, 2)).toEqual(["09:00–12:00", "13:00–17:00"]);
  });
});

describe("adding time off", () => {
  it("refuses days off over a booking, then saves once the owner keeps it; other days save at once", async () => {
    const f = await createSalonFixture(db.db);
    const booking = await book(db.db, f, { time: "15:00", name: "Grace Hopper" });
    const before = await settingsSnapshot(db.db);
    const input = { stylistId: f.stylists[0].id, startDate: "2027-06-14", endDate: "2027-06-18", reason: "Holiday" };

    const refused = await addTimeOff(db.db, f.owner.id, input, { now: NOW });
    expect(refused).toMatchObject({
      status: "stranded",
      reason: "time_off",
      bookings: [{ reference: booking.reference, customerName: "Grace Hopper", dateLabel: "Tuesday 15 June 2027", timeLabel: "15:00" }],
    });
    expect(await settingsSnapshot(db.db)).toEqual(before);

    expect((await addTimeOff(db.db, f.owner.id, { ...input, startDate: "2027-06-16" }, { now: NOW })).status).toBe("ok");
    expect((await addTimeOff(db.db, f.owner.id, { ...input, stylistId: f.stylists[1].id }, { now: NOW })).status).toBe("ok");
    expect((await addTimeOff(db.db, f.owner.id, { ...input, keepBookingIds: [booking.id] }, { now: NOW })).status).toBe("ok");
    const [after] = await db.db.select().from(bookings).where(eq(bookings.id, booking.id));
    expect(after.status).toBe("confirmed");
  });

  it("checks days off to the last day a date can name (the day after 9999-12-31 is past what Postgres reads)", async () => {
    const f = await createSalonFixture(db.db);
    const booking = await book(db.db, f, { time: "15:00", name: "Grace Hopper" });
    const input = { stylistId: f.stylists[0].id, startDate: "2027-06-14", endDate: "9999-12-31", reason: "Gone" };
    expect(await addTimeOff(db.db, f.owner.id, input, { now: NOW })).toMatchObject({ status: "stranded", bookings: [{ reference: booking.reference }] });
  });
});

describe("switching off a stylist or a service", () => {
  it("refuses while they have future bookings, and switches off those without", async () => {
    const f = await createSalonFixture(db.db);
    const booking = await book(db.db, f, { time: "10:00", service: 1 });
    const before = await settingsSnapshot(db.db);

    const stylist = await setStylistActive(db.db, f.owner.id, { stylistId: f.stylists[0].id, active: false }, { now: NOW });
    expect(stylist).toMatchObject({ status: "stranded", reason: "stylist_inactive", bookings: [{ id: booking.id, serviceName: "Colour" }] });
    const service = await setServiceActive(db.db, f.owner.id, { serviceId: f.services[1].id, active: false }, { now: NOW });
    expect(service).toMatchObject({ status: "stranded", reason: "service_inactive", bookings: [{ id: booking.id }] });
    expect(await settingsSnapshot(db.db)).toEqual(before);

    expect((await setStylistActive(db.db, f.owner.id, { stylistId: f.stylists[1].id, active: false }, { now: NOW })).status).toBe("ok");
    expect((await setServiceActive(db.db, f.owner.id, { serviceId: f.services[0].id, active: false }, { now: NOW })).status).toBe("ok");
    const kept = await setStylistActive(db.db, f.owner.id, { stylistId: f.stylists[0].id, active: false, keepBookingIds: [booking.id] }, { now: NOW });
    expect(kept.status).toBe("ok");
    // Switching back on never strands anything.
    expect((await setStylistActive(db.db, f.owner.id, { stylistId: f.stylists[0].id, active: true }, { now: NOW })).status).toBe("ok");
  });
});

describe("changing the buffer or the time zone", () => {
  it("refuses a buffer that back-to-back bookings no longer leave room for", async () => {
    const f = await createSalonFixture(db.db);
    await book(db.db, f, { time: "10:00" });
    const second = await book(db.db, f, { time: "10:30" });
    // The other stylist's bookings leave exactly 15 minutes: enough.
    await book(db.db, f, { time: "10:00", stylist: 1 });
    await book(db.db, f, { time: "10:45", stylist: 1 });

    const refused = await updateSalon(db.db, f.owner.id, salonDetails(f, { bufferMinutes: "15" }), { now: NOW });
    expect(refused).toMatchObject({ status: "stranded", reason: "buffer", total: 1, bookings: [{ id: second.id, timeLabel: "10:30" }] });
    const [unchanged] = await db.db.select().from(salons).where(eq(salons.id, f.salon.id));
    expect(unchanged.bufferMinutes).toBe(0);

    expect((await updateSalon(db.db, f.owner.id, salonDetails(f, { name: "Renamed" }), { now: NOW })).status).toBe("ok");
    const saved = await updateSalon(db.db, f.owner.id, { ...salonDetails(f, { bufferMinutes: "15" }), keepBookingIds: [second.id] }, { now: NOW });
    expect(saved.status).toBe("ok");
    const [changed] = await db.db.select().from(salons).where(eq(salons.id, f.salon.id));
    expect(changed).toMatchObject({ bufferMinutes: 15, name: f.salon.name });
  });

  it("refuses a time zone that moves bookings outside the hours, and allows one that does not", async () => {
    const f = await createSalonFixture(db.db);
    const booking = await book(db.db, f, { time: "10:00" });
    // 10:00 in London is 05:00 in New York: before opening.
    const refused = await updateSalon(db.db, f.owner.id, salonDetails(f, { timeZone: "America/New_York" }), { now: NOW });
    expect(refused).toMatchObject({ status: "stranded", reason: "time_zone", bookings: [{ id: booking.id, timeLabel: "10:00" }] });
    const [unchanged] = await db.db.select().from(salons).where(eq(salons.id, f.salon.id));
    expect(unchanged.timeZone).toBe("Europe/London");
    // Dublin keeps London's clock in June.
    expect((await updateSalon(db.db, f.owner.id, salonDetails(f, { timeZone: "Europe/Dublin" }), { now: NOW })).status).toBe("ok");
  });
});

describe("a booking committing while the hours change", () => {
  it("makes the change wait for it, then refuses with it listed (the stylist row is locked first)", async () => {
    const f = await createSalonFixture(db.db);
    let inserted!: () => void;
    let release!: () => void;
    const insertedSignal = new Promise<void>((resolve) => (inserted = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    const booking = db.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(bookings)
        .values({
          reference: "RACE0001",
          salonId: f.salon.id,
          serviceId: f.services[0].id,
          stylistId: f.stylists[0].id,
          customerName: "Late Comer",
          customerEmail: "late@example.com",
          startsAt: new Date(`${TUESDAY}T10:00:00+01:00`),
          endsAt: new Date(`${TUESDAY}T10:30:00+01:00`),
          blockedUntil: new Date(`${TUESDAY}T10:30:00+01:00`),
          idempotencyKey: `race-${f.salon.id}`,
          requestHash: "race",
        })
        .returning({ id: bookings.id });
      inserted();
      await gate;
      return row.id;
    });
    await insertedSignal;

    let settled = false;
    const change = setWeeklyHours(
      db.db,
      f.owner.id,
      { stylistId: f.stylists[0].id, weekdays: [TUESDAY_WEEKDAY], stretches: afternoonOnly },
      { now: NOW },
    ).finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(settled).toBe(false);

    release();
    const bookingId = await booking;
    expect(await change).toMatchObject({ status: "stranded", bookings: [{ id: bookingId, reference: "RACE0001" }] });
    expect(await hoursOf(db.db, f.stylists[0].id, 2)).toEqual(["09:00–12:00", "13:00–17:00"]);
  });
});
