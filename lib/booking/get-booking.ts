import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { bookings, salons, services, stylists } from "@/db/schema";
import { isUuid } from "@/lib/uuid";
import { formatLocal, zoneNameAt } from "@/lib/availability/wall-clock";

export interface BookingConfirmation {
  id: string;
  reference: string;
  status: string;
  salon: {
    id: string;
    slug: string;
    name: string;
    timeZone: string;
    address: string;
    cancellationCutoffMinutes: number;
    bookingHorizonDays: number;
    /** "" when the owner has set none. */
    contactPhone: string;
    currency: string;
    locale: string;
  };
  service: { id: string; name: string; durationMinutes: number; priceCents: number };
  stylist: { id: string; name: string };
  start: Date;
  end: Date;
  /** start, ISO 8601 with the salon zone's offset. */
  startLocal: string;
  /** The zone's name at the start, e.g. "Eastern Daylight Time". */
  timeZoneName: string;
  customerName: string;
}

/**
 * What the confirmation page shows for a booking id; null for an unknown or malformed id.
 * The random booking id is the capability here, so nothing more personal than the name is returned.
 */
export async function getBookingConfirmation(db: Database, bookingId: string): Promise<BookingConfirmation | null> {
  if (!isUuid(bookingId)) return null;
  const [row] = await db
    .select({
      id: bookings.id,
      reference: bookings.reference,
      status: bookings.status,
      start: bookings.startsAt,
      end: bookings.endsAt,
      customerName: bookings.customerName,
      salon: {
        id: salons.id,
        slug: salons.slug,
        name: salons.name,
        timeZone: salons.timeZone,
        address: salons.address,
        cancellationCutoffMinutes: salons.cancellationCutoffMinutes,
        bookingHorizonDays: salons.bookingHorizonDays,
        contactPhone: salons.contactPhone,
        currency: salons.currency,
        locale: salons.locale,
      },
      service: { id: services.id, name: services.name, durationMinutes: services.durationMinutes, priceCents: services.priceCents },
      stylist: { id: stylists.id, name: stylists.name },
    })
    .from(bookings)
    .innerJoin(salons, eq(salons.id, bookings.salonId))
    .innerJoin(services, and(eq(services.id, bookings.serviceId), eq(services.salonId, bookings.salonId)))
    .innerJoin(stylists, and(eq(stylists.id, bookings.stylistId), eq(stylists.salonId, bookings.salonId)))
    .where(eq(bookings.id, bookingId))
    .limit(1);
  if (!row) return null;
  return {
    ...row,
    startLocal: formatLocal(row.start, row.salon.timeZone),
    timeZoneName: zoneNameAt(row.start, row.salon.timeZone),
  };
}
