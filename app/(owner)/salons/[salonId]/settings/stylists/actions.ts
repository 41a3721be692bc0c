"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireOwner } from "@/auth";
import type { SettingsFormState } from "@/components/settings/settings-form-state";
import { getDb } from "@/db/client";
import { addStylist, renameStylist, setStylistActive } from "@/lib/salons/settings";
import { formValues, keptBookingIds } from "../../../form-data";
import { settle, signedOut } from "../../../settings-action";

// Each action: session → command (validates, checks the stylist or salon is this owner's, writes)
// → revalidatePath → redirect.

function done(salonId: string, path: string): never {
  revalidatePath(`/salons/${salonId}/settings`, "layout");
  redirect(`/salons/${salonId}/settings/stylists${path}`);
}

export async function addStylistAction(_previous: SettingsFormState, formData: FormData): Promise<SettingsFormState> {
  const owner = await requireOwner();
  const values = formValues(formData, ["salonId", "name"]);
  if (!owner) return signedOut(values);
  const outcome = await settle(async () => addStylist(await getDb(), owner.id, values), { action: "addStylist", ownerId: owner.id, values });
  if ("state" in outcome) return outcome.state;
  // Straight on to the new stylist's hours: without them customers see no free times.
  done(values.salonId, `/${outcome.ok.stylistId}?saved=stylist-added`);
}

export async function renameStylistAction(_previous: SettingsFormState, formData: FormData): Promise<SettingsFormState> {
  const owner = await requireOwner();
  const values = formValues(formData, ["stylistId", "name"]);
  if (!owner) return signedOut(values);
  const outcome = await settle(async () => renameStylist(await getDb(), owner.id, values), {
    action: "renameStylist",
    ownerId: owner.id,
    values,
  });
  if ("state" in outcome) return outcome.state;
  done(outcome.ok.salonId, "?saved=stylist-renamed");
}

export async function setStylistActiveAction(_previous: SettingsFormState, formData: FormData): Promise<SettingsFormState> {
  const owner = await requireOwner();
  const values = formValues(formData, ["stylistId", "active"]);
  if (!owner) return signedOut(values);
  const outcome = await settle(
    async () => setStylistActive(await getDb(), owner.id, { ...values, keepBookingIds: keptBookingIds(formData) }),
    { action: "setStylistActive", ownerId: owner.id, values },
  );
  if ("state" in outcome) return outcome.state;
  done(outcome.ok.salonId, values.active === "true" ? "?saved=stylist-on" : "?saved=stylist-off");
}
