import { and, asc, eq, sql } from "drizzle-orm";
import { DateTime } from "luxon";
import type { Database } from "@/db/client";
import { bookings, outbox, salons, services, stylists, type BookingStatus, type DeliveryStatus, type OutboxStatus } from "@/db/schema";
import { deliveryRecords } from "@/lib/outbox/delivery-records";
import { isUuid } from "@/lib/uuid";
import { zoneNameAt } from "@/lib/availability/wall-clock";
import { isOwnerId, type OwnerId } from "./owner-scope";

// One booking as its owner sees it: everything the customer gave, the time in the salon's zone,
// and the history of its outbox events with each channel's delivery.

export interface BookingEventDelivery {
  channel: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  deliveredAt: Date | null;
  latencyMs: number | null;
}

export interface BookingEventHistoryEntry {
  id: number;
  type: string;
  /** Who made this change: the customer (booking form, API, manage link) or the owner (dashboard). */
  actor: "customer" | "owner";
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  /** When an event not yet due (a reminder) goes out; null once due, or for any other event. */
  scheduledFor: Date | null;
  deliveries: BookingEventDelivery[];
}

export interface OwnerBookingDetails {
  id: string;
  reference: string;
  status: BookingStatus;
  salon: { id: string; name: string; timeZone: string; locale: string; currency: string };
  service: { name: string; durationMinutes: number; priceCents: number };
  stylist: { name: string };
  customer: { name: string; email: string | null; phone: string | null; note: string | null };
  startsAt: Date;
  endsAt: Date;
  /** ISO 8601 with the salon's offset. */
  startLocal: string;
  endLocal: string;
  /** The zone's name at the start, e.g. "British Summer Time" (abbreviations depend on the locale). */
  zoneName: string;
  createdAt: Date;
  updatedAt: Date;
  /** Only a confirmed booking can be cancelled, or moved. */
  canCancel: boolean;
  /** Completed / no-show: a confirmed booking whose start has passed. */
  canMarkOutcome: boolean;
  events: BookingEventHistoryEntry[];
}

/** The booking with its event history, or undefined when it is not at one of this owner's salons. */
export async function getOwnerBookingDetails(
  db: Database,
  ownerId: OwnerId,
  bookingId: string,
  options: { now?: Date } = {},
): Promise<OwnerBookingDetails | undefined> {
  if (!isOwnerId(ownerId) || !isUuid(bookingId)) return undefined;
  const [row] = await db
    .select({
      booking: bookings,
      salon: { id: salons.id, name: salons.name, timeZone: salons.timeZone, locale: salons.locale, currency: salons.currency },
      service: { name: services.name, durationMinutes: services.durationMinutes, priceCents: services.priceCents },
      stylist: { name: stylists.name },
    })
    .from(bookings)
    .innerJoin(salons, eq(salons.id, bookings.salonId))
    .innerJoin(services, eq(services.id, bookings.serviceId))
    .innerJoin(stylists, eq(stylists.id, bookings.stylistId))
    .where(and(eq(bookings.id, bookingId), eq(salons.ownerId, ownerId)))
    .limit(1);
  if (!row) return undefined;

  const { booking, salon } = row;
  const now = options.now ?? new Date();
  const events = await bookingEventHistory(db, booking.id, salon.id, now);
  const start = DateTime.fromJSDate(booking.startsAt, { zone: salon.timeZone });
  return {
    id: booking.id,
    reference: booking.reference,
    status: booking.status,
    salon,
    service: row.service,
    stylist: row.stylist,
    customer: {
      name: booking.customerName,
      email: booking.customerEmail,
      phone: booking.customerPhone,
      note: booking.customerNote,
    },
    startsAt: booking.startsAt,
    endsAt: booking.endsAt,
    startLocal: start.toISO({ suppressMilliseconds: true })!,
    endLocal: DateTime.fromJSDate(booking.endsAt, { zone: salon.timeZone }).toISO({ suppressMilliseconds: true })!,
    zoneName: zoneNameAt(booking.startsAt, salon.timeZone),
    createdAt: booking.createdAt,
    updatedAt: booking.updatedAt,
    canCancel: booking.status === "confirmed",
    canMarkOutcome: booking.status === "confirmed" && booking.startsAt.getTime() <= now.getTime(),
    events,
  };
}

/** The booking's outbox events, oldest first, each with its per-channel deliveries. */
async function bookingEventHistory(db: Database, bookingId: string, salonId: string, now: Date): Promise<BookingEventHistoryEntry[]> {
  const events = await db
    .select({
      id: outbox.id,
      type: outbox.eventType,
      // Events written before the actor was recorded were the customer's own, except an owner's cancellation.
      actor: sql<string | null>`coalesce(${outbox.payload}->>'actor', ${outbox.payload}->>'cancelledBy')`,
      status: outbox.status,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
      createdAt: outbox.createdAt,
      finishedAt: outbox.finishedAt,
      nextAttemptAt: outbox.nextAttemptAt,
    })
    .from(outbox)
    // The salon too: an aggregate id is only unique per aggregate type, and this keeps the scope tight.
    .where(and(eq(outbox.aggregateType, "booking"), eq(outbox.aggregateId, bookingId), eq(outbox.salonId, salonId)))
    .orderBy(asc(outbox.id));
  if (events.length === 0) return [];
  const rows = await deliveryRecords(
    db,
    events.map((e) => Number(e.id)),
  );
  return events.map(({ nextAttemptAt, ...event }) => ({
    ...event,
    // A pending event's next attempt in the future is its due time (a reminder written ahead);
    // one that failed and waits to retry has attempts, and reads as waiting, not scheduled.
    scheduledFor: event.status === "pending" && event.attempts === 0 && nextAttemptAt.getTime() > now.getTime() ? nextAttemptAt : null,
    actor: event.actor === "owner" ? ("owner" as const) : ("customer" as const),
    id: Number(event.id),
    deliveries: rows.filter((d) => d.eventId === Number(event.id)).map(({ eventId: _, failure: __, ...d }) => d),
  }));
}
