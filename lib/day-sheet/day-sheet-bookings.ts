import { and, asc, eq, gte, lt } from "drizzle-orm";
import { DateTime } from "luxon";
import type { Database } from "@/db/client";
import { bookings, services, stylists } from "@/db/schema";

/** One line of a day sheet. */
export interface DaySheetBooking {
  stylistName: string;
  startsAt: Date;
  endsAt: Date;
  serviceName: string;
  customerName: string;
  customerPhone: string | null;
  reference: string;
}

/**
 * The confirmed bookings of one salon's local day, by stylist then start. The day runs from local
 * midnight to the next, so it is 23 or 25 hours long when the clocks change.
 */
export async function loadDaySheetBookings(db: Database, input: { salonId: string; localDate: string; timeZone: string }): Promise<DaySheetBooking[]> {
  const day = DateTime.fromISO(input.localDate, { zone: input.timeZone }).startOf("day");
  if (!day.isValid) throw new RangeError(`not a local date: ${input.localDate}`);
  return db
    .select({
      stylistName: stylists.name,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      serviceName: services.name,
      customerName: bookings.customerName,
      customerPhone: bookings.customerPhone,
      reference: bookings.reference,
    })
    .from(bookings)
    .innerJoin(stylists, eq(stylists.id, bookings.stylistId))
    .innerJoin(services, eq(services.id, bookings.serviceId))
    .where(
      and(
        eq(bookings.salonId, input.salonId),
        eq(bookings.status, "confirmed"),
        gte(bookings.startsAt, day.toJSDate()),
        lt(bookings.startsAt, day.plus({ days: 1 }).toJSDate()),
      ),
    )
    .orderBy(asc(stylists.name), asc(stylists.id), asc(bookings.startsAt));
}
