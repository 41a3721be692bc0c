import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookings } from "@/db/schema";
import { listAvailableSlots } from "@/lib/availability";
import { loadSalonCalendar } from "@/lib/dashboard/calendar";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture } from "@/lib/testing/fixtures";
import { getSalonReadiness, getStylistSettings, setSalonHours, setWeeklyHours } from "./index";
import { book, NOW, settingsSnapshot, TUESDAY } from "./test-support";

// Salon opening hours that stylists inherit, with days a stylist sets themselves: what customers
// are offered, what the owner's changes strand, and what the settings pages read. Fixture salons
// are London; "follows" salons open every day 10:00–14:00 and their two stylists own no day.

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.dispose();
});

const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];
const followsSalon = () =>
  createSalonFixture(db.db, {
    ownDays: [],
    hours: [],
    salonHours: EVERY_DAY.map((weekday) => ({ weekday, startTime: "10:00", endTime: "14:00" })),
  });

async function slotsOn(salonId: string, serviceId: string, date: string) {
  const { slots } = await listAvailableSlots(db.db, { salonId, serviceId, from: date, now: NOW });
  return slots.map((s) => ({ time: s.local.slice(11, 16), stylistIds: s.stylistIds }));
}

describe("effective hours in availability", () => {
  it("offers the salon's hours for stylists who follow them, and a stylist's own day instead", async () => {
    const f = await followsSalon();
    const [ann, bob] = f.stylists.map((s) => s.id);
    const tuesday = await slotsOn(f.salon.id, f.services[0].id, TUESDAY);
    // 10:00–14:00, a 30-minute cut: starts 10:00 … 13:30, both stylists.
    expect(tuesday.map((s) => s.time)).toEqual(["10:00", "10:15", "10:30", "10:45", "11:00", "11:15", "11:30", "11:45", "12:00", "12:15", "12:30", "12:45", "13:00", "13:15", "13:30"]);
    expect(tuesday.every((s) => s.stylistIds.length === 2)).toBe(true);

    // Ann sets Tuesday herself: off although the salon is open. Bob still works it.
    expect((await setWeeklyHours(db.db, f.owner.id, { stylistId: ann, weekdays: ["2"], stretches: [] }, { now: NOW })).status).toBe("ok");
    expect((await slotsOn(f.salon.id, f.services[0].id, TUESDAY)).every((s) => s.stylistIds.join() === bob)).toBe(true);

    // Her own Tuesday afternoon applies, not the salon's hours.
    await setWeeklyHours(db.db, f.owner.id, { stylistId: ann, weekdays: ["2"], stretches: [{ start: "15:00", end: "16:00" }] }, { now: NOW });
    const own = await slotsOn(f.salon.id, f.services[0].id, TUESDAY);
    expect(own.filter((s) => s.stylistIds.includes(ann)).map((s) => s.time)).toEqual(["15:00", "15:15", "15:30"]);

    // Changing the salon's Tuesday moves Bob, not Ann.
    await setSalonHours(db.db, f.owner.id, { salonId: f.salon.id, weekdays: ["2"], stretches: [{ start: "09:00", end: "10:00" }] }, { now: NOW });
    const moved = await slotsOn(f.salon.id, f.services[0].id, TUESDAY);
    expect(moved.filter((s) => s.stylistIds.includes(bob)).map((s) => s.time)).toEqual(["09:00", "09:15", "09:30"]);
    expect(moved.filter((s) => s.stylistIds.includes(ann)).map((s) => s.time)).toEqual(["15:00", "15:15", "15:30"]);

    // Back to the salon's hours: her own rows go, and she works 09:00–10:00 like Bob.
    await setWeeklyHours(db.db, f.owner.id, { stylistId: ann, source: "salon", weekdays: ["2"], stretches: [] }, { now: NOW });
    const back = await slotsOn(f.salon.id, f.services[0].id, TUESDAY);
    expect(back.map((s) => [s.time, s.stylistIds.length])).toEqual([["09:00", 2], ["09:15", 2], ["09:30", 2]]);
    const settings = await getStylistSettings(db.db, f.owner.id, { salonId: f.salon.id, stylistId: ann });
    expect(settings?.ownDays).toEqual([]);
    expect(settings?.hours).toEqual([]);
    expect(settings?.salonHours.filter((h) => h.weekday === 2)).toEqual([{ weekday: 2, start: "09:00", end: "10:00" }]);
  });

  it("closes the salon on a day with no stretches, for every stylist who follows it", async () => {
    const f = await followsSalon();
    await setSalonHours(db.db, f.owner.id, { salonId: f.salon.id, weekdays: ["2"], stretches: [] }, { now: NOW });
    expect(await slotsOn(f.salon.id, f.services[0].id, TUESDAY)).toEqual([]);
    expect((await slotsOn(f.salon.id, f.services[0].id, "2027-06-16")).length).toBeGreaterThan(0);
  });

  it("counts salon hours as hours for publishing, and spans the owner's calendar day by them", async () => {
    const f = await followsSalon();
    expect((await getSalonReadiness(db.db, f.owner.id, f.salon.id))?.missing).toEqual([]);
    // 10:00–14:00, not the 09:00–17:00 a calendar without hours shows.
    const calendar = await loadSalonCalendar(db.db, f.owner.id, { salonId: f.salon.id, view: "day", date: TUESDAY }, { now: NOW });
    expect(calendar?.dayRange).toEqual({ startMinute: 600, endMinute: 840 });

    const closed = await createSalonFixture(db.db, { ownDays: [], hours: [], published: false });
    expect((await getSalonReadiness(db.db, closed.owner.id, closed.salon.id))?.missing).toEqual(["hours"]);
  });
});

