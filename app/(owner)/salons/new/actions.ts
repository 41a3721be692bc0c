"use server";

import { finished } from "../../owner-action";
import type { SettingsFormState } from "@/components/settings/settings-form-state";
import { createSalon } from "@/lib/salons/settings";
import { formValues } from "../form-data";
import { settingsAction } from "../settings-action";

const FIELDS = ["name", "slug", "timeZone", "address", "bufferMinutes", "minNoticeMinutes", "cancellationCutoffMinutes", "bookingHorizonDays", "contactPhone", "country", "currency", "locale"] as const;

/**
 * Creates a salon for the signed-in owner, through the owner door (settingsAction): session → the
 * command (zod safeParse → ownership → write, inside lib so no caller can skip a step) →
 * revalidatePath → redirect outside any try.
 */
export async function createSalonAction(_previous: SettingsFormState, formData: FormData): Promise<SettingsFormState> {
  const values = formValues(formData, FIELDS);
  // A page rendered before the field existed does not send it: the salon keeps its horizon.
  if (!formData.has("bookingHorizonDays")) delete (values as Partial<typeof values>).bookingHorizonDays;
  // Likewise the contact and locale fields (customer flows): absent keeps the salon's.
  for (const name of ["contactPhone", "country", "currency", "locale"] as const) {
    if (!formData.has(name)) delete (values as Partial<typeof values>)[name];
  }
  return settingsAction(
    { action: "createSalon", values },
    (db, ownerId) => createSalon(db, ownerId, values),
    (ok) => finished(`/salons/${ok.salonId}/settings?saved=created`, "/salons"),
  );
}
