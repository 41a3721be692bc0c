import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { requireOwner } from "@/auth";
import { WalkInForm } from "@/components/dashboard/walk-in-form";
import { card, primaryButton, textLink } from "@/components/ui/styles";
import { getDb } from "@/db/client";
import { localDate } from "@/lib/availability/wall-clock";
import { formatDayLong } from "@/lib/dashboard/format";
import { dashboardHref } from "@/lib/dashboard/links";
import { walkInOptions } from "@/lib/dashboard/owner-bookings";
import { calendarDateSchema } from "@/lib/dashboard/schemas";
import { listOwnedSalons } from "@/lib/dashboard/owner-scope";
import { formatDuration, zoneNameOnDate } from "@/lib/salons/format";
import { firstParam, type SearchParams } from "@/lib/salons/links";
import { createWalkInAction } from "./actions";

export const metadata: Metadata = { title: "Add booking" };
export const dynamic = "force-dynamic";

/** `/dashboard/bookings/new?salon=&date=&time=&stylist=`: a walk-in or phone booking, from the calendar. */
export default async function NewBookingPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const owner = await requireOwner();
  if (!owner) redirect("/sign-in?callbackUrl=/dashboard");
  const params = await searchParams;
  const db = await getDb();
  const salons = await listOwnedSalons(db, owner.id);
  const salon = salons.find((s) => s.id === (firstParam(params, "salon") ?? salons[0]?.id));
  // Another owner's salon id is as unknown as a made-up one.
  if (!salon) notFound();
  const options = await walkInOptions(db, { by: "owner", ownerId: owner.id, salonIds: salons.map((s) => s.id) }, salon.id);
  if (!options) notFound();

  const askedDate = calendarDateSchema.safeParse(firstParam(params, "date"));
  const date = askedDate.success ? askedDate.data : localDate(new Date(), salon.timeZone);
  const askedTime = firstParam(params, "time") ?? "";
  const time = /^([01]\d|2[0-3]):[0-5]\d$/.test(askedTime) ? askedTime : "10:00";
  const stylist = options.stylists.find((s) => s.id === firstParam(params, "stylist"))?.id;
  const ready = options.services.length > 0 && options.stylists.length > 0;

  return (
    <>
      <p>
        <Link href={dashboardHref({ salon: salon.id, date })} className={textLink}>
          <span aria-hidden="true">← </span>Calendar of {formatDayLong(date, salon.locale)}
        </Link>
      </p>
      <h1 className="text-2xl font-bold tracking-tight">Add booking</h1>
      <section aria-labelledby="walk-in-heading" className={card}>
        <h2 id="walk-in-heading" className="text-lg font-semibold">
          A walk-in or phone booking at <bdi>{salon.name}</bdi>
        </h2>
        <p className="mt-1 mb-4 text-sm text-stone-700">
          Times are in {zoneNameOnDate(salon.timeZone, date)} ({salon.timeZone}). The stylist&apos;s hours and other bookings still apply;
          the minimum notice and how far ahead customers may book online do not.
        </p>
        {ready ? (
          <WalkInForm
            action={createWalkInAction}
            salonId={salon.id}
            idempotencyKey={`walk-in-${randomUUID()}`}
            services={options.services.map((s) => ({ id: s.id, label: `${s.name} (${formatDuration(s.durationMinutes)})` }))}
            stylists={options.stylists}
            date={date}
            time={time}
            stylistId={stylist}
          />
        ) : (
          <>
            <p>This salon needs at least one service and one stylist before it can take bookings.</p>
            <Link href={`/salons/${salon.id}/settings`} className={`${primaryButton} mt-4`}>
              Salon settings
            </Link>
          </>
        )}
      </section>
    </>
  );
}
