"use server";

import { finished, type Finished } from "../../../../owner-action";
import type { SettingsFormState } from "@/components/settings/settings-form-state";
import { addStylist, renameStylist, setStylistActive } from "@/lib/salons/settings";
import { formValues, keptBookingIds } from "../../../form-data";
import { settingsAction } from "../../../settings-action";

// Each action, through the owner door (settingsAction): session → command (validates, checks the stylist or salon is this owner's, writes)
// → revalidatePath → redirect.

function done(salonId: string, path: string): Finished {
  return finished(`/salons/${salonId}/settings/stylists${path}`, { layout: `/salons/${salonId}/settings` });
}

export async function addStylistAction(_previous: SettingsFormState, formData: FormData): Promise<SettingsFormState> {
  const values = formValues(formData, ["salonId", "name"]);
  return settingsAction(
    { action: "addStylist", values },
    (db, ownerId) => addStylist(db, ownerId, values),
    // Straight on to the new stylist's hours: without them customers see no free times.
    (ok) => done(values.salonId, `/${ok.stylistId}?saved=stylist-added`),
  );
}

export async function renameStylistAction(_previous: SettingsFormState, formData: FormData): Promise<SettingsFormState> {
  const values = formValues(formData, ["stylistId", "name"]);
  return settingsAction(
    { action: "renameStylist", values },
    (db, ownerId) => renameStylist(db, ownerId, values),
    (ok) => done(ok.salonId, "?saved=stylist-renamed"),
  );
}

export async function setStylistActiveAction(_previous: SettingsFormState, formData: FormData): Promise<SettingsFormState> {
  const values = formValues(formData, ["stylistId", "active"]);
  return settingsAction(
    { action: "setStylistActive", values },
    (db, ownerId) => setStylistActive(db, ownerId, { ...values, keepBookingIds: keptBookingIds(formData) }),
    (ok) => done(ok.salonId, values.active === "true" ? "?saved=stylist-on" : "?saved=stylist-off"),
  );
}
