import type { Metadata } from "next";
import { randomUUID } from "node:crypto";
import { SalonDetailsForm } from "@/components/settings/salon-details-form";
import { SavedNotice } from "@/components/settings/saved-notice";
import { card } from "@/components/ui/styles";
import { getSalonSettings } from "@/lib/salons/settings";
import { SALON_LOCALE_CHOICES, TIME_ZONES } from "@/lib/salons/settings/schemas";
import { updateSalonAction } from "./actions";
import { openSettingsPage, type SettingsPageProps } from "./settings-page";

export const metadata: Metadata = { title: "Salon settings" };
export const dynamic = "force-dynamic";

export default async function SalonDetailsPage(props: SettingsPageProps<{ salonId: string }>) {
  const { saved, settings } = await openSettingsPage(props, () => "", (db, ownerId, { salonId }) => getSalonSettings(db, ownerId, salonId));
  const { salon } = settings;

  return (
    <>
      <SavedNotice code={saved} />
      <section aria-labelledby="details-heading" className={card}>
        <h2 id="details-heading" className="mb-4 text-lg font-semibold">
          Details and booking rules
        </h2>
        {/* A fresh key per render: after a save the form starts clean instead of keeping the last refusal. */}
        <SalonDetailsForm
          key={randomUUID()}
          action={updateSalonAction}
          headingId="details-heading"
          salonId={salon.id}
          timeZones={TIME_ZONES}
          localeChoices={SALON_LOCALE_CHOICES}
          saved={{
            name: salon.name,
            slug: salon.slug,
            timeZone: salon.timeZone,
            address: salon.address,
            bufferMinutes: String(salon.bufferMinutes),
            minNoticeMinutes: String(salon.minNoticeMinutes),
            cancellationCutoffMinutes: String(salon.cancellationCutoffMinutes),
            bookingHorizonDays: String(salon.bookingHorizonDays),
            contactPhone: salon.contactPhone,
            country: salon.country,
            currency: salon.currency,
            locale: salon.locale,
          }}
        />
      </section>
    </>
  );
}
