import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { bookings } from "@/db/schema";
import { nudgeRelay } from "@/lib/outbox/nudge";
import { toBookingView, type BookingView } from "./booking-view";
import { isInsideCutoff } from "./cutoff";
import { lockBookingForChange } from "./lock-booking";
import type { BookingTarget } from "./actor";
import { resolveTarget } from "./find-target";
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

export type CancelBookingInput = BookingTarget & { now?: Date };

/**
 * Cancels a confirmed booking and writes booking.cancelled in one transaction. The exclusion
 * constraint ignores cancelled rows, so the slot is free the moment this commits. Customers are
 * held to the salon's cutoff; owners may cancel any confirmed booking of their salons.
 */
export async function cancelBooking(db: Database, input: CancelBookingInput): Promise<CancelBookingResult> {
  const now = input.now ?? new Date();
  const target = await resolveTarget(db, input);
  if (!target) return { status: "not_found" };
  const by = input.actor.by;
  let salonId: string | undefined;
  const result = await db.transaction(async (tx): Promise<CancelBookingResult> => {
    const locked = await lockBookingForChange(tx, target.bookingId, target.salonIds);
    if (!locked) return { status: "not_found" };
    const { booking, salon } = locked;
    if (booking.status === "cancelled") return { status: "already_cancelled" };
    if (booking.status !== "confirmed") return { status: "not_active" };
    if (by === "customer" && isInsideCutoff(booking.startsAt, salon.cancellationCutoffMinutes, now)) {
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
      actor: by,
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
  if (typeof token !== "string") return { status: "not_found" };
  return cancelBooking(db, { actor: { by: "customer", token }, now: options.now });
}
