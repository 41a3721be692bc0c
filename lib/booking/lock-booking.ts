import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { bookings, salons, services, stylists, type Booking, type Salon, type Service } from "@/db/schema";
import { isUuid } from "@/lib/uuid";

// Every change to an existing booking starts here, inside its transaction: the row lock
// serialises a booking's writers, so each one re-reads the status the previous one committed
// (an old page cannot act on a booking cancelled meanwhile) and outbox ids of one booking follow
// commit order (invariant 5).

export interface LockedBooking {
  booking: Booking;
  salon: Salon;
  service: Service;
  stylist: { id: string; name: string };
}

/**
 * SELECT … FOR UPDATE of one booking (only the bookings row is locked), with its salon, service
 * and stylist. `salonIds` limits it to the salons an owner may act on. Undefined when there is no
 * such booking in scope.
 */
export async function lockBookingForChange(
  tx: Database,
  bookingId: string,
  salonIds?: string[],
): Promise<LockedBooking | undefined> {
  if (!isUuid(bookingId)) return undefined;
  if (salonIds && salonIds.length === 0) return undefined;
  const scope = salonIds ? and(eq(bookings.id, bookingId), inArray(bookings.salonId, salonIds)) : eq(bookings.id, bookingId);
  const [booking] = await tx.select().from(bookings).where(scope).for("update");
  if (!booking) return undefined;
  const [row] = await tx
    .select({ salon: salons, service: services, stylist: { id: stylists.id, name: stylists.name } })
    .from(salons)
    .innerJoin(services, eq(services.id, booking.serviceId))
    .innerJoin(stylists, eq(stylists.id, booking.stylistId))
    .where(eq(salons.id, booking.salonId))
    .limit(1);
  if (!row) return undefined;
  return { booking, ...row };
}
