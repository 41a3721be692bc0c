"use server";

import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import type { BookingFormState, RecallAnswer } from "@/components/booking/booking-form-state";
import { createBooking } from "@/lib/booking/create-booking";
import { limitBooking, settleBookingLimit } from "@/lib/booking/limit-booking";
import { limitManageLink } from "@/lib/booking/limit-manage";
import { manageBookingPath } from "@/lib/booking/manage-link";
import { recallBookingByKey } from "@/lib/booking/recall-booking";
import { bookingRequestSchema, fieldErrors, idempotencyKeySchema } from "@/lib/booking/schemas";
import { logUnexpectedError } from "@/lib/http";
import { requestClientIp } from "@/lib/http/request-context";
import { rateLimitedMessage } from "@/lib/rate-limit";
import { SLOT_TAKEN_MESSAGE, slotChoices } from "@/lib/salons";
import { bookingRequestFromForm, formValues } from "./form-data";
import { NEW_CUSTOMER } from "@/lib/booking/actor";

/**
 * The details form's action. A guest booking needs no session: what protects the salon is
 * createBooking's own checks (service and stylist of this salon, an offered, free slot) and the
 * idempotency key the page generated, which turns a double submit into one booking.
 */
export async function submitBooking(_previous: BookingFormState, formData: FormData): Promise<BookingFormState> {
  const values = formValues(formData);
  const key = idempotencyKeySchema.safeParse(formData.get("idempotencyKey"));
  if (!key.success) {
    return { status: "error", message: "This form is out of date. Please reload the page and try again.", values };
  }
  const parsed = bookingRequestSchema.safeParse(bookingRequestFromForm(formData));
  if (!parsed.success) {
    return { status: "invalid", message: "Please correct the fields marked below.", fieldErrors: fieldErrors(parsed.error), values };
  }

  // The manage link's token, minted for this answer: the confirmation is the manage page itself.
  let manageToken: string;
  let replayed = false;
  try {
    const db = await getDb();
    const limit = await limitBooking(db, parsed.data, { clientIp: await requestClientIp() });
    if (!limit.allowed) return { status: "rate_limited", message: rateLimitedMessage(limit.retryAfterSeconds), values };
    const result = await createBooking(db, parsed.data, { actor: NEW_CUSTOMER,
      idempotencyKey: key.data,
      suppressConfirmationEmail: limit.suppressConfirmationEmail,
    });
    await settleBookingLimit(db, limit, result);
    switch (result.status) {
      case "created":
        manageToken = result.booking.manageToken;
        break;
      case "replayed":
        // A Confirm sent again (Try again after a lost answer, Back): the confirmation says it is the same booking.
        manageToken = result.booking.manageToken;
        replayed = true;
        break;
      case "invalid":
        return { status: "invalid", message: "This booking could not be made.", fieldErrors: result.fieldErrors, values };
      case "slot_taken":
        return {
          status: "slot_taken",
          message: SLOT_TAKEN_MESSAGE,
          alternatives: slotChoices(result.alternatives, result.timeZone, result.locale),
          values,
        };
      case "idempotency_conflict":
        // The key already made a booking with other details: a deliberate second booking gets a new key.
        return {
          status: "error",
          message: "This form already made a booking with different details. Check the details and confirm again to make a second booking.",
          idempotencyKey: randomUUID(),
          values,
        };
    }
  } catch (error) {
    logUnexpectedError(error, { action: "submitBooking", salon: parsed.data.salon });
    return {
      status: "error",
      message: "We could not confirm your booking just now. Please try again; confirming again will not book twice.",
      values,
    };
  }

  revalidatePath(`/s/${parsed.data.salon}`);
  redirect(`${manageBookingPath(manageToken)}?confirmed=1${replayed ? "&replayed=1" : ""}`);
}

/**
 * Whether this tab's idempotency key already made a booking, and the link to it: Back after
 * booking leads to the booking instead of "no longer free" or a second booking. The key is the
 * tab's own unguessable value (see recallBookingByKey); asking counts against the manage-link limits.
 */
export async function recallOwnBooking(idempotencyKey: string): Promise<RecallAnswer> {
  const key = idempotencyKeySchema.safeParse(idempotencyKey);
  if (!key.success) return { status: "none" };
  try {
    const db = await getDb();
    const limit = await limitManageLink(db, key.data, { clientIp: await requestClientIp() });
    if (!limit.allowed) return { status: "unavailable" };
    const booking = await recallBookingByKey(db, key.data);
    if (!booking) return { status: "none" };
    return { status: "found", href: manageBookingPath(booking.manageToken), reference: booking.reference };
  } catch (error) {
    logUnexpectedError(error, { action: "recallOwnBooking" });
    return { status: "unavailable" };
  }
}
