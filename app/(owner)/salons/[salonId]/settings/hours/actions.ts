"use server";

import { finished } from "../../../../owner-action";
import type { SettingsFormState } from "@/components/settings/settings-form-state";
import { setSalonHours } from "@/lib/salons/settings";
import { errorsByRow, formValues, keptBookingIds, stretchesFromForm, weekdaysFromForm } from "../../../form-data";
import { settingsAction } from "../../../settings-action";

// The salon's opening hours: session → command (validates, checks the salon is this owner's,
// refuses changes that strand bookings of stylists who follow them, writes) → revalidate → redirect.
export async function setSalonHoursAction(_previous: SettingsFormState, formData: FormData): Promise<SettingsFormState> {
  const { stretches, rowOf, values: stretchValues } = stretchesFromForm(formData);
  const weekdays = weekdaysFromForm(formData);
  const values = { ...formValues(formData, ["salonId"]), ...stretchValues, weekdays };
  return settingsAction(
    { action: "setSalonHours", values, mapErrors: (errors) => errorsByRow(errors, rowOf) },
    (db, ownerId) => setSalonHours(db, ownerId, { salonId: values.salonId, weekdays, stretches, keepBookingIds: keptBookingIds(formData) }),
    (ok) =>
      finished(`/salons/${ok.salonId}/settings/hours?saved=salon-hours&day=${Math.min(...weekdays.map(Number))}`, {
        layout: `/salons/${ok.salonId}/settings`,
      }),
  );
}
