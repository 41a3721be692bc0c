import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownerNotifications, salons, stylists } from "@/db/schema";
import { cancelBooking } from "@/lib/booking/cancel-booking";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture, type SalonFixture } from "@/lib/testing/fixtures";
import { calendarDays, loadSalonCalendar } from "./calendar";
import { ownerActor } from "@/lib/booking/test-support";
import { bookAt } from "./test-support";

let db: TestDatabase;
let london: SalonFixture;
let losAngeles: SalonFixture;
let stranger: SalonFixture;
const NOW = new Date("2027-06-15T08:00:00Z");

beforeAll(async () => {
  db = await createTestDatabase();
  london = await createSalonFixture(db.db, { timeZone: "Europe/London", stylists: 3 });
  losAngeles = await createSalonFixture(db.db, {
    timeZone: "America/Los_Angeles",
    hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startTime: "08:00", endTime: "22:00" })),
  });
  // A US salon: its owner reads a 12-hour clock.
  await db.db.update(salons).set({ locale: "en-US", country: "US", currency: "USD" }).where(eq(salons.id, losAngeles.salon.id));
  stranger = await createSalonFixture(db.db, { timeZone: "Europe/London" });

  // London, Tuesday 15 June 2027 (BST, +01:00), and around it.
  await bookAt(db.db, london, "2027-06-15T10:00:00+01:00", { stylist: 0, name: "Ada Morning" });
  await bookAt(db.db, london, "2027-06-15T14:30:00+01:00", { stylist: 1, service: 1, name: "Bea Afternoon" });
  const cancelled = await bookAt(db.db, london, "2027-06-15T15:30:00+01:00", { stylist: 1, name: "Cy Cancelled" });
  await cancelBooking(db.db, { actor: ownerActor(london), bookingId: cancelled.id, now: NOW });
  await bookAt(db.db, london, "2027-06-16T09:00:00+01:00", { stylist: 2, name: "Di Wednesday" });
  await bookAt(db.db, london, "2027-06-14T16:00:00+01:00", { stylist: 0, name: "Ed Monday" });
  await bookAt(db.db, london, "2027-06-20T11:00:00+01:00", { stylist: 0, name: "Flo Sunday" });
  await bookAt(db.db, london, "2027-06-21T11:00:00+01:00", { stylist: 0, name: "Gus NextMonday" });
  // Los Angeles, 20:00 PDT on the 15th is already the 16th in UTC.
  await bookAt(db.db, losAngeles, "2027-06-15T20:00:00-07:00", { name: "Hal Evening" });
  // Another owner's booking on the same day.
  await bookAt(db.db, stranger, "2027-06-15T10:00:00+01:00", { name: "Stranger Booking" });
});

afterAll(async () => {
  await db?.dispose();
});

const names = (cal: NonNullable<Awaited<ReturnType<typeof loadSalonCalendar>>>) =>
  cal.stylists.map((s) => ({ stylist: s.name, bookings: s.bookings.map((b) => `${b.date} ${b.startTime}–${b.endTime} ${b.customerName} ${b.status}`) }));

describe("loadSalonCalendar: day view", () => {
  it("places each booking in its stylist's column by the salon's wall clock, cancelled ones marked", async () => {
    const cal = await loadSalonCalendar(db.db, london.owner.id, { salonId: london.salon.id, view: "day", date: "2027-06-15" }, { now: NOW });
    expect(cal).toBeDefined();
    expect(cal!.days).toEqual(["2027-06-15"]);
    expect(names(cal!)).toEqual([
      { stylist: "Stylist 1", bookings: ["2027-06-15 10:00–10:30 Ada Morning confirmed"] },
      {
        stylist: "Stylist 2",
        bookings: ["2027-06-15 14:30–15:30 Bea Afternoon confirmed", "2027-06-15 15:30–16:00 Cy Cancelled cancelled"],
      },
      { stylist: "Stylist 3", bookings: [] },
    ]);
    const ada = cal!.stylists[0].bookings[0];
    expect(ada).toMatchObject({ startMinute: 600, endMinute: 630, startLocal: "2027-06-15T10:00:00+01:00", endLocal: "2027-06-15T10:30:00+01:00" });
    expect(cal!.dayRange).toEqual({ startMinute: 9 * 60, endMinute: 17 * 60 });
    expect(cal!).toMatchObject({ today: "2027-06-15", previous: "2027-06-14", next: "2027-06-16", view: "day" });
    expect(JSON.stringify(cal)).not.toContain("Stranger Booking");
  });

  it("reads days in the salon's zone, not UTC: 8 PM in Los Angeles stays on the 15th, on the salon's 12-hour clock", async () => {
    const on15th = await loadSalonCalendar(db.db, losAngeles.owner.id, { salonId: losAngeles.salon.id, view: "day", date: "2027-06-15" });
    expect(on15th!.stylists[0].bookings.map((b) => [b.startTime, b.endTime, b.customerName, b.startMinute])).toEqual([["8:00 PM", "8:30 PM", "Hal Evening", 1200]]);
    expect(on15th!.dayRange).toEqual({ startMinute: 8 * 60, endMinute: 22 * 60 });
    const on16th = await loadSalonCalendar(db.db, losAngeles.owner.id, { salonId: losAngeles.salon.id, view: "day", date: "2027-06-16" });
    expect(on16th!.stylists.flatMap((s) => s.bookings)).toEqual([]);
  });

  it("defaults to today in the salon's zone", async () => {
    // 03:00 UTC on the 16th is still the 15th in Los Angeles.
    const cal = await loadSalonCalendar(db.db, losAngeles.owner.id, { salonId: losAngeles.salon.id, view: "day" }, { now: new Date("2027-06-16T03:00:00Z") });
    expect(cal!.date).toBe("2027-06-15");
    expect(cal!.today).toBe("2027-06-15");
  });

  it("widens the hours shown to a booking outside opening hours, and keeps an idle stylist hidden only when inactive", async () => {
    await db.db.update(stylists).set({ active: false }).where(eq(stylists.id, london.stylists[2].id));
    const cal = await loadSalonCalendar(db.db, london.owner.id, { salonId: london.salon.id, view: "day", date: "2027-06-15" });
    expect(cal!.stylists.map((s) => s.name)).toEqual(["Stylist 1", "Stylist 2"]);
    // Stylist 3 has a booking on the 16th, so the day shows them although inactive now.
    const next = await loadSalonCalendar(db.db, london.owner.id, { salonId: london.salon.id, view: "day", date: "2027-06-16" });
    expect(next!.stylists.map((s) => s.name)).toEqual(["Stylist 1", "Stylist 2", "Stylist 3"]);
    await db.db.update(stylists).set({ active: true }).where(eq(stylists.id, london.stylists[2].id));
  });
});

