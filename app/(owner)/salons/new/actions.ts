"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireOwner } from "@/auth";
import type { SettingsFormState } from "@/components/settings/settings-form-state";
import { getDb } from "@/db/client";
import { createSalon } from "@/lib/salons/settings";
import { formValues } from "../form-data";
import { settle, signedOut } from "../settings-action";

const FIELDS = ["name", "slug", "timeZone", "address", "bufferMinutes", "minNoticeMinutes", "cancellationCutoffMinutes", "bookingHorizonDays", "contactPhone", "country", "currency", "locale"] as const;

/**
 * Creates a salon for the signed-in owner. The order of every settings action: session → the
 * command (zod safeParse → ownership → write, inside lib so no caller can skip a step) →
 * revalidatePath → redirect outside any try.
 */
export async function createSalonAction(_previous: SettingsFormState, formData: FormData): Promise<SettingsFormState> {
  const owner = await requireOwner();
  const values = formValues(formData, FIELDS);
  if (!owner) return signedOut(values);
  // A page rendered before the field existed does not send it: the salon keeps its horizon.
  if (!formData.has("bookingHorizonDays")) delete (values as Partial<typeof values>).bookingHorizonDays;
  // Likewise the contact and locale fields (customer flows): absent keeps the salon's.
  for (const name of ["contactPhone", "country", "currency", "locale"] as const) {
    if (!formData.has(name)) delete (values as Partial<typeof values>)[name];
  }
  const outcome = await settle(async () => createSalon(await getDb(), owner.id, values), { action: "createSalon", ownerId: owner.id, values });
  if ("state" in outcome) return outcome.state;
  revalidatePath("/salons");
  redirect(`/salons/${outcome.ok.salonId}/settings?saved=created`);
}
