"use server";

import { finished } from "../../../owner-action";
import type { SettingsFormState } from "@/components/settings/settings-form-state";
import { updateSalon } from "@/lib/salons/settings";
import { formValues, keptBookingIds } from "../../form-data";
import { settingsAction } from "../../settings-action";

const FIELDS = ["salonId", "name", "slug", "timeZone", "address", "bufferMinutes", "minNoticeMinutes", "cancellationCutoffMinutes", "bookingHorizonDays"] as const;

/** Saves a salon's details and booking rules; a change that strands bookings is refused with them listed. */
export async function updateSalonAction(_previous: SettingsFormState, formData: FormData): Promise<SettingsFormState> {
  const values = formValues(formData, FIELDS);
  // A page rendered before the field existed does not send it: the salon keeps its horizon.
  if (!formData.has("bookingHorizonDays")) delete (values as Partial<typeof values>).bookingHorizonDays;
  return settingsAction(
    { action: "updateSalon", values },
    (db, ownerId) => updateSalon(db, ownerId, { ...values, keepBookingIds: keptBookingIds(formData) }),
    (ok) => finished(`/salons/${ok.salonId}/settings?saved=details`, { layout: `/salons/${ok.salonId}/settings` }, "/salons"),
  );
}