describe("loadSalonCalendar: new bookings", () => {
  it("marks the bookings the owner has unread notifications about, and only those", async () => {
    const fixture = await createSalonFixture(db.db, { timeZone: "Europe/London" });
    const seen = await bookAt(db.db, fixture, "2027-06-15T10:00:00+01:00", { name: "Seen Before" });
    const fresh = await bookAt(db.db, fixture, "2027-06-15T11:00:00+01:00", { name: "Just Arrived" });
    const note = (eventId: number, bookingId: string, readAt: Date | null) => ({
      eventId, ownerId: fixture.owner.id, salonId: fixture.salon.id, bookingId, eventType: "booking.created", payload: {}, readAt,
    });
    const base = 900_000_000 + Math.floor(Math.random() * 1_000_000);
    await db.db.insert(ownerNotifications).values([note(base, seen.id, NOW), note(base + 1, fresh.id, null)]);
    const cal = await loadSalonCalendar(db.db, fixture.owner.id, { salonId: fixture.salon.id, view: "day", date: "2027-06-15" }, { now: NOW });
    const flags = cal!.stylists.flatMap((s) => s.bookings.map((b) => [b.customerName, b.isNew]));
    expect(flags).toEqual([["Seen Before", false], ["Just Arrived", true]]);
  });
});

describe("loadSalonCalendar: week view", () => {
  it("shows Monday to Sunday of the date's week, each booking on its local day", async () => {
    const cal = await loadSalonCalendar(db.db, london.owner.id, { salonId: london.salon.id, view: "week", date: "2027-06-16" }, { now: NOW });
    expect(cal!.days).toEqual(["2027-06-14", "2027-06-15", "2027-06-16", "2027-06-17", "2027-06-18", "2027-06-19", "2027-06-20"]);
    expect(cal!.stylists[0].bookings.map((b) => `${b.date} ${b.customerName}`)).toEqual([
      "2027-06-14 Ed Monday",
      "2027-06-15 Ada Morning",
      "2027-06-20 Flo Sunday",
    ]);
    expect(JSON.stringify(cal)).not.toContain("Gus NextMonday");
    expect(cal!).toMatchObject({ previous: "2027-06-09", next: "2027-06-23" });
  });

  it("weeks run Monday to Sunday across a month and a year end", () => {
    expect(calendarDays("week", "2027-12-31")).toEqual(["2027-12-27", "2027-12-28", "2027-12-29", "2027-12-30", "2027-12-31", "2028-01-01", "2028-01-02"]);
    expect(calendarDays("week", "2027-06-14")[0]).toBe("2027-06-14");
    expect(calendarDays("week", "2027-06-20")[0]).toBe("2027-06-14");
  });

  it("keeps wall-clock times on the night the clocks go forward", async () => {
    // 28 March 2027: London jumps from 01:00 GMT to 02:00 BST.
    await bookAt(db.db, london, "2027-03-28T10:00:00+01:00", { stylist: 1, name: "Ivy Springforward", now: new Date("2027-03-01T00:00:00Z") });
    const cal = await loadSalonCalendar(db.db, london.owner.id, { salonId: london.salon.id, view: "day", date: "2027-03-28" });
    expect(cal!.stylists[1].bookings.map((b) => [b.startTime, b.startMinute, b.startLocal])).toEqual([["10:00", 600, "2027-03-28T10:00:00+01:00"]]);
  });
});

describe("loadSalonCalendar: authorisation", () => {
  it("gives another owner, and nobody, nothing: the salon might as well not exist", async () => {
    const input = { salonId: london.salon.id, view: "week" as const, date: "2027-06-16" };
    expect(await loadSalonCalendar(db.db, stranger.owner.id, input)).toBeUndefined();
    expect(await loadSalonCalendar(db.db, null, input)).toBeUndefined();
    expect(await loadSalonCalendar(db.db, undefined, input)).toBeUndefined();
    expect(await loadSalonCalendar(db.db, london.owner.id, { ...input, salonId: stranger.salon.id })).toBeUndefined();
    expect(await loadSalonCalendar(db.db, london.owner.id, { ...input, salonId: "not-a-uuid" })).toBeUndefined();
  });
});
