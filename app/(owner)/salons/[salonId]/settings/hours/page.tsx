import type { Metadata } from "next";
import Link from "next/link";
import { randomUUID } from "node:crypto";
import { HoursForm } from "@/components/settings/hours-form";
import { SavedNotice } from "@/components/settings/saved-notice";
import { WeekTable } from "@/components/settings/week-table";
import { card, textLink } from "@/components/ui/styles";
import { formatStretches, todayIn, zoneNameOnDate } from "@/lib/salons";
import { getSalonHours } from "@/lib/salons/settings";
import { MAX_STRETCHES_PER_DAY } from "@/lib/salons/settings/schemas";
import { openSettingsPage, type SettingsPageProps } from "../settings-page";
import { setSalonHoursAction } from "./actions";

export const metadata: Metadata = { title: "Opening hours" };
export const dynamic = "force-dynamic";

export default async function SalonHoursPage(props: SettingsPageProps<{ salonId: string }>) {
  const { query, saved, here, settings } = await openSettingsPage(props, () => "/hours", (db, ownerId, { salonId }) => getSalonHours(db, ownerId, salonId));
  const { salon, hours } = settings;

  const day = typeof query.day === "string" && /^[1-7]$/.test(query.day) ? Number(query.day) : 1;
  const dayHours = hours.filter((h) => h.weekday === day);
  const today = todayIn(salon.timeZone);

  return (
    <>
      <SavedNotice code={saved} />
      <section aria-labelledby="opening-week-heading" className={card}>
        <h2 id="opening-week-heading" className="text-lg font-semibold">
          Opening hours
        </h2>
        <p className="mt-2 text-stone-700">
          Every stylist works these hours, except on the days set on their own page under{" "}
          <Link href={`/salons/${salon.id}/settings/stylists`} className={textLink}>
            Stylists
          </Link>
          .
        </p>
        <WeekTable
          caption={`Opening hours of ${salon.name} by weekday, in ${salon.timeZone}`}
          day={(weekday) => {
            const stretches = hours.filter((h) => h.weekday === weekday);
            return { hours: stretches.length ? formatStretches(stretches, salon.locale) : "Closed" };
          }}
          pageHref={here}
        />
      </section>
      <section aria-labelledby="hours-form-heading" className={card}>
        <h2 id="hours-form-heading" className="mb-4 text-lg font-semibold" tabIndex={-1}>
          Set opening hours
        </h2>
        <HoursForm
          key={randomUUID()}
          action={setSalonHoursAction}
          target={{ field: "salonId", id: salon.id }}
          subject="the salon"
          weekday={day}
          saved={dayHours}
          rows={Math.min(MAX_STRETCHES_PER_DAY, Math.max(2, dayHours.length + 1))}
          zoneName={`${salon.timeZone} (${zoneNameOnDate(salon.timeZone, today)})`}
        />
      </section>
    </>
  );
}
