import type { Database } from "@/db/client";
import type { BookingTarget } from "./actor";
import { findBookingIdByManageToken } from "./manage-token";

/**
 * The booking a command may change, and the salons it must be in: an owner's own booking id
 * within their salons, or the booking a customer's manage token opens. Undefined when neither
 * names a booking the actor may reach.
 */
export async function resolveTarget(db: Database, target: BookingTarget): Promise<{ bookingId: string; salonIds?: string[] } | undefined> {
  if (target.actor.by === "owner") {
    if (target.actor.salonIds.length === 0 || !("bookingId" in target)) return undefined;
    return { bookingId: target.bookingId, salonIds: target.actor.salonIds };
  }
  const bookingId = await findBookingIdByManageToken(db, target.actor.token);
  return bookingId ? { bookingId } : undefined;
}
