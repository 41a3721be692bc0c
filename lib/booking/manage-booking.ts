import type { Database } from "@/db/client";
import { getBookingConfirmation, type BookingConfirmation } from "./get-booking";
import { changeDeadline, isInsideCutoff } from "./cutoff";
import { findBookingIdByManageToken } from "./manage-token";

// What the manage link /b/{token} (and GET /api/v1/manage/{token}) shows: the booking as it is
// now, and whether the customer may still change it. The token is the capability; the answer
// holds nothing more personal than the customer's name.

export interface ManagedBooking extends BookingConfirmation {
  /** Confirmed and before the cutoff: the customer may reschedule or cancel. */
  changeable: boolean;
  /** Why not, when not changeable. */
  lockedReason?: "cancelled" | "not_active" | "too_late";
  cutoffMinutes: number;
  /** The last instant a change is accepted: start minus the cutoff. */
  changeDeadline: Date;
}

/** The booking a manage token opens, or null for a malformed, guessed or unknown token. */
export async function getManagedBooking(db: Database, token: unknown, now: Date = new Date()): Promise<ManagedBooking | null> {
  const bookingId = await findBookingIdByManageToken(db, token);
  if (!bookingId) return null;
  const booking = await getBookingConfirmation(db, bookingId);
  if (!booking) return null;
  const cutoffMinutes = booking.salon.cancellationCutoffMinutes;
  const lockedReason =
    booking.status === "cancelled"
      ? "cancelled"
      : booking.status !== "confirmed"
        ? "not_active"
        : isInsideCutoff(booking.start, cutoffMinutes, now)
          ? "too_late"
          : undefined;
  return {
    ...booking,
    changeable: lockedReason === undefined,
    ...(lockedReason ? { lockedReason } : {}),
    cutoffMinutes,
    changeDeadline: changeDeadline(booking.start, cutoffMinutes),
  };
}
