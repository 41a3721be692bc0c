import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { bookings, salons, type Booking } from "@/db/schema";
import { formatLocal } from "@/lib/availability/wall-clock";

/** What a client is told about a booking (JSON API body, action result). */
export interface BookingView {
  id: string;
  reference: string;
  status: string;
  /** The salon's slug. */
  salon: string;
  serviceId: string;
  stylistId: string;
  /** ISO 8601, UTC. */
  start: string;
  end: string;
  /** start, ISO 8601 with the salon zone's offset. */
  local: string;
  /**
   * The customer's manage link token (/b/{token}); only in the answer that made or replayed the
   * booking, since only its hash is stored.
   */
  manageToken?: string;
}

export function toBookingView(booking: Booking, salon: { slug: string; timeZone: string }): BookingView {
  return {
    id: booking.id,
    reference: booking.reference,
    status: booking.status,
    salon: salon.slug,
    serviceId: booking.serviceId,
    stylistId: booking.stylistId,
    start: booking.startsAt.toISOString(),
    end: booking.endsAt.toISOString(),
    local: formatLocal(booking.startsAt, salon.timeZone),
  };
}

/** The booking an idempotency key already made, with its request hash and view; undefined if none. */
export async function findBookingByIdempotencyKey(
  db: Database,
  idempotencyKey: string,
): Promise<{ requestHash: string; view: BookingView } | undefined> {
  const [row] = await db
    .select({ booking: bookings, slug: salons.slug, timeZone: salons.timeZone })
    .from(bookings)
    .innerJoin(salons, eq(salons.id, bookings.salonId))
    .where(eq(bookings.idempotencyKey, idempotencyKey))
    .limit(1);
  if (!row) return undefined;
  return { requestHash: row.booking.requestHash, view: toBookingView(row.booking, row) };
}
