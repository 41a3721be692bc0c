import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { bookings } from "@/db/schema";
import { computeSlots, type Slot } from "@/lib/availability/compute-slots";
import { findSalonById, loadSchedule } from "@/lib/availability/load-schedule";
import { lastBookableDate, pastHorizonMessage } from "@/lib/availability/list-available-slots";
import { isUuid } from "@/lib/uuid";
import { isCalendarDate } from "@/lib/availability/wall-clock";
import { InvalidQueryError } from "./errors";
import { withoutOwnInterval } from "./reschedule-booking";

/**
 * The times one salon-local day offers for moving a booking: its service, its stylist, its own
 * current interval not counted against it, its current start left out. A read for the picker;
 * rescheduleBooking checks again under the row lock. Empty for an unknown booking.
 */
export async function listRescheduleSlots(
  db: Database,
  bookingId: string,
  q: { date: string; now?: Date },
): Promise<{ timeZone: string; slots: Slot[] }> {
  if (!isCalendarDate(q.date)) throw new InvalidQueryError("from", "Must be a date, YYYY-MM-DD");
  if (!isUuid(bookingId)) return { timeZone: "UTC", slots: [] };
  const [booking] = await db.select().from(bookings).where(eq(bookings.id, bookingId)).limit(1);
  const salon = booking && (await findSalonById(db, booking.salonId));
  if (!booking || !salon) return { timeZone: "UTC", slots: [] };
  const now = q.now ?? new Date();
  const lastDate = lastBookableDate(salon, now);
  if (q.date > lastDate) throw new InvalidQueryError("from", pastHorizonMessage(salon.bookingHorizonDays, lastDate));
  const schedule = await loadSchedule(db, salon, { serviceId: booking.serviceId, stylistId: booking.stylistId, from: q.date, to: q.date });
  withoutOwnInterval(schedule, { booking });
  const slots = computeSlots({ ...schedule.input, now }, q.date, q.date).filter(
    (slot) => slot.start.getTime() !== booking.startsAt.getTime(),
  );
  return { timeZone: salon.timeZone, slots };
}
