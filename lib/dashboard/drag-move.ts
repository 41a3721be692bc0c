import { SLOT_GRID_MINUTES } from "@/lib/availability";
import { salonInstant } from "./owner-bookings";

// Moving a booking by dragging it on the day view: the block snaps to the salon's slot grid, and the
// drop names a row of that grid. The browser may be in any zone, so the server says which instant
// each row is (in the salon's zone) and the drop sends that instant to the move action.

const clock = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;

/**
 * Every slot-grid row of one salon-local day within the day view's range, wall-clock minute →
 * the instant (UTC ISO). A time the clocks skip is left out: nothing can be dropped there.
 */
export function dayGridStarts(date: string, range: { startMinute: number; endMinute: number }, timeZone: string): Record<number, string> {
  const grid: Record<number, string> = {};
  const first = Math.ceil(range.startMinute / SLOT_GRID_MINUTES) * SLOT_GRID_MINUTES;
  for (let minute = first; minute < Math.min(range.endMinute, 24 * 60); minute += SLOT_GRID_MINUTES) {
    const instant = salonInstant(date, clock(minute), timeZone);
    if (instant) grid[minute] = instant.toISOString();
  }
  return grid;
}
