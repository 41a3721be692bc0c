"use server";

import { finished, type Finished } from "../../../../owner-action";
import type { SettingsFormState } from "@/components/settings/settings-form-state";
import { addService, setServiceActive, updateService } from "@/lib/salons/settings";
import { formValues, keptBookingIds } from "../../../form-data";
import { settingsAction } from "../../../settings-action";

// Each action, through the owner door (settingsAction): session → command (validates, checks the service or salon is this owner's, writes)
// → revalidatePath → redirect. The salon id used for the redirect comes from the command's answer
// or from input the command has just proven to be the owner's.

function done(salonId: string, saved: string): Finished {
  return finished(`/salons/${salonId}/settings/services?saved=${saved}`, { layout: `/salons/${salonId}/settings` });
}

export async function addServiceAction(_previous: SettingsFormState, formData: FormData): Promise<SettingsFormState> {
  const values = formValues(formData, ["salonId", "name", "durationMinutes", "price"]);
  return settingsAction(
    { action: "addService", values },
    (db, ownerId) => addService(db, ownerId, values),
    () => done(values.salonId, "service-added"),
  );
}

export async function updateServiceAction(_previous: SettingsFormState, formData: FormData): Promise<SettingsFormState> {
  const values = formValues(formData, ["serviceId", "name", "durationMinutes", "price"]);
  return settingsAction(
    { action: "updateService", values },
    (db, ownerId) => updateService(db, ownerId, values),
    (ok) => done(ok.salonId, "service-saved"),
  );
}

export async function setServiceActiveAction(_previous: SettingsFormState, formData: FormData): Promise<SettingsFormState> {
  const values = formValues(formData, ["serviceId", "active"]);
  return settingsAction(
    { action: "setServiceActive", values },
    (db, ownerId) => setServiceActive(db, ownerId, { ...values, keepBookingIds: keptBookingIds(formData) }),
    (ok) => done(ok.salonId, values.active === "true" ? "service-on" : "service-off"),
  );
}
