import type { Database } from "@/db/client";
import { MAX_AVAILABILITY_DAYS } from "@/lib/booking/schemas";
import { InvalidQueryError, UnknownEntityError } from "@/lib/booking/errors";
import { computeSlots, type Slot } from "./compute-slots";
import { findSalonById, loadSchedule } from "./load-schedule";
import { daysBetween, isCalendarDate, localDate } from "./wall-clock";

export { MAX_AVAILABILITY_DAYS };

export interface SlotQuery {
  salonId: string;
  serviceId: string;
  stylistId?: string;
  /** Salon-local date, YYYY-MM-DD. */
  from: string;
  /** Inclusive; defaults to `from`. */
  to?: string;
  now?: Date;
}

const DAY_MS = 86_400_000;

/** The last salon-local date on which a slot may start: today plus the salon's booking horizon. */
export function lastBookableDate(salon: { timeZone: string; bookingHorizonDays: number }, now: Date): string {
  return localDate(new Date(now.getTime() + salon.bookingHorizonDays * DAY_MS), salon.timeZone);
}

/** The field error for a day past the salon's booking horizon. */
export function pastHorizonMessage(horizonDays: number, lastDate: string): string {
  return `Bookings open at most ${horizonDays} days ahead; the last day you can book is ${lastDate}`;
}

/**
 * Free slots of a service in a salon for a stylist (or any stylist), computed in the salon's zone,
 * up to the salon's booking horizon (a range that runs past it is cut there). Throws
 * UnknownEntityError for ids not in that salon, InvalidQueryError for bad dates or a `from` past
 * the horizon.
 */
export async function listAvailableSlots(
  db: Database,
  q: SlotQuery,
): Promise<{ timeZone: string; slots: Slot[]; lastDate: string }> {
  const to = q.to ?? q.from;
  if (!isCalendarDate(q.from)) throw new InvalidQueryError("from", "Must be a date, YYYY-MM-DD");
  if (!isCalendarDate(to)) throw new InvalidQueryError("to", "Must be a date, YYYY-MM-DD");
  const span = daysBetween(q.from, to);
  if (span < 0) throw new InvalidQueryError("to", "to must not be before from");
  if (span >= MAX_AVAILABILITY_DAYS) {
    throw new InvalidQueryError("to", `The range may cover at most ${MAX_AVAILABILITY_DAYS} days`);
  }
  const salon = await findSalonById(db, q.salonId);
  if (!salon) throw new UnknownEntityError("salon");
  const now = q.now ?? new Date();
  const lastDate = lastBookableDate(salon, now);
  if (q.from > lastDate) throw new InvalidQueryError("from", pastHorizonMessage(salon.bookingHorizonDays, lastDate));
  const until = to > lastDate ? lastDate : to;
  const schedule = await loadSchedule(db, salon, { serviceId: q.serviceId, stylistId: q.stylistId, from: q.from, to: until });
  const slots = computeSlots({ ...schedule.input, now }, q.from, until);
  return { timeZone: salon.timeZone, slots, lastDate };
}
