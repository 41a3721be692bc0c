import type { Database } from "@/db/client";
import { UnknownEntityError } from "@/lib/booking/errors";
import { checkStart } from "./check-start";
import { findSalonById, loadSchedule } from "./load-schedule";
import { localDate } from "./wall-clock";

/**
 * Stylists for whom [start, start + duration) is an offered slot and free right now, in the
 * order "any stylist" should try them; empty when none. A read, not a reservation: the exclusion
 * constraint decides who actually gets the slot.
 */
export async function findBookableStylists(
  db: Database,
  q: { salonId: string; serviceId: string; start: Date; stylistId?: string; now?: Date },
): Promise<string[]> {
  const salon = await findSalonById(db, q.salonId);
  if (!salon) throw new UnknownEntityError("salon");
  const date = localDate(q.start, salon.timeZone);
  const schedule = await loadSchedule(db, salon, { serviceId: q.serviceId, stylistId: q.stylistId, from: date, to: date });
  const check = checkStart({ ...schedule.input, now: q.now ?? new Date() }, q.start);
  return check.kind === "offered" ? check.free : [];
}
