// Outbox rows for relay tests, written directly (as createBooking would) so the relay can be
// tested on its own.
import { randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import type { Database } from "@/db/client";
import { outbox, type OutboxEvent } from "@/db/schema";
import type { BookingEventPayload, BookingEventType } from "@/lib/booking/events";
import type { SalonFixture } from "./fixtures";

export interface TestEventOptions {
  bookingId?: string;
  eventType?: BookingEventType;
  /** Start of the slot (UTC); default tomorrow 10:00 UTC. */
  start?: Date;
  sequence?: number;
  customer?: Partial<BookingEventPayload["customer"]>;
}

export function testBookingPayload(fixture: SalonFixture, options: TestEventOptions = {}): BookingEventPayload {
  const start = options.start ?? new Date(Date.UTC(2030, 2, 14, 10, 0));
  const service = fixture.services[0];
  const end = new Date(start.getTime() + service.durationMinutes * 60_000);
  const zone = fixture.salon.timeZone;
  const local = (d: Date) => localIso(d, zone);
  const eventType = options.eventType ?? "booking.created";
  const previousStart = new Date(start.getTime() - 86_400_000);
  const previousEnd = new Date(previousStart.getTime() + service.durationMinutes * 60_000);
  return {
    bookingId: options.bookingId ?? randomUUID(),
    reference: `REF-${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
    status: eventType === "booking.cancelled" ? "cancelled" : "confirmed",
    sequence: options.sequence ?? (eventType === "booking.created" ? 1 : 2),
    start: start.toISOString(),
    end: end.toISOString(),
    startLocal: local(start),
    endLocal: local(end),
    salon: {
      id: fixture.salon.id,
      slug: fixture.salon.slug,
      name: fixture.salon.name,
      timeZone: zone,
      address: fixture.salon.address,
    },
    service: { id: service.id, name: service.name, durationMinutes: service.durationMinutes, priceCents: service.priceCents },
    stylist: { id: fixture.stylists[0].id, name: fixture.stylists[0].name },
    customer: { name: "Jo Customer", email: "jo@example.test", phone: "+44 20 7946 0000", note: "Window seat", ...options.customer },
    ...(eventType === "booking.rescheduled"
      ? {
          previous: {
            start: previousStart.toISOString(),
            end: previousEnd.toISOString(),
            startLocal: local(previousStart),
            endLocal: local(previousEnd),
            stylist: { id: fixture.stylists[0].id, name: fixture.stylists[0].name },
          },
        }
      : {}),
    ...(eventType === "booking.cancelled" ? { cancelledBy: "customer" as const } : {}),
  };
}

/** Inserts one booking event into the outbox, pending and due now. */
export async function insertTestEvent(db: Database, fixture: SalonFixture, options: TestEventOptions = {}): Promise<OutboxEvent> {
  const payload = testBookingPayload(fixture, options);
  const [row] = await db
    .insert(outbox)
    .values({
      aggregateType: "booking",
      aggregateId: payload.bookingId,
      salonId: fixture.salon.id,
      eventType: options.eventType ?? "booking.created",
      payload,
    })
    .returning();
  return row;
}

function localIso(date: Date, timeZone: string): string {
  return DateTime.fromJSDate(date, { zone: timeZone }).toISO({ suppressMilliseconds: true }) ?? date.toISOString();
}
