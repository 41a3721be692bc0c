import { randomUUID } from "node:crypto";
import type { Database } from "@/db/client";
import { outbox, ownerNotifications, type OutboxStatus } from "@/db/schema";
import type { BookingEventPayload } from "@/lib/booking/events";
import type { SalonFixture } from "@/lib/testing/fixtures";

// Test data for the dashboard feed: outbox events and the notifications the relay would write.

export function bookingPayload(fixture: SalonFixture, overrides: Partial<BookingEventPayload> = {}): BookingEventPayload {
  const bookingId = overrides.bookingId ?? randomUUID();
  return {
    bookingId,
    reference: `REF-${bookingId.slice(0, 6).toUpperCase()}`,
    status: "confirmed",
    sequence: 1,
    start: "2031-03-18T10:00:00.000Z",
    end: "2031-03-18T10:30:00.000Z",
    startLocal: "2031-03-18T10:00:00.000+00:00",
    endLocal: "2031-03-18T10:30:00.000+00:00",
    salon: {
      id: fixture.salon.id,
      slug: fixture.salon.slug,
      name: fixture.salon.name,
      timeZone: fixture.salon.timeZone,
      address: fixture.salon.address,
    },
    service: { id: fixture.services[0].id, name: fixture.services[0].name, durationMinutes: 30, priceCents: 1000 },
    stylist: { id: fixture.stylists[0].id, name: fixture.stylists[0].name },
    customer: { name: "Casey Customer", email: "casey@example.test", phone: "+44 20 0000 0000", note: "secret note" },
    ...overrides,
  };
}

/** An outbox event of the fixture's salon, as the booking core writes it. */
export async function insertOutboxEvent(
  db: Database,
  fixture: SalonFixture,
  options: { status?: OutboxStatus; payload?: BookingEventPayload; eventType?: string } = {},
) {
  const payload = options.payload ?? bookingPayload(fixture);
  const [event] = await db
    .insert(outbox)
    .values({
      aggregateType: "booking",
      aggregateId: payload.bookingId,
      salonId: fixture.salon.id,
      eventType: options.eventType ?? "booking.created",
      payload,
      status: options.status ?? "done",
    })
    .returning();
  return event;
}

/** The dashboard channel's row for an outbox event. */
export async function insertNotificationFor(db: Database, fixture: SalonFixture, event: Awaited<ReturnType<typeof insertOutboxEvent>>) {
  await db.insert(ownerNotifications).values({
    eventId: event.id,
    ownerId: fixture.owner.id,
    salonId: fixture.salon.id,
    bookingId: event.aggregateId,
    eventType: event.eventType,
    payload: event.payload,
  });
  return event.id;
}

/** An event that has been delivered to the dashboard: outbox row (sent) + notification. */
export async function deliverNotification(db: Database, fixture: SalonFixture, payload?: BookingEventPayload, eventType?: string) {
  return insertNotificationFor(db, fixture, await insertOutboxEvent(db, fixture, { payload, eventType }));
}
