"use server";

import { redirect } from "next/navigation";
import type { OwnerActionState } from "@/components/dashboard/booking-action-state";
import { cancelOwnerBooking, markBookingOutcome } from "@/lib/dashboard/booking-actions";
import { bookingStatusLabel } from "@/lib/dashboard/labels";
import { bookingDetailsHref } from "@/lib/dashboard/links";
import { moveBookingSchema } from "@/lib/dashboard/owner-booking-schemas";
import { moveOwnerBooking } from "@/lib/dashboard/owner-bookings";
import { bookingActionSchema, bookingOutcomeSchema } from "@/lib/dashboard/schemas";
import { finished, ownerAction } from "../../../owner-action";

// Every action goes through the owner door (session → zod → the owner's salons → the lib function,
// which checks the booking is at one of those salons in the same statement that changes it →
// revalidate → redirect, outside any try).

const SIGN_IN = "/sign-in?callbackUrl=/dashboard";
const NOT_FOUND = "This booking was not found among your salons' bookings.";
const FAILED = "That did not work on our side. Please try again in a moment.";

const refusals = (invalidMessage: string) => ({
  signedOut: () => redirect(SIGN_IN),
  invalid: (): OwnerActionState => ({ status: "invalid", message: invalidMessage }),
  notFound: (): OwnerActionState => ({ status: "not_found", message: NOT_FOUND }),
  failed: (): OwnerActionState => ({ status: "error", message: FAILED }),
});

const changed = (bookingId: string, done: string) => finished(bookingDetailsHref(bookingId, done), "/dashboard", bookingDetailsHref(bookingId));

const cancel = ownerAction({ action: "ownerCancel", schema: bookingActionSchema, ...refusals(NOT_FOUND) }, async ({ db, actor, input }) => {
  const result = await cancelOwnerBooking(db, actor, input);
  switch (result.status) {
    case "cancelled":
      return changed(input.bookingId, "cancelled");
    case "not_found":
      return { status: "not_found", message: NOT_FOUND } satisfies OwnerActionState;
    case "already_cancelled":
      return { status: "already_cancelled", message: "This booking was cancelled already." } satisfies OwnerActionState;
    case "not_active":
      return { status: "not_active", message: "This booking is over; there is nothing left to cancel." } satisfies OwnerActionState;
    case "too_late":
      return { status: "too_late", message: FAILED } satisfies OwnerActionState;
  }
});

/** The owner cancels a booking; the customer is told by the outbox's booking.cancelled event. */
export async function cancelBookingAction(_previous: OwnerActionState, formData: FormData): Promise<OwnerActionState> {
  return cancel({ bookingId: formData.get("bookingId") });
}

const outcome = ownerAction(
  { action: "markOutcome", schema: bookingOutcomeSchema, ...refusals("Please choose completed or no-show.") },
  async ({ db, actor, input }) => {
    const result = await markBookingOutcome(db, actor, input);
    switch (result.status) {
      case "marked":
        return changed(input.bookingId, result.bookingStatus);
      case "not_found":
        return { status: "not_found", message: NOT_FOUND } satisfies OwnerActionState;
      case "not_started":
        return { status: "not_started", message: "The appointment has not started yet." } satisfies OwnerActionState;
      case "not_confirmed":
        return { status: "not_confirmed", message: `This booking is ${bookingStatusLabel(result.current).toLowerCase()} already.` } satisfies OwnerActionState;
    }
  },
);

/** Mark completed / Mark no-show, for a confirmed booking whose start has passed. */
export async function markOutcomeAction(_previous: OwnerActionState, formData: FormData): Promise<OwnerActionState> {
  return outcome({ bookingId: formData.get("bookingId"), outcome: formData.get("outcome") });
}

const move = ownerAction(
  { action: "ownerMove", schema: moveBookingSchema, ...refusals("Please pick a new time from the list.") },
  async ({ db, actor, input }) => {
    const result = await moveOwnerBooking(db, actor, input);
    switch (result.status) {
      case "rescheduled":
        // A drag on the calendar goes back to the calendar, which shows the booking at its new time.
        return input.returnTo ? finished(input.returnTo, "/dashboard", bookingDetailsHref(input.bookingId)) : changed(input.bookingId, "moved");
      case "not_found":
        return { status: "not_found", message: NOT_FOUND } satisfies OwnerActionState;
      case "cancelled":
        return { status: "already_cancelled", message: "This booking was cancelled, so it cannot be moved." } satisfies OwnerActionState;
      case "not_active":
        return { status: "not_active", message: "This booking is over; it cannot be moved." } satisfies OwnerActionState;
      case "too_late":
        return { status: "too_late", message: FAILED } satisfies OwnerActionState;
      case "invalid":
        return { status: "invalid", message: Object.values(result.fieldErrors).flat().join(" ") || "Please pick a new time from the list." } satisfies OwnerActionState;
      case "slot_taken":
        return { status: "slot_taken", message: "That time was taken meanwhile. Please pick another one." } satisfies OwnerActionState;
    }
  },
);

/**
 * The owner moves a booking to a free time (and/or stylist), from the picker on its page or by
 * dragging it on the calendar (which sends returnTo); the customer gets one update email.
 */
export async function moveBookingAction(_previous: OwnerActionState, formData: FormData): Promise<OwnerActionState> {
  return move({ bookingId: formData.get("bookingId"), choice: formData.get("choice"), returnTo: formData.get("returnTo") ?? undefined });
}
