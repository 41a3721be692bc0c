"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireOwner } from "@/auth";
import type { SettingsFormState } from "@/components/settings/settings-form-state";
import { getDb } from "@/db/client";
import { addTimeOff, removeTimeOff, setWeeklyHours } from "@/lib/salons/settings";
import { errorsByRow, formValues, keptBookingIds, stretchesFromForm, weekdaysFromForm } from "../../../../form-data";
import { settle, signedOut } from "../../../../settings-action";

// A stylist's hours and days off. Each action: session → command (validates, checks the stylist
// is this owner's, refuses changes that strand bookings, writes) → revalidatePath → redirect.

function done(ok: { salonId: string; stylistId: string }, query: string): never {
  revalidatePath(`/salons/${ok.salonId}/settings`, "layout");
  redirect(`/salons/${ok.salonId}/settings/stylists/${ok.stylistId}?${query}`);
}

export async function setWeeklyHoursAction(_previous: SettingsFormState, formData: FormData): Promise<SettingsFormState> {
  const owner = await requireOwner();
  const { stretches, rowOf, values: stretchValues } = stretchesFromForm(formData);
  const weekdays = weekdaysFromForm(formData);
  const values = { ...formValues(formData, ["stylistId"]), ...stretchValues, weekdays };
  if (!owner) return signedOut(values);
  const outcome = await settle(
    async () =>
      setWeeklyHours(await getDb(), owner.id, {
        stylistId: values.stylistId,
        weekdays,
        stretches,
        keepBookingIds: keptBookingIds(formData),
      }),
    { action: "setWeeklyHours", ownerId: owner.id, values, mapErrors: (errors) => errorsByRow(errors, rowOf) },
  );
  if ("state" in outcome) return outcome.state;
  done(outcome.ok, `saved=hours&day=${Math.min(...weekdays.map(Number))}`);
}

export async function addTimeOffAction(_previous: SettingsFormState, formData: FormData): Promise<SettingsFormState> {
  const owner = await requireOwner();
  const values = formValues(formData, ["stylistId", "startDate", "endDate", "startTime", "endTime", "reason"]);
  if (!owner) return signedOut(values);
  const outcome = await settle(
    async () => addTimeOff(await getDb(), owner.id, { ...values, keepBookingIds: keptBookingIds(formData) }),
    { action: "addTimeOff", ownerId: owner.id, values },
  );
  if ("state" in outcome) return outcome.state;
  done(outcome.ok, "saved=time-off-added");
}

export async function removeTimeOffAction(_previous: SettingsFormState, formData: FormData): Promise<SettingsFormState> {
  const owner = await requireOwner();
  const values = formValues(formData, ["timeOffId"]);
  if (!owner) return signedOut(values);
  const outcome = await settle(async () => removeTimeOff(await getDb(), owner.id, values), {
    action: "removeTimeOff",
    ownerId: owner.id,
    values,
  });
  if ("state" in outcome) return outcome.state;
  done(outcome.ok, "saved=time-off-removed");
}
