import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookings } from "@/db/schema";
import { createBooking } from "@/lib/booking/create-booking";
import { bookingRequest, londonStart, newKey, TEST_NOW } from "@/lib/booking/test-support";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture, type SalonFixture } from "@/lib/testing/fixtures";
import { findBookableStylists, InvalidQueryError, listAvailableSlots, UnknownEntityError } from "./index";
import { NEW_CUSTOMER } from "@/lib/booking/actor";

// Availability read from the database: hours, days off, bookings and the salon's zone.
let t: TestDatabase;
let f: SalonFixture;
let other: SalonFixture;
let ny: SalonFixture;

beforeAll(async () => {
  t = await createTestDatabase();
  f = await createSalonFixture(t.db, { bufferMinutes: 10, daysOff: ["2027-06-16"] });
  other = await createSalonFixture(t.db);
  // Sundays 00:00–04:00 and 09:00–17:00 in New York, to read the DST nights through the database.
  ny = await createSalonFixture(t.db, {
    timeZone: "America/New_York",
    stylists: 1,
    hours: [
      { weekday: 7, startTime: "00:00", endTime: "04:00" },
      { weekday: 7, startTime: "09:00", endTime: "17:00" },
    ],
  });
});
afterAll(async () => {
  await t?.dispose();
});

const WINTER_NOW = new Date("2027-01-01T00:00:00Z");
const cut = () => f.services[0].id;
const times = (slots: { local: string }[]) => slots.map((s) => s.local.slice(11, 16));

