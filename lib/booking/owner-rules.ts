import type { SalonRules } from "@/lib/availability/compute-slots";
import type { BookingActor } from "./actor";
import { MAX_BOOKING_HORIZON_DAYS } from "./schemas";

/**
 * The rules a start is checked against, by who asks. Customers get the salon's own. The salon's
 * owner books and moves at the counter or on the phone: a walk-in needs no minimum notice, and a
 * regular may be booked past the horizon the salon offers online (up to the hard limit every
 * booking has). Working hours, breaks, time off, the slot grid, the buffer and the overlap guard
 * hold for owners exactly as for customers.
 */
export function rulesFor(actor: BookingActor, rules: SalonRules): SalonRules {
  if (actor.by === "customer") return rules;
  return { ...rules, minNoticeMinutes: 0, bookingHorizonDays: MAX_BOOKING_HORIZON_DAYS };
}
