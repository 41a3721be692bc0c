import type { Database } from "@/db/client";
import { MAX_AVAILABILITY_DAYS } from "@/lib/booking/schemas";
import { InvalidQueryError, UnknownEntityError } from "@/lib/booking/errors";
import { computeSlots, type Slot } from "./compute-slots";
import { findSalonById, loadSchedule } from "./load-schedule";
import { daysBetween, isCalendarDate } from "./wall-clock";

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

/**
 * Free slots of a service in a salon for a stylist (or any stylist), computed in the salon's zone.
 * Throws UnknownEntityError for ids not in that salon, InvalidQueryError for bad dates.
 */
export async function listAvailableSlots(db: Database, q: SlotQuery): Promise<{ timeZone: string; slots: Slot[] }> {
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
  const schedule = await loadSchedule(db, salon, { serviceId: q.serviceId, stylistId: q.stylistId, from: q.from, to });
  const slots = computeSlots({ ...schedule.input, now: q.now ?? new Date() }, q.from, to);
  return { timeZone: salon.timeZone, slots };
}