describe("stranded bookings when hours change", () => {
  it("refuses salon hours that strand a booking of a stylist who follows them, and writes nothing", async () => {
    const f = await followsSalon();
    // Bob sets Tuesday himself (the same hours), so only Ann follows the salon that day.
    await setWeeklyHours(db.db, f.owner.id, { stylistId: f.stylists[1].id, weekdays: ["2"], stretches: [{ start: "10:00", end: "14:00" }] }, { now: NOW });
    const annsBooking = await book(db.db, f, { time: "10:00", stylist: 0, name: "Ada Lovelace" });
    await book(db.db, f, { time: "10:00", stylist: 1, name: "Bob's customer" });
    const before = await settingsSnapshot(db.db);
    const input = { salonId: f.salon.id, weekdays: ["2"], stretches: [{ start: "12:00", end: "14:00" }] };

    const refused = await setSalonHours(db.db, f.owner.id, input, { now: NOW });
    expect(refused).toMatchObject({ status: "stranded", reason: "salon_hours", total: 1, bookings: [{ id: annsBooking.id, customerName: "Ada Lovelace" }] });
    expect(await settingsSnapshot(db.db)).toEqual(before);

    expect((await setSalonHours(db.db, f.owner.id, { ...input, keepBookingIds: [annsBooking.id] }, { now: NOW })).status).toBe("ok");
  });

  it("refuses handing a day back to the salon's hours when the booking is outside them", async () => {
    const f = await followsSalon();
    await setWeeklyHours(db.db, f.owner.id, { stylistId: f.stylists[0].id, weekdays: ["2"], stretches: [{ start: "15:00", end: "17:00" }] }, { now: NOW });
    const late = await book(db.db, f, { time: "15:00", stylist: 0 });
    const before = await settingsSnapshot(db.db);
    const result = await setWeeklyHours(db.db, f.owner.id, { stylistId: f.stylists[0].id, source: "salon", weekdays: ["2"], stretches: [] }, { now: NOW });
    expect(result).toMatchObject({ status: "stranded", reason: "hours", bookings: [{ id: late.id }] });
    expect(await settingsSnapshot(db.db)).toEqual(before);
  });
});

describe("a booking committing while the salon's hours change", () => {
  it("makes the change wait for it, then refuses with it listed (the salon row is locked first)", async () => {
    const f = await followsSalon();
    let inserted!: () => void;
    let release!: () => void;
    const insertedSignal = new Promise<void>((resolve) => (inserted = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    const booking = db.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(bookings)
        .values({
          reference: "RACE0015",
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
    const change = setSalonHours(
      db.db,
      f.owner.id,
      { salonId: f.salon.id, weekdays: ["2"], stretches: [{ start: "12:00", end: "14:00" }] },
      { now: NOW },
    ).finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(settled).toBe(false);

    release();
    const bookingId = await booking;
    expect(await change).toMatchObject({ status: "stranded", reason: "salon_hours", bookings: [{ id: bookingId, reference: "RACE0015" }] });
    expect((await getStylistSettings(db.db, f.owner.id, { salonId: f.salon.id, stylistId: f.stylists[0].id }))?.salonHours).toContainEqual({
      weekday: 2,
      start: "10:00",
      end: "14:00",
    });
  });
});

describe("validation", () => {
  it("refuses stretches on days that follow the salon, an unknown source, and bad salon stretches", async () => {
    const f = await followsSalon();
    const before = await settingsSnapshot(db.db);
    const stylistId = f.stylists[0].id;
    expect(await setWeeklyHours(db.db, f.owner.id, { stylistId, source: "salon", weekdays: ["2"], stretches: [{ start: "09:00", end: "10:00" }] })).toEqual({
      status: "invalid",
      fieldErrors: { stretches: ["Days on the salon's hours take no stretches of their own"] },
    });
    expect(await setWeeklyHours(db.db, f.owner.id, { stylistId, source: "theirs", weekdays: ["2"], stretches: [] })).toEqual({
      status: "invalid",
      fieldErrors: { source: ["Choose the salon's hours or own hours"] },
    });
    expect(
      await setSalonHours(db.db, f.owner.id, {
        salonId: f.salon.id,
        weekdays: ["9"],
        stretches: [
          { start: "12:00", end: "11:00" },
          { start: "25:00", end: "26:00" },
        ],
      }),
    ).toEqual({
      status: "invalid",
      fieldErrors: {
        "weekdays.0": ["Unknown weekday"],
        "stretches.0.end": ["End must be after start"],
        "stretches.1.start": ["Use 24-hour HH:MM, e.g. 09:00 or 17:30"],
        "stretches.1.end": ["Use 24-hour HH:MM, e.g. 09:00 or 17:30"],
      },
    });
    const tooMany = Array.from({ length: 7 }, (_, i) => ({ start: `0${i}:00`, end: `0${i}:30` }));
    expect((await setSalonHours(db.db, f.owner.id, { salonId: f.salon.id, weekdays: ["1"], stretches: tooMany })).status).toBe("invalid");
    expect(await settingsSnapshot(db.db)).toEqual(before);
  });
});
