import { and, asc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { bookings, salonHours, salons, services, stylistOwnDays, stylists, timeOff, workingHours } from "@/db/schema";
import { createBooking } from "@/lib/booking/create-booking";
import type { SalonFixture } from "@/lib/testing/fixtures";
import { NEW_CUSTOMER } from "@/lib/booking/actor";

// Shared by the settings integration tests (not shipped code paths).

/** A fixed "now" so tests never rot: 1 June 2027. Bookings are made on Tuesday 15 June (BST, +01:00). */
export const NOW = new Date("2027-06-01T00:00:00Z");
export const TUESDAY = "2027-06-15";

/** Every settings row of the database, in a stable order: what "nothing was written" compares. */
export async function settingsSnapshot(db: Database) {
  const [salonRows, serviceRows, stylistRows, hourRows, offRows, bookingRows, salonHourRows, ownDayRows] = await Promise.all([
    db.select().from(salons).orderBy(asc(salons.id)),
    db.select().from(services).orderBy(asc(services.id)),
    db.select().from(stylists).orderBy(asc(stylists.id)),
    db.select().from(workingHours).orderBy(asc(workingHours.id)),
    db.select().from(timeOff).orderBy(asc(timeOff.id)),
    db
      .select({ id: bookings.id, status: bookings.status, startsAt: bookings.startsAt, endsAt: bookings.endsAt, version: bookings.version })
      .from(bookings)
      .orderBy(asc(bookings.id)),
    db.select().from(salonHours).orderBy(asc(salonHours.id)),
    db.select().from(stylistOwnDays).orderBy(asc(stylistOwnDays.stylistId), asc(stylistOwnDays.weekday)),
  ]);
  return { salonRows, serviceRows, stylistRows, hourRows, offRows, bookingRows, salonHourRows, ownDayRows };
}

let keyCounter = 0;

/** A real booking through the booking core, at a London wall-clock time on a date. */
export async function book(
  db: Database,
  f: SalonFixture,
  at: { time: string; date?: string; stylist?: number; service?: number; name?: string },
) {
  keyCounter += 1;
  const result = await createBooking(
    db,
    {
      salon: f.salon.slug,
      serviceId: f.services[at.service ?? 0].id,
      stylistId: f.stylists[at.stylist ?? 0].id,
      start: `${at.date ?? TUESDAY}T${at.time}:00+01:00`,
      customer: { name: at.name ?? "Jo Bloggs", email: "jo@example.com" },
    },
    { actor: NEW_CUSTOMER, idempotencyKey: `settings-test-${process.pid}-${keyCounter}-${Math.random().toString(36).slice(2)}`, now: NOW },
  );
  if (result.status !== "created") throw new Error(`booking failed: ${JSON.stringify(result)}`);
  const [row] = await db.select().from(bookings).where(eq(bookings.id, result.booking.id));
  return row;
}

/** A stylist's stretches on one weekday, as "09:00–12:00". */
export async function hoursOf(db: Database, stylistId: string, weekday: number): Promise<string[]> {
  const rows = await db
    .select({ start: workingHours.startTime, end: workingHours.endTime })
    .from(workingHours)
    .where(and(eq(workingHours.stylistId, stylistId), eq(workingHours.weekday, weekday)))
    .orderBy(asc(workingHours.startTime));
  return rows.map((h) => `${h.start.slice(0, 5)}–${h.end.slice(0, 5)}`);
}
