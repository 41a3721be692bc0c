"use server";

import { redirect } from "next/navigation";
import type { SettingsFormState } from "@/components/settings/settings-form-state";
import { formatNearbyTimes } from "@/lib/dashboard/format";
import { bookingDetailsHref, dashboardHref } from "@/lib/dashboard/links";
import { walkInSchema } from "@/lib/dashboard/owner-booking-schemas";
import { createOwnerBooking } from "@/lib/dashboard/owner-bookings";
import { finished, ownerAction } from "../../../owner-action";

const WALK_IN_FIELDS = ["salonId", "serviceId", "stylistId", "date", "time", "name", "email", "phone", "note", "idempotencyKey"] as const;

const MAX_FIELD_CHARS = 2_000;
const read = (formData: FormData) =>
  Object.fromEntries(
    WALK_IN_FIELDS.map((name) => {
      const value = formData.get(name);
      return [name, typeof value === "string" ? value.slice(0, MAX_FIELD_CHARS) : ""];
    }),
  ) as Record<(typeof WALK_IN_FIELDS)[number], string>;

/** The owner adds a walk-in or phone booking from the calendar; the same booking core and event as a customer's. */
export async function createWalkInAction(_previous: SettingsFormState, formData: FormData): Promise<SettingsFormState> {
  const values = read(formData);
  const refused = (status: SettingsFormState["status"], message: string, fieldErrors?: Record<string, string[]>): SettingsFormState => ({
    status,
    message,
    fieldErrors,
    values,
  });
  const run = ownerAction(
    {
      action: "createWalkIn",
      schema: walkInSchema,
      signedOut: () => redirect("/sign-in?callbackUrl=/dashboard"),
      invalid: (errors) => refused("invalid", "Nothing was booked. Please correct the fields marked below.", errors),
      notFound: () => refused("not_found", "That salon was not found among your salons, so nothing was booked."),
      failed: () => refused("error", "Booking failed on our side, so nothing was booked. Please try again."),
      salonOf: (input) => input.salonId,
    },
    async ({ db, actor, input }) => {
      const result = await createOwnerBooking(db, actor, input);
      switch (result.status) {
        case "created":
        case "replayed":
          return finished(bookingDetailsHref(result.booking.id, "added"), dashboardHref(), bookingDetailsHref(result.booking.id));
        case "invalid":
          return refused("invalid", "Nothing was booked. Please correct the fields marked below.", result.fieldErrors);
        case "not_found":
          return refused("not_found", "That salon was not found among your salons, so nothing was booked.");
        case "idempotency_conflict":
          return refused("error", "This form was sent already with other details. Please reload the page and try again.");
        case "slot_taken": {
          const nearest = formatNearbyTimes(result.alternatives, values.date, result.locale);
          return refused(
            "invalid",
            "Nothing was booked: that time is taken.",
            { time: [nearest ? `That time is taken. Free nearby: ${nearest}.` : "That time is taken."] },
          );
        }
      }
    },
  );
  return run(values);
}
