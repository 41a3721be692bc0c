"use server";

import { finished, type Finished } from "../../../../../owner-action";
import type { SettingsFormState } from "@/components/settings/settings-form-state";
import { addTimeOff, removeTimeOff, setWeeklyHours } from "@/lib/salons/settings";
import { errorsByRow, formValues, keptBookingIds, stretchesFromForm, weekdaysFromForm } from "../../../../form-data";
import { settingsAction } from "../../../../settings-action";

// A stylist's hours and days off. Each action: session → command (validates, checks the stylist
// is this owner's, refuses changes that strand bookings, writes) → revalidatePath → redirect.

function done(ok: { salonId: string; stylistId: string }, query: string): Finished {
  return finished(`/salons/${ok.salonId}/settings/stylists/${ok.stylistId}?${query}`, { layout: `/salons/${ok.salonId}/settings` });
}

export async function setWeeklyHoursAction(_previous: SettingsFormState, formData: FormData): Promise<SettingsFormState> {
  const { stretches, rowOf, values: stretchValues } = stretchesFromForm(formData);
  const weekdays = weekdaysFromForm(formData);
  // No source: a form from before stylists could follow the salon's hours, so their own hours.
  const values = { ...formValues(formData, ["stylistId", "source"]), ...stretchValues, weekdays };
  const source = values.source || "own";
  return settingsAction(
    { action: "setWeeklyHours", values, mapErrors: (errors) => errorsByRow(errors, rowOf) },
    (db, ownerId) =>
      setWeeklyHours(db, ownerId, { stylistId: values.stylistId, source, weekdays, stretches, keepBookingIds: keptBookingIds(formData) }),
    (ok) => done(ok, `saved=hours&day=${Math.min(...weekdays.map(Number))}`),
  );
}

export async function addTimeOffAction(_previous: SettingsFormState, formData: FormData): Promise<SettingsFormState> {
  const values = formValues(formData, ["stylistId", "startDate", "endDate", "startTime", "endTime", "reason"]);
  return settingsAction(
    { action: "addTimeOff", values },
    (db, ownerId) => addTimeOff(db, ownerId, { ...values, keepBookingIds: keptBookingIds(formData) }),
    (ok) => done(ok, "saved=time-off-added"),
  );
}

export async function removeTimeOffAction(_previous: SettingsFormState, formData: FormData): Promise<SettingsFormState> {
  const values = formValues(formData, ["timeOffId"]);
  return settingsAction(
    { action: "removeTimeOff", values },
    (db, ownerId) => removeTimeOff(db, ownerId, values),
    (ok) => done(ok, "saved=time-off-removed"),
  );
}
