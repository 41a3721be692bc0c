import type { Database } from "@/db/client";
import { outbox, type Booking, type Salon, type Service } from "@/db/schema";
import { formatLocal } from "@/lib/availability/wall-clock";
import type { ActorKind } from "./actor";
import type { BOOKING_REMINDER_EVENT, BookingEventPayload, BookingEventType, BookingTimes } from "./events";

// The one way a booking event enters the outbox. Call it only inside the transaction that changes
// the booking, so the event commits or rolls back with it.

export interface BookingEventContext {
  salon: Pick<Salon, "id" | "slug" | "name" | "timeZone" | "address">;
  service: Pick<Service, "id" | "name" | "durationMinutes" | "priceCents">;
  stylist: { id: string; name: string };
}

export interface BookingEventInput {
  eventType: BookingEventType | typeof BOOKING_REMINDER_EVENT;
  /** The booking row as it is after the change; its version becomes the event's sequence. */
  booking: Booking;
  context: BookingEventContext;
  previous?: BookingEventPayload["previous"];
  /** Who caused it; a cancellation also records it as cancelledBy. */
  actor: ActorKind;
  customerEmail?: BookingEventPayload["customerEmail"];
  reminderOffsetMinutes?: number;
}

/** Appends a booking event to the outbox in the caller's transaction; returns the event id. */
export async function appendBookingEvent(tx: Database, event: BookingEventInput): Promise<number> {
  const [row] = await tx
    .insert(outbox)
    .values({
      aggregateType: "booking",
      aggregateId: event.booking.id,
      salonId: event.booking.salonId,
      eventType: event.eventType,
      payload: bookingEventPayload(event),
      // News of an appointment is no use to its customer once it has begun (lib/outbox/retry-policy.ts).
      expiresAt: event.booking.startsAt,
    })
    .returning({ id: outbox.id })
    .prepare("append_booking_event")
    .execute();
  return row.id;
}

/** The booking's times in UTC and in the salon's zone. */
export function bookingTimes(start: Date, end: Date, timeZone: string): BookingTimes {
  return {
    start: start.toISOString(),
    end: end.toISOString(),
    startLocal: formatLocal(start, timeZone),
    endLocal: formatLocal(end, timeZone),
  };
}

/** Everything a notification needs, so channels never read booking tables that may have moved on. */
export function bookingEventPayload(event: BookingEventInput): BookingEventPayload {
  const { booking, context } = event;
  const customer: BookingEventPayload["customer"] = { name: booking.customerName };
  if (booking.customerEmail) customer.email = booking.customerEmail;
  if (booking.customerPhone) customer.phone = booking.customerPhone;
  if (booking.customerNote) customer.note = booking.customerNote;
  const payload: BookingEventPayload = {
    bookingId: booking.id,
    reference: booking.reference,
    status: booking.status,
    sequence: booking.version,
    ...bookingTimes(booking.startsAt, booking.endsAt, context.salon.timeZone),
    salon: {
      id: context.salon.id,
      slug: context.salon.slug,
      name: context.salon.name,
      timeZone: context.salon.timeZone,
      address: context.salon.address,
    },
    service: {
      id: context.service.id,
      name: context.service.name,
      durationMinutes: context.service.durationMinutes,
      priceCents: context.service.priceCents,
    },
    stylist: { id: context.stylist.id, name: context.stylist.name },
    customer,
    actor: event.actor,
  };
  if (event.previous) payload.previous = event.previous;
  if (event.eventType === "booking.cancelled") payload.cancelledBy = event.actor;
  if (event.customerEmail) payload.customerEmail = event.customerEmail;
  if (event.reminderOffsetMinutes !== undefined) payload.reminderOffsetMinutes = event.reminderOffsetMinutes;
  return payload;
}
