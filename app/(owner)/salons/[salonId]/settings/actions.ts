"use server";

import { finished } from "../../../owner-action";
import type { SettingsFormState } from "@/components/settings/settings-form-state";
import { publishSalon, unpublishSalon, updateSalon } from "@/lib/salons/settings";
import { formValues, keptBookingIds } from "../../form-data";
import { settingsAction } from "../../settings-action";

const FIELDS = ["salonId", "name", "slug", "timeZone", "address", "bufferMinutes", "minNoticeMinutes", "cancellationCutoffMinutes", "bookingHorizonDays", "contactPhone", "country", "currency", "locale"] as const;

/** Saves a salon's details and booking rules; a change that strands bookings is refused with them listed. */
export async function updateSalonAction(_previous: SettingsFormState, formData: FormData): Promise<SettingsFormState> {
  const values = formValues(formData, FIELDS);
  // A page rendered before the field existed does not send it: the salon keeps its horizon.
  if (!formData.has("bookingHorizonDays")) delete (values as Partial<typeof values>).bookingHorizonDays;
  // Likewise the contact and locale fields (customer flows): absent keeps the salon's.
  for (const name of ["contactPhone", "country", "currency", "locale"] as const) {
    if (!formData.has(name)) delete (values as Partial<typeof values>)[name];
  }
  return settingsAction(
    { action: "updateSalon", values },
    (db, ownerId) => updateSalon(db, ownerId, { ...values, keepBookingIds: keptBookingIds(formData) }),
    (ok) => finished(`/salons/${ok.salonId}/settings?saved=details`, { layout: `/salons/${ok.salonId}/settings` }, "/salons"),
  );
}

/** Opens the salon to customers; refused, with what is missing, until it has a service, a stylist and hours. */
export async function publishSalonAction(_previous: SettingsFormState, formData: FormData): Promise<SettingsFormState> {
  const values = formValues(formData, ["salonId"] as const);
  const state = await settingsAction(
    { action: "publishSalon", values },
    (db, ownerId) => publishSalon(db, ownerId, { salonId: values.salonId }),
    (ok) => finished(`/salons/${ok.salonId}/settings?saved=published`, { layout: `/salons/${ok.salonId}/settings` }, "/salons", "/"),
  );
  return state.status === "invalid" ? { ...state, message: "Not published yet: this salon still needs the steps below." } : state;
}

/** Closes the salon to customers again; its bookings and their manage links stay. */
export async function unpublishSalonAction(_previous: SettingsFormState, formData: FormData): Promise<SettingsFormState> {
  const values = formValues(formData, ["salonId"] as const);
  return settingsAction(
    { action: "unpublishSalon", values },
    (db, ownerId) => unpublishSalon(db, ownerId, { salonId: values.salonId }),
    (ok) => finished(`/salons/${ok.salonId}/settings?saved=unpublished`, { layout: `/salons/${ok.salonId}/settings` }, "/salons", "/"),
  );
}
