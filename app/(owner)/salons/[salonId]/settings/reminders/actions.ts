"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireOwner } from "@/auth";
import type { SettingsFormState } from "@/components/settings/settings-form-state";
import { getDb } from "@/db/client";
import { updateReminderSettings } from "@/lib/salons/settings";
import { formValues } from "../../../form-data";
import { settle, signedOut } from "../../../settings-action";

const FIELDS = ["salonId", "reminder1", "reminder1Amount", "reminder1Unit", "reminder2", "reminder2Amount", "reminder2Unit", "daySheet", "daySheetTime"] as const;

/** Saves when the salon reminds its customers and when its owner gets the day sheet. */
export async function updateReminderSettingsAction(_previous: SettingsFormState, formData: FormData): Promise<SettingsFormState> {
  const owner = await requireOwner();
  const values = formValues(formData, FIELDS);
  if (!owner) return signedOut(values);
  const outcome = await settle(async () => updateReminderSettings(await getDb(), owner.id, values), {
    action: "updateReminderSettings",
    ownerId: owner.id,
    values,
  });
  if ("state" in outcome) return outcome.state;
  revalidatePath(`/salons/${outcome.ok.salonId}/settings`, "layout");
  redirect(`/salons/${outcome.ok.salonId}/settings/reminders?saved=reminders`);
}
