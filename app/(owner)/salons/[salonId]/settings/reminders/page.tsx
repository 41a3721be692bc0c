import type { Metadata } from "next";
import { randomUUID } from "node:crypto";
import { ReminderSettingsForm } from "@/components/settings/reminder-settings-form";
import { SavedNotice } from "@/components/settings/saved-notice";
import { card } from "@/components/ui/styles";
import { findOwnedSalon } from "@/lib/salons/settings/owned";
import { reminderFormValues } from "@/lib/salons/settings/reminder-schemas";
import { openSettingsPage, type SettingsPageProps } from "../settings-page";
import { updateReminderSettingsAction } from "./actions";

export const metadata: Metadata = { title: "Reminders and day sheet" };
export const dynamic = "force-dynamic";

export default async function ReminderSettingsPage(props: SettingsPageProps<{ salonId: string }>) {
  const { saved, settings: salon } = await openSettingsPage(props, () => "/reminders", (db, ownerId, { salonId }) => findOwnedSalon(db, ownerId, salonId));

  return (
    <>
      <SavedNotice code={saved} />
      <section aria-labelledby="reminders-heading" className={card}>
        <h2 id="reminders-heading" className="mb-2 text-lg font-semibold">
          Reminders and day sheet
        </h2>
        <p className="mb-4 text-stone-700">
          Customers get their reminders by email, with a link to reschedule or cancel. A change here applies to bookings made from now
          on; bookings already made keep the reminders they were given.
        </p>
        <ReminderSettingsForm
          key={randomUUID()}
          action={updateReminderSettingsAction}
          headingId="reminders-heading"
          salonId={salon.id}
          timeZone={salon.timeZone}
          saved={reminderFormValues(salon.reminderOffsetsMinutes, salon.daySheetTime)}
        />
      </section>
    </>
  );
}
