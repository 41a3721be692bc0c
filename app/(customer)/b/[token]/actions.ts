"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import type { ManageFormState } from "@/components/booking/manage-form-state";
import { cancelBookingByToken } from "@/lib/booking/cancel-booking";
import { limitManageLink } from "@/lib/booking/limit-manage";
import { tooLateMessage } from "@/lib/booking/cutoff";
import { manageBookingPath } from "@/lib/booking/manage-link";
import { isWellFormedManageToken } from "@/lib/booking/manage-token";
import { rescheduleBookingByToken } from "@/lib/booking/reschedule-booking";
import { fieldErrors, rescheduleRequestSchema } from "@/lib/booking/schemas";
import { logUnexpectedError } from "@/lib/http";
import { requestClientIp } from "@/lib/http/request-context";
import { rateLimitedMessage } from "@/lib/rate-limit";
import { SLOT_TAKEN_MESSAGE, slotChoices } from "@/lib/salons";

// The manage page's actions. No session: the token is the only authority, so each action takes
// the token from the form, resolves it again (never a booking id from the form) and lets the
// booking core re-read the booking's status under its row lock — an old page cannot act on a
// booking that was cancelled or moved meanwhile.

const gone: ManageFormState = { status: "error", message: "This link does not open a booking. Please use the link from your email." };
const cancelledState: ManageFormState = { status: "cancelled", message: "This booking has been cancelled, so it can no longer be changed." };
const notActiveState: ManageFormState = { status: "not_active", message: "This appointment is over, so it can no longer be changed." };

/** The form state for a manage request over its limits, or null when it may go on. */
async function limited(token: unknown): Promise<ManageFormState | null> {
  const verdict = await limitManageLink(await getDb(), typeof token === "string" ? token : "", { clientIp: await requestClientIp() });
  return verdict.allowed ? null : { status: "rate_limited", message: rateLimitedMessage(verdict.retryAfterSeconds) };
}

export async function rescheduleAction(_previous: ManageFormState, formData: FormData): Promise<ManageFormState> {
  const token = formData.get("token");
  const refused = await limited(token);
  if (refused) return refused;
  if (!isWellFormedManageToken(token)) return gone;
  const stylistId = formData.get("stylistId");
  const parsed = rescheduleRequestSchema.safeParse({ start: formData.get("start"), stylistId: stylistId || undefined });
  if (!parsed.success) {
    return { status: "invalid", message: "Please choose one of the offered times.", fieldErrors: fieldErrors(parsed.error) };
  }

  let salonSlug: string;
  try {
    const result = await rescheduleBookingByToken(await getDb(), token, parsed.data);
    switch (result.status) {
      case "rescheduled":
        salonSlug = result.booking.salon;
        break;
      case "not_found":
        return gone;
      case "invalid":
        return { status: "invalid", message: "Your booking could not be moved to that time.", fieldErrors: result.fieldErrors };
      case "slot_taken":
        return {
          status: "slot_taken",
          message: SLOT_TAKEN_MESSAGE,
          alternatives: slotChoices(result.alternatives, result.timeZone, result.locale),
        };
      case "too_late":
        return { status: "too_late", message: tooLateMessage(result.cutoffMinutes) };
      case "cancelled":
        return cancelledState;
      case "not_active":
        return notActiveState;
    }
  } catch (error) {
    logUnexpectedError(error, { action: "rescheduleAction" });
    return { status: "error", message: "We could not move your booking just now. Please try again." };
  }

  revalidatePath(`/s/${salonSlug}`);
  redirect(`${manageBookingPath(token)}?moved=1`);
}

export async function cancelAction(_previous: ManageFormState, formData: FormData): Promise<ManageFormState> {
  const token = formData.get("token");
  const refused = await limited(token);
  if (refused) return refused;
  if (!isWellFormedManageToken(token)) return gone;

  let salonSlug: string;
  try {
    const result = await cancelBookingByToken(await getDb(), token);
    switch (result.status) {
      case "cancelled":
        salonSlug = result.booking.salon;
        break;
      case "not_found":
        return gone;
      case "already_cancelled":
        return cancelledState;
      case "not_active":
        return notActiveState;
      case "too_late":
        return { status: "too_late", message: tooLateMessage(result.cutoffMinutes) };
    }
  } catch (error) {
    logUnexpectedError(error, { action: "cancelAction" });
    return { status: "error", message: "We could not cancel your booking just now. Please try again." };
  }

  revalidatePath(`/s/${salonSlug}`);
  redirect(`${manageBookingPath(token)}?cancelled=1`);
}
