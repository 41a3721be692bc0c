import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { salons, services, stylists, timeOff } from "@/db/schema";
import { listAvailableSlots } from "@/lib/availability";
import { createBooking } from "@/lib/booking/create-booking";
import { getSalonBySlug } from "@/lib/salons";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture } from "@/lib/testing/fixtures";
import {
  addService,
  addStylist,
  addTimeOff,
  publishSalon,
  createSalon,
  getSalonSettings,
  getStylistSettings,
  removeTimeOff,
  renameStylist,
  setServiceActive,
  setWeeklyHours,
  updateService,
} from "./index";
import { NOW } from "./test-support";
import { NEW_CUSTOMER } from "@/lib/booking/actor";

// The owner's way from nothing to a bookable salon, through the settings commands alone.

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.dispose();
});

function ok<T extends { status: string }>(result: T): Extract<T, { status: "ok" }> {
  expect(result.status, JSON.stringify(result)).toBe("ok");
  return result as Extract<T, { status: "ok" }>;
}

describe("setting up a salon", () => {
  it("creates a salon, a service, a stylist and weekday hours, publishes it, and customers can book it at once", async () => {
    const { owner } = await createSalonFixture(db.db);
    const { salonId } = ok(
      await createSalon(db.db, owner.id, {
        name: "  Harbour Hair ",
        slug: "harbour-hair",
        timeZone: "America/New_York",
        address: "5 Pier Road",
        bufferMinutes: "10",
        minNoticeMinutes: "0",
        cancellationCutoffMinutes: "1440",
      }),
    );
    const { serviceId } = ok(await addService(db.db, owner.id, { salonId, name: "Blow-dry", durationMinutes: "45", price: "32.5" }));
    const { stylistId } = ok(await addStylist(db.db, owner.id, { salonId, name: "Rosa" }));
    ok(
      await setWeeklyHours(
        db.db,
        owner.id,
        { stylistId, weekdays: ["1", "2", "3", "4", "5"], stretches: [{ start: "09:00", end: "17:00" }] },
        { now: NOW },
      ),
    );

    expect(await getSalonBySlug(db.db, "harbour-hair")).toBeNull();
    ok(await publishSalon(db.db, owner.id, { salonId }, { now: NOW }));

    const settings = await getSalonSettings(db.db, owner.id, salonId);
    expect(settings?.salon).toMatchObject({ name: "Harbour Hair", timeZone: "America/New_York", bufferMinutes: 10, cancellationCutoffMinutes: 1440 });
    expect(settings?.services).toEqual([{ id: serviceId, name: "Blow-dry", durationMinutes: 45, priceCents: 3250, active: true }]);
    expect(settings?.stylists).toEqual([{ id: stylistId, name: "Rosa", active: true }]);
    expect((await getSalonBySlug(db.db, "harbour-hair"))?.services.map((s) => s.name)).toEqual(["Blow-dry"]);

    // Tuesday 15 June 2027 in New York: 09:00 to the last 45-minute start at 16:15; Saturday closed.
    const { slots } = await listAvailableSlots(db.db, { salonId, serviceId, from: "2027-06-15", now: NOW });
    expect(slots[0].local).toBe("2027-06-15T09:00:00-04:00");
    expect(slots.at(-1)?.local).toBe("2027-06-15T16:15:00-04:00");
    expect((await listAvailableSlots(db.db, { salonId, serviceId, from: "2027-06-19", now: NOW })).slots).toEqual([]);
    const booked = await createBooking(
      db.db,
      { salon: "harbour-hair", serviceId, start: slots[0].local, customer: { name: "Lin", email: "lin@example.com" } },
      { actor: NEW_CUSTOMER, idempotencyKey: "settings-commands-first-booking", now: NOW },
    );
    expect(booked.status).toBe("created");
  });

  it("edits a service and a stylist, switches a service off and on, and adds and removes days off", async () => {
    const f = await createSalonFixture(db.db);
    ok(await updateService(db.db, f.owner.id, { serviceId: f.services[0].id, name: "Dry cut", durationMinutes: "20", price: "18" }));
    const [service] = await db.db.select().from(services).where(eq(services.id, f.services[0].id));
    expect(service).toMatchObject({ name: "Dry cut", durationMinutes: 20, priceCents: 1800, active: true });

    ok(await setServiceActive(db.db, f.owner.id, { serviceId: f.services[0].id, active: "false" }, { now: NOW }));
    expect((await getSalonBySlug(db.db, f.salon.slug))?.services.map((s) => s.name)).toEqual(["Colour"]);
    ok(await setServiceActive(db.db, f.owner.id, { serviceId: f.services[0].id, active: "true" }, { now: NOW }));
    expect((await getSalonBySlug(db.db, f.salon.slug))?.services.map((s) => s.name)).toEqual(["Colour", "Dry cut"]);

    ok(await renameStylist(db.db, f.owner.id, { stylistId: f.stylists[0].id, name: "  Priya  " }));
    const [stylist] = await db.db.select().from(stylists).where(eq(stylists.id, f.stylists[0].id));
    expect(stylist.name).toBe("Priya");

    const { timeOffId } = ok(
      await addTimeOff(db.db, f.owner.id, { stylistId: f.stylists[0].id, startDate: "2027-07-05", endDate: "2027-07-09", reason: "Holiday" }, { now: NOW }),
    );
    const view = await getStylistSettings(db.db, f.owner.id, { salonId: f.salon.id, stylistId: f.stylists[0].id });
    expect(view?.timeOff).toEqual([{ id: timeOffId, startDate: "2027-07-05", endDate: "2027-07-09", startTime: null, endTime: null, reason: "Holiday" }]);
    expect(view?.hours.filter((h) => h.weekday === 1)).toEqual([
      { weekday: 1, start: "09:00", end: "12:00" },
      { weekday: 1, start: "13:00", end: "17:00" },
    ]);
    ok(await removeTimeOff(db.db, f.owner.id, { timeOffId }));
    expect(await db.db.select().from(timeOff).where(eq(timeOff.id, timeOffId))).toEqual([]);
  });

  it("hours off on one day close those hours to customers and are refused while a booking is in them", async () => {
    const f = await createSalonFixture(db.db, { stylists: 1 });
    const input = { stylistId: f.stylists[0].id, startDate: "2027-06-15", endDate: "2027-06-15", startTime: "10:00", endTime: "11:30", reason: "Dentist" };
    const { timeOffId } = ok(await addTimeOff(db.db, f.owner.id, input, { now: NOW }));
    const view = await getStylistSettings(db.db, f.owner.id, { salonId: f.salon.id, stylistId: f.stylists[0].id });
    expect(view?.timeOff).toEqual([{ id: timeOffId, startDate: "2027-06-15", endDate: "2027-06-15", startTime: "10:00", endTime: "11:30", reason: "Dentist" }]);
    const { slots } = await listAvailableSlots(db.db, { salonId: f.salon.id, serviceId: f.services[0].id, from: "2027-06-15", now: NOW });
    const morning = slots.map((s) => s.local.slice(11, 16)).filter((t) => t < "12:00");
    expect(morning).toEqual(["09:00", "09:15", "09:30", "11:30"]);

    // A booking at 14:00 the next day is strandable by an afternoon off: refused, nothing written.
    const booked = await createBooking(
      db.db,
      { salon: f.salon.slug, serviceId: f.services[0].id, stylistId: f.stylists[0].id, start: "2027-06-16T14:00:00+01:00", customer: { name: "Kim", email: "kim@example.com" } },
      { actor: NEW_CUSTOMER, idempotencyKey: `part-day-${f.salon.id}`, now: NOW },
    );
    expect(booked.status).toBe("created");
    const afternoon = { ...input, startDate: "2027-06-16", endDate: "2027-06-16", startTime: "13:00", endTime: "17:00" };
    const refused = await addTimeOff(db.db, f.owner.id, afternoon, { now: NOW });
    expect(refused).toMatchObject({ status: "stranded", reason: "time_off", total: 1 });
    // The morning of that day strands nothing.
    ok(await addTimeOff(db.db, f.owner.id, { ...afternoon, startTime: "09:00", endTime: "12:00" }, { now: NOW }));
  });

  it("a day set to no stretches is a day off for customers", async () => {
    const f = await createSalonFixture(db.db, { stylists: 1 });
    ok(await setWeeklyHours(db.db, f.owner.id, { stylistId: f.stylists[0].id, weekdays: ["2"], stretches: [] }, { now: NOW }));
    const { slots } = await listAvailableSlots(db.db, { salonId: f.salon.id, serviceId: f.services[0].id, from: "2027-06-15", now: NOW });
    expect(slots).toEqual([]);
    const [salon] = await db.db.select().from(salons).where(eq(salons.id, f.salon.id));
    expect(salon.timeZone).toBe("Europe/London");
  });
});
