import type { Metadata } from "next";
import Link from "next/link";
import { randomUUID } from "node:crypto";
import { HoursForm } from "@/components/settings/hours-form";
import { SavedNotice } from "@/components/settings/saved-notice";
import { AddTimeOffForm, RemoveTimeOffForm } from "@/components/settings/time-off-forms";
import { WeekTable } from "@/components/settings/week-table";
import { card, textLink } from "@/components/ui/styles";
import { formatLocalDate, formatStretches, formatWallTime, todayIn, zoneNameOnDate } from "@/lib/salons";
import { getStylistSettings, type Stretch } from "@/lib/salons/settings";
import { MAX_STRETCHES_PER_DAY } from "@/lib/salons/settings/schemas";
import { openSettingsPage, type SettingsPageProps } from "../../settings-page";
import { addTimeOffAction, removeTimeOffAction, setWeeklyHoursAction } from "./actions";

export const metadata: Metadata = { title: "Hours and time off" };
export const dynamic = "force-dynamic";

export default async function StylistSchedulePage(props: SettingsPageProps<{ salonId: string; stylistId: string }>) {
  const { query, saved, here, settings } = await openSettingsPage(
    props,
    ({ stylistId }) => `/stylists/${stylistId}`,
    (db, ownerId, ids) => getStylistSettings(db, ownerId, ids),
  );
  const { salon, stylist, hours, ownDays, salonHours, timeOff } = settings;

  const day = typeof query.day === "string" && /^[1-7]$/.test(query.day) ? Number(query.day) : 1;
  // The day's hours as they apply: on a day that follows the salon, its hours are where own hours
  // start from when the owner switches the day to own hours.
  const dayHours = (ownDays.includes(day) ? hours : salonHours).filter((h) => h.weekday === day);
  const spans = (stretches: Stretch[]) => formatStretches(stretches, salon.locale);
  const today = todayIn(salon.timeZone);
  const renderKey = randomUUID();

  return (
    <>
      <SavedNotice code={saved} />
      <p>
        <Link href={`/salons/${salon.id}/settings/stylists`} className={textLink}>
          All stylists
        </Link>
      </p>
      <section aria-labelledby="week-heading" className={card}>
        <h2 id="week-heading" className="text-lg font-semibold">
          {stylist.name}&rsquo;s week{!stylist.active && " (switched off)"}
        </h2>
        <WeekTable
          caption={`Working hours of ${stylist.name} by weekday, in ${salon.timeZone}, and whether they are the salon’s`}
          day={(weekday) => {
            const own = ownDays.includes(weekday);
            // What applies that day: their own stretches on their own days, the salon's on the rest.
            const stretches = (own ? hours : salonHours).filter((h) => h.weekday === weekday);
            return {
              hours: stretches.length ? spans(stretches) : "Day off",
              from: own ? "Own hours" : `Salon hours (${stretches.length ? spans(stretches) : "closed"})`,
            };
          }}
          pageHref={here}
        />
      </section>
      <section aria-labelledby="hours-form-heading" className={card}>
        <h2 id="hours-form-heading" className="mb-4 text-lg font-semibold" tabIndex={-1}>
          Set working hours
        </h2>
        <p className="mb-4 text-stone-700">
          On days that follow the salon&rsquo;s opening hours, {stylist.name} works whatever the salon sets on its{" "}
          <Link href={`/salons/${salon.id}/settings/hours`} className={textLink}>
            opening hours
          </Link>{" "}
          page. Own hours apply to that day only; no own hours is a day off.
        </p>
        <HoursForm
          key={`${renderKey}-hours`}
          action={setWeeklyHoursAction}
          target={{ field: "stylistId", id: stylist.id }}
          subject={stylist.name}
          source={ownDays.includes(day) ? "own" : "salon"}
          weekday={day}
          saved={dayHours}
          rows={Math.min(MAX_STRETCHES_PER_DAY, Math.max(2, dayHours.length + 1))}
          zoneName={`${salon.timeZone} (${zoneNameOnDate(salon.timeZone, today)})`}
        />
      </section>
      <section aria-labelledby="time-off-heading" className={card}>
        <h2 id="time-off-heading" className="text-lg font-semibold">
          Time off
        </h2>
        {timeOff.length === 0 ? (
          <p className="mt-2 text-stone-700">No time off booked.</p>
        ) : (
          <ul className="mt-3 space-y-3" aria-label={`Time off of ${stylist.name}`}>
            {timeOff.map((t) => {
              const date = (d: string) => formatLocalDate(d, salon.locale);
              const time = (wallTime: string) => formatWallTime(wallTime, salon.locale);
              const days = t.startDate === t.endDate ? date(t.startDate) : `${date(t.startDate)} to ${date(t.endDate)}`;
              const label = t.startTime && t.endTime ? `${days}, ${time(t.startTime)}–${time(t.endTime)}` : days;
              return (
                <li key={t.id} className="flex flex-wrap items-start justify-between gap-3 rounded-lg border border-stone-200 p-3">
                  <p>
                    <span className="font-medium">{label}</span>
                    {t.reason && <span className="text-stone-700"> · {t.reason}</span>}
                  </p>
                  <RemoveTimeOffForm key={`${renderKey}-${t.id}`} action={removeTimeOffAction} timeOffId={t.id} label={label} />
                </li>
              );
            })}
          </ul>
        )}
        <h3 id="time-off-form-heading" className="mt-6 mb-3 font-semibold">
          Add time off
        </h3>
        <AddTimeOffForm key={`${renderKey}-time-off`} action={addTimeOffAction} stylistId={stylist.id} today={today} />
      </section>
    </>
  );
}
