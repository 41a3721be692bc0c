import { count } from "drizzle-orm";
import type { Database } from "@/db/client";
import { bookings, outbox } from "@/db/schema";
import type { SalonFixture } from "@/lib/testing/fixtures";
import type { OwnerActor } from "./actor";
import type { BookingRequestInput } from "./schemas";

// Shared by the booking integration tests (not shipped code paths).

/** A fixed future "now": tests never read the real clock, so they do not rot. */
export const TEST_NOW = new Date("2027-06-01T00:00:00Z");
/** A Tuesday in British Summer Time (+01:00). */
export const TEST_DATE = "2027-06-15";

export function londonStart(hhmm: string, date = TEST_DATE): string {
  return `${date}T${hhmm}:00+01:00`;
}

export function bookingRequest(f: SalonFixture, overrides: Partial<BookingRequestInput> = {}): BookingRequestInput {
  return {
    salon: f.salon.slug,
    serviceId: f.services[0].id,
    stylistId: f.stylists[0].id,
    start: londonStart("10:00"),
    customer: { name: "Jo Bloggs", email: "jo@example.com" },
    ...overrides,
  };
}

let keyCounter = 0;
export function newKey(label = "key"): string {
  keyCounter += 1;
  return `${label}-${process.pid}-${keyCounter}-${Math.random().toString(36).slice(2, 10)}`;
}

export async function countRows(db: Database): Promise<{ bookings: number; outbox: number }> {
  const [[b], [o]] = await Promise.all([
    db.select({ n: count() }).from(bookings),
    db.select({ n: count() }).from(outbox),
  ]);
  return { bookings: b.n, outbox: o.n };
}

/** The owner of a fixture's salon, as a booking command's actor. */
export function ownerActor(f: Pick<SalonFixture, "salon">, salonIds: string[] = [f.salon.id]): OwnerActor {
  return { by: "owner", ownerId: f.salon.ownerId, salonIds };
}