describe("listAvailableSlots", () => {
  it("lists a day's slots in the salon's zone with the stylists free for each", async () => {
    const { timeZone, slots } = await listAvailableSlots(t.db, { salonId: f.salon.id, serviceId: cut(), from: "2027-06-15", now: TEST_NOW });
    expect(timeZone).toBe("Europe/London");
    // 09:00–12:00 and 13:00–17:00, a 30-minute cut: 11 + 15 starts.
    expect(slots).toHaveLength(26);
    expect(slots[0]).toEqual({
      start: new Date("2027-06-15T08:00:00Z"),
      end: new Date("2027-06-15T08:30:00Z"),
      local: "2027-06-15T09:00:00+01:00",
      stylistIds: [f.stylists[0].id, f.stylists[1].id],
    });
    expect(times(slots)).not.toContain("11:45");
    expect(times(slots)).not.toContain("12:30");
  });

  it("removes a booked slot and its buffer for that stylist only; cancelling frees it again", async () => {
    const booked = await createBooking(t.db, bookingRequest(f, { start: londonStart("10:00", "2027-06-17") }), { actor: NEW_CUSTOMER, idempotencyKey: newKey(), now: TEST_NOW });
    expect(booked.status).toBe("created");
    const mine = await listAvailableSlots(t.db, { salonId: f.salon.id, serviceId: cut(), stylistId: f.stylists[0].id, from: "2027-06-17", now: TEST_NOW });
    expect(times(mine.slots)).toEqual(expect.arrayContaining(["09:15", "10:45"]));
    for (const gone of ["09:30", "09:45", "10:00", "10:15", "10:30"]) expect(times(mine.slots)).not.toContain(gone);

    const any = await listAvailableSlots(t.db, { salonId: f.salon.id, serviceId: cut(), from: "2027-06-17", now: TEST_NOW });
    expect(any.slots.find((s) => s.local.includes("T10:00"))?.stylistIds).toEqual([f.stylists[1].id]);

    if (booked.status === "created") await t.db.update(bookings).set({ status: "cancelled" }).where(eq(bookings.id, booked.booking.id));
    const after = await listAvailableSlots(t.db, { salonId: f.salon.id, serviceId: cut(), stylistId: f.stylists[0].id, from: "2027-06-17", now: TEST_NOW });
    expect(times(after.slots)).toContain("10:00");
  });

  it("leaves out a stylist's day off", async () => {
    const { slots } = await listAvailableSlots(t.db, { salonId: f.salon.id, serviceId: cut(), stylistId: f.stylists[0].id, from: "2027-06-16", now: TEST_NOW });
    expect(slots).toEqual([]);
    const any = await listAvailableSlots(t.db, { salonId: f.salon.id, serviceId: cut(), from: "2027-06-16", now: TEST_NOW });
    expect(any.slots.every((s) => s.stylistIds.length === 1 && s.stylistIds[0] === f.stylists[1].id)).toBe(true);
  });

  it("covers a range of days and reads working hours across a DST night", async () => {
    const spring = await listAvailableSlots(t.db, { salonId: ny.salon.id, serviceId: ny.services[0].id, from: "2027-03-13", to: "2027-03-15", now: WINTER_NOW });
    expect(spring.timeZone).toBe("America/New_York");
    // Only the Sunday works. 00:00–04:00 is three real hours that night: a 30-minute cut can
    // start 11 times; 09:00–17:00 gives 31 starts.
    expect(spring.slots).toHaveLength(11 + 31);
    const quarter = (h: number, m: number, offset: string) => `2027-03-14T0${h}:${String(m).padStart(2, "0")}:00${offset}`;
    expect(spring.slots.slice(0, 11).map((s) => s.local)).toEqual([
      ...[0, 1].flatMap((h) => [0, 15, 30, 45].map((m) => quarter(h, m, "-05:00"))),
      ...[0, 15, 30].map((m) => quarter(3, m, "-04:00")),
    ]);
    expect(spring.slots[11].start.toISOString()).toBe("2027-03-14T13:00:00.000Z");
    const autumn = await listAvailableSlots(t.db, { salonId: ny.salon.id, serviceId: ny.services[0].id, from: "2027-11-07", now: WINTER_NOW });
    expect(autumn.slots.filter((s) => s.local.includes("T01:")).map((s) => s.local.slice(11))).toEqual([
      ...["00", "15", "30", "45"].map((m) => `01:${m}:00-04:00`),
      ...["00", "15", "30", "45"].map((m) => `01:${m}:00-05:00`),
    ]);
  });

  it("treats ids of another salon, or malformed ids, as unknown", async () => {
    const attempts: [Partial<Parameters<typeof listAvailableSlots>[1]>, string][] = [
      [{ salonId: "00000000-0000-4000-8000-000000000000" }, "salon"],
      [{ salonId: "shoreditch-cuts" }, "salon"],
      [{ serviceId: other.services[0].id }, "serviceId"],
      [{ serviceId: "x'; drop table bookings; --" }, "serviceId"],
      [{ stylistId: other.stylists[0].id }, "stylistId"],
    ];
    for (const [override, field] of attempts) {
      const error = await listAvailableSlots(t.db, { salonId: f.salon.id, serviceId: cut(), from: "2027-06-15", now: TEST_NOW, ...override }).catch((e) => e);
      expect(error).toBeInstanceOf(UnknownEntityError);
      expect(error.field).toBe(field);
    }
  });

  it("refuses malformed dates and ranges over 31 days", async () => {
    for (const [from, to, field] of [["2027-02-30", undefined, "from"], ["2027-06-15", "2027-06-14", "to"], ["2027-06-01", "2027-07-02", "to"]] as const) {
      const error = await listAvailableSlots(t.db, { salonId: f.salon.id, serviceId: cut(), from, to, now: TEST_NOW }).catch((e) => e);
      expect(error).toBeInstanceOf(InvalidQueryError);
      expect(error.field).toBe(field);
    }
    const month = await listAvailableSlots(t.db, { salonId: f.salon.id, serviceId: cut(), from: "2027-06-01", to: "2027-07-01", now: TEST_NOW });
    expect(new Set(month.slots.map((s) => s.local.slice(0, 10))).size).toBe(31);
  });
});

describe("findBookableStylists", () => {
  it("names the free stylists for an offered start, least busy first, and nobody otherwise", async () => {
    const day = "2027-06-18";
    await createBooking(t.db, bookingRequest(f, { stylistId: f.stylists[0].id, start: londonStart("15:00", day) }), { actor: NEW_CUSTOMER, idempotencyKey: newKey(), now: TEST_NOW });
    const q = { salonId: f.salon.id, serviceId: cut(), now: TEST_NOW };
    expect(await findBookableStylists(t.db, { ...q, start: new Date(londonStart("09:00", day)) })).toEqual([f.stylists[1].id, f.stylists[0].id]);
    expect(await findBookableStylists(t.db, { ...q, start: new Date(londonStart("15:00", day)) })).toEqual([f.stylists[1].id]);
    expect(await findBookableStylists(t.db, { ...q, start: new Date(londonStart("15:00", day)), stylistId: f.stylists[0].id })).toEqual([]);
    expect(await findBookableStylists(t.db, { ...q, start: new Date(londonStart("12:15", day)) })).toEqual([]);
    expect(await findBookableStylists(t.db, { ...q, start: new Date(londonStart("09:00", day)), now: new Date(`${day}T12:00:00Z`) })).toEqual([]);
  });
});
