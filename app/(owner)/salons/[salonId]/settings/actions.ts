"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireOwner } from "@/auth";
import type { SettingsFormState } from "@/components/settings/settings-form-state";
import { getDb } from "@/db/client";
import { updateSalon } from "@/lib/salons/settings";
import { formValues, keptBookingIds } from "../../form-data";
import { settle, signedOut } from "../../settings-action";

const FIELDS = ["salonId", "name", "slug", "timeZone", "address", "bufferMinutes", "minNoticeMinutes", "cancellationCutoffMinutes", "bookingHorizonDays", "contactPhone", "country", "currency", "locale"] as const;

/** Saves a salon's details and booking rules; a change that strands bookings is refused with them listed. */
export async function updateSalonAction(_previous: SettingsFormState, formData: FormData): Promise<SettingsFormState> {
  const owner = await requireOwner();
  const values = formValues(formData, FIELDS);
  if (!owner) return signedOut(values);
  // A page rendered before the field existed does not send it: the salon keeps its horizon.
  if (!formData.has("bookingHorizonDays")) delete (values as Partial<typeof values>).bookingHorizonDays;
  // Likewise the contact and locale fields (customer flows): absent keeps the salon's.
  for (const name of ["contactPhone", "country", "currency", "locale"] as const) {
    if (!formData.has(name)) delete (values as Partial<typeof values>)[name];
  }
  const outcome = await settle(
    async () => updateSalon(await getDb(), owner.id, { ...values, keepBookingIds: keptBookingIds(formData) }),
    { action: "updateSalon", ownerId: owner.id, values },
  );
  if ("state" in outcome) return outcome.state;
  revalidatePath(`/salons/${outcome.ok.salonId}/settings`, "layout");
  revalidatePath("/salons");
  redirect(`/salons/${outcome.ok.salonId}/settings?saved=details`);
}
