"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireOwner } from "@/auth";
import type { OwnerActionState } from "@/components/dashboard/booking-action-state";
import { getDb } from "@/db/client";
import { cancelOwnerBooking, markBookingOutcome } from "@/lib/dashboard/booking-actions";
import { bookingStatusLabel } from "@/lib/dashboard/labels";
import { bookingDetailsHref } from "@/lib/dashboard/links";
import { bookingActionSchema, bookingOutcomeSchema } from "@/lib/dashboard/schemas";
import { errorFields, log } from "@/lib/log";

// Every action: the session → zod → the lib function, which checks the booking is at one of the
// owner's salons in the same statement that changes it → revalidate → redirect (outside any try).

const SIGN_IN = "/sign-in?callbackUrl=/dashboard";
const NOT_FOUND = "This booking was not found among your salons' bookings.";
const FAILED = "That did not work on our side. Please try again in a moment.";

/** The owner cancels a booking; the customer is told by the outbox's booking.cancelled event. */
export async function cancelBookingAction(_previous: OwnerActionState, formData: FormData): Promise<OwnerActionState> {
  const owner = await requireOwner();
  if (!owner) redirect(SIGN_IN);
  const parsed = bookingActionSchema.safeParse({ bookingId: formData.get("bookingId") });
  if (!parsed.success) return { status: "invalid", message: NOT_FOUND };

  let result: Awaited<ReturnType<typeof cancelOwnerBooking>>;
  try {
    result = await cancelOwnerBooking(await getDb(), owner.id, parsed.data);
  } catch (error) {
    log.error("owner cancel failed", { ownerId: owner.id, ...errorFields(error) });
    return { status: "error", message: FAILED };
  }
  if (result.status === "not_found") return { status: "not_found", message: NOT_FOUND };
  if (result.status === "already_cancelled") return { status: "already_cancelled", message: "This booking was cancelled already." };
  if (result.status === "not_active") return { status: "not_active", message: "This booking is over; there is nothing left to cancel." };
  if (result.status === "too_late") return { status: "too_late", message: FAILED };

  revalidatePath("/dashboard");
  revalidatePath(bookingDetailsHref(parsed.data.bookingId));
  redirect(bookingDetailsHref(parsed.data.bookingId, "cancelled"));
}

/** Mark completed / Mark no-show, for a confirmed booking whose start has passed. */
export async function markOutcomeAction(_previous: OwnerActionState, formData: FormData): Promise<OwnerActionState> {
  const owner = await requireOwner();
  if (!owner) redirect(SIGN_IN);
  const parsed = bookingOutcomeSchema.safeParse({ bookingId: formData.get("bookingId"), outcome: formData.get("outcome") });
  if (!parsed.success) return { status: "invalid", message: "Please choose completed or no-show." };

  let result: Awaited<ReturnType<typeof markBookingOutcome>>;
  try {
    result = await markBookingOutcome(await getDb(), owner.id, parsed.data);
  } catch (error) {
    log.error("mark booking outcome failed", { ownerId: owner.id, ...errorFields(error) });
    return { status: "error", message: FAILED };
  }
  if (result.status === "not_found") return { status: "not_found", message: NOT_FOUND };
  if (result.status === "not_started") return { status: "not_started", message: "The appointment has not started yet." };
  if (result.status === "not_confirmed") {
    return { status: "not_confirmed", message: `This booking is ${bookingStatusLabel(result.current).toLowerCase()} already.` };
  }

  revalidatePath("/dashboard");
  revalidatePath(bookingDetailsHref(parsed.data.bookingId));
  redirect(bookingDetailsHref(parsed.data.bookingId, result.bookingStatus));
}
