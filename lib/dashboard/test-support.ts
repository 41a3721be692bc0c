import { asc } from "drizzle-orm";
import type { Database } from "@/db/client";
import { bookings, deliveries, outbox } from "@/db/schema";
import { createBooking } from "@/lib/booking/create-booking";
import type { SalonFixture } from "@/lib/testing/fixtures";
import { NEW_CUSTOMER } from "@/lib/booking/actor";

// Shared by the dashboard's integration tests (not shipped code paths).

/** The booking core's "now" in these tests: bookings are made before the days they are for. */
export const BOOKED_AT = new Date("2027-06-01T00:00:00Z");

let keys = 0;

/** A booking made through the booking core (row + booking.created event), as a customer would. */
export async function bookAt(
  db: Database,
  fixture: SalonFixture,
  start: string,
  options: { stylist?: number; service?: number; name?: string; now?: Date } = {},
) {
  const result = await createBooking(
    db,
    {
      salon: fixture.salon.slug,
      serviceId: fixture.services[options.service ?? 0].id,
      stylistId: fixture.stylists[options.stylist ?? 0].id,
      start,
      customer: { name: options.name ?? "Jo Bloggs", email: "jo@example.test", phone: "+44 20 7946 0000", note: "Fringe only" },
    },
    { actor: NEW_CUSTOMER, idempotencyKey: `dashboard-test-${process.pid}-${++keys}-${Math.random().toString(36).slice(2)}`, now: options.now ?? BOOKED_AT },
  );
  if (result.status !== "created") throw new Error(`test booking at ${start} was not created: ${JSON.stringify(result)}`);
  return result.booking;
}

/** Every row an owner action could touch, to prove a refused action changed nothing. */
export async function snapshotBookingData(db: Database) {
  const [b, o, d] = await Promise.all([
    db.select().from(bookings).orderBy(asc(bookings.id)),
    db.select().from(outbox).orderBy(asc(outbox.id)),
    db.select().from(deliveries).orderBy(asc(deliveries.eventId), asc(deliveries.channel)),
  ]);
  return JSON.parse(JSON.stringify({ bookings: b, outbox: o, deliveries: d }));
}
