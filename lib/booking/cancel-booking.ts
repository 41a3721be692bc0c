import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { bookings } from "@/db/schema";
import { nudgeRelay } from "@/lib/outbox/nudge";
import { toBookingView, type BookingView } from "./booking-view";
import { isInsideCutoff } from "./cutoff";
import { lockBookingForChange } from "./lock-booking";
import { findBookingIdByManageToken } from "./manage-token";
import { appendBookingEvent } from "./outbox-event";
import { dropReminders } from "./reminder-events";

export type CancelBookingResult =
  | { status: "cancelled"; booking: BookingView }
  /** No such booking, or not one of `salonIds`. */
  | { status: "not_found" }
  | { status: "already_cancelled" }
  /** Completed or marked as a no-show: nothing left to cancel. */
  | { status: "not_active" }
  /** A customer inside the salon's cancellation cutoff before the start. */
  | { status: "too_late"; cutoffMinutes: number };

export interface CancelBookingInput {
  bookingId: string;
  /** Owner scope: the salons the caller may act on. Absent for a customer holding a manage token. */
  salonIds?: string[];
  by: "customer" | "owner";
  now?: Date;
}

/**
 * Cancels a confirmed booking and writes booking.cancelled in one transaction. The exclusion
 * constraint ignores cancelled rows, so the slot is free the moment this commits. Customers are
 * held to the salon's cutoff; owners may cancel any confirmed booking.
 */
export async function cancelBooking(db: Database, input: CancelBookingInput): Promise<CancelBookingResult> {
  const now = input.now ?? new Date();
  let salonId: string | undefined;
  const result = await db.transaction(async (tx): Promise<CancelBookingResult> => {
    const locked = await lockBookingForChange(tx, input.bookingId, input.salonIds);
    if (!locked) return { status: "not_found" };
    const { booking, salon } = locked;
    if (booking.status === "cancelled") return { status: "already_cancelled" };
    if (booking.status !== "confirmed") return { status: "not_active" };
    if (input.by === "customer" && isInsideCutoff(booking.startsAt, salon.cancellationCutoffMinutes, now)) {
      return { status: "too_late", cutoffMinutes: salon.cancellationCutoffMinutes };
    }
    const [cancelled] = await tx
      .update(bookings)
      .set({ status: "cancelled", version: sql`${bookings.version} + 1`, updatedAt: now })
      .where(eq(bookings.id, booking.id))
      .returning();
    await appendBookingEvent(tx, {
      eventType: "booking.cancelled",
      booking: cancelled,
      context: locked,
      cancelledBy: input.by,
    });
    await dropReminders(tx, booking.id);
    salonId = salon.id;
    return { status: "cancelled", booking: toBookingView(cancelled, salon) };
  });
  if (result.status === "cancelled") nudgeRelay(salonId);
  return result;
}

/** The customer's cancel: the manage token is the only authority; an unknown token is not_found. */
export async function cancelBookingByToken(db: Database, token: unknown, options: { now?: Date } = {}): Promise<CancelBookingResult> {
  const bookingId = await findBookingIdByManageToken(db, token);
  if (!bookingId) return { status: "not_found" };
  return cancelBooking(db, { bookingId, by: "customer", now: options.now });
}
