import type { Database } from "@/db/client";
import type { Salon } from "@/db/schema";
import { computeSlots, type Slot } from "./compute-slots";
import { loadSchedule } from "./load-schedule";
import { addDays, localDate } from "./wall-clock";

// How far either side of the requested time to look for alternatives, in days.
const DAYS_BEFORE = 1;
const DAYS_AFTER = 6;

/** Up to `limit` free slots closest in time to `around`, earliest first: the "slot taken" offer. */
export async function findNearestSlots(
  db: Database,
  salon: Salon,
  q: { serviceId: string; stylistId?: string; around: Date; now: Date; limit?: number },
): Promise<Slot[]> {
  const date = localDate(q.around, salon.timeZone);
  const from = addDays(date, -DAYS_BEFORE);
  const to = addDays(date, DAYS_AFTER);
  const schedule = await loadSchedule(db, salon, { serviceId: q.serviceId, stylistId: q.stylistId, from, to });
  const target = q.around.getTime();
  return computeSlots({ ...schedule.input, now: q.now }, from, to)
    .filter((s) => s.start.getTime() !== target)
    .sort((a, b) => Math.abs(a.start.getTime() - target) - Math.abs(b.start.getTime() - target))
    .slice(0, q.limit ?? 5)
    .sort((a, b) => a.start.getTime() - b.start.getTime());
}
