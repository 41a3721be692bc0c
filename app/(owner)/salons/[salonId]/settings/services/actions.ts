"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireOwner } from "@/auth";
import type { SettingsFormState } from "@/components/settings/settings-form-state";
import { getDb } from "@/db/client";
import { addService, setServiceActive, updateService } from "@/lib/salons/settings";
import { formValues, keptBookingIds } from "../../../form-data";
import { settle, signedOut } from "../../../settings-action";

// Each action: session → command (validates, checks the service or salon is this owner's, writes)
// → revalidatePath → redirect. The salon id used for the redirect comes from the command's answer
// or from input the command has just proven to be the owner's.

function done(salonId: string, saved: string): never {
  revalidatePath(`/salons/${salonId}/settings`, "layout");
  redirect(`/salons/${salonId}/settings/services?saved=${saved}`);
}

export async function addServiceAction(_previous: SettingsFormState, formData: FormData): Promise<SettingsFormState> {
  const owner = await requireOwner();
  const values = formValues(formData, ["salonId", "name", "durationMinutes", "price"]);
  if (!owner) return signedOut(values);
  const outcome = await settle(async () => addService(await getDb(), owner.id, values), { action: "addService", ownerId: owner.id, values });
  if ("state" in outcome) return outcome.state;
  done(values.salonId, "service-added");
}

export async function updateServiceAction(_previous: SettingsFormState, formData: FormData): Promise<SettingsFormState> {
  const owner = await requireOwner();
  const values = formValues(formData, ["serviceId", "name", "durationMinutes", "price"]);
  if (!owner) return signedOut(values);
  const outcome = await settle(async () => updateService(await getDb(), owner.id, values), {
    action: "updateService",
    ownerId: owner.id,
    values,
  });
  if ("state" in outcome) return outcome.state;
  done(outcome.ok.salonId, "service-saved");
}

export async function setServiceActiveAction(_previous: SettingsFormState, formData: FormData): Promise<SettingsFormState> {
  const owner = await requireOwner();
  const values = formValues(formData, ["serviceId", "active"]);
  if (!owner) return signedOut(values);
  const outcome = await settle(
    async () => setServiceActive(await getDb(), owner.id, { ...values, keepBookingIds: keptBookingIds(formData) }),
    { action: "setServiceActive", ownerId: owner.id, values },
  );
  if ("state" in outcome) return outcome.state;
  done(outcome.ok.salonId, values.active === "true" ? "service-on" : "service-off");
}
