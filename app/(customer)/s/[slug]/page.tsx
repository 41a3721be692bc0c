import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { SalonOverview, type ServiceItem } from "@/components/booking/salon-overview";
import { SlotFinderForm } from "@/components/booking/slot-finder-form";
import { SlotList } from "@/components/booking/slot-list";
import { Notice } from "@/components/ui/notice";
import { textLink } from "@/components/ui/styles";
import { lastBookableDate, listAvailableSlots } from "@/lib/availability";
import { limitAvailability } from "@/lib/availability/limit-availability";
import { availabilityErrorFields } from "@/lib/api/slot-json";
import { requestClientIp } from "@/lib/http/request-context";
import { rateLimitedMessage } from "@/lib/rate-limit";
import {
  bookingFormHref,
  firstParam,
  formatDuration,
  formatLocalDate,
  formatLocalTime,
  formatPrice,
  getSalonBySlug,
  isCalendarDate,
  addDays,
  slotFinderHref,
  todayIn,
  zoneNameOnDate,
  type SalonDetail,
  type SearchParams,
} from "@/lib/salons";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<SearchParams> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const salon = await getSalonBySlug(await getDb(), (await params).slug);
  return { title: salon ? salon.name : "Salon not found" };
}

export default async function SalonPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const db = await getDb();
  const salon = await getSalonBySlug(db, slug);
  if (!salon) notFound();

  const query = await searchParams;
  const now = new Date();
  const today = todayIn(salon.timeZone, now);
  const lastDate = lastBookableDate(salon, now);
  const problems: string[] = [];

  const dateParam = firstParam(query, "date");
  const dateIsValid = dateParam === undefined || isCalendarDate(dateParam);
  if (!dateIsValid) problems.push(`“${dateParam!.slice(0, 40)}” is not a date. Pick a day with the date field.`);
  const pastHorizon = dateIsValid && dateParam !== undefined && dateParam > lastDate;
  if (pastHorizon) {
    problems.push(
      `Bookings open at most ${salon.bookingHorizonDays} days ahead. Pick a day until ${formatLocalDate(lastDate, salon.locale)}.`,
    );
  }
  const date = pastHorizon ? lastDate : dateParam && dateIsValid ? dateParam : today;

  const serviceParam = firstParam(query, "service");
  const service = serviceParam ? salon.services.find((s) => s.id === serviceParam) : undefined;
  if (serviceParam && !service) problems.push("That service is not offered here. Choose one from the list.");

  const stylistParam = firstParam(query, "stylist");
  const stylist = stylistParam ? salon.stylists.find((s) => s.id === stylistParam) : undefined;
  if (stylistParam && !stylist) problems.push("That stylist does not work here. Choose one from the list.");

  const services: ServiceItem[] = salon.services.map((s) => ({
    id: s.id,
    name: s.name,
    duration: formatDuration(s.durationMinutes),
    price: formatPrice(s.priceCents, salon),
  }));

  const canSearch = service && dateIsValid && !pastHorizon && !(stylistParam && !stylist);

  return (
    <>
      <div>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">
          <bdi>{salon.name}</bdi>
        </h1>
        <p className="mt-1 text-stone-700">
          <bdi>{salon.address}</bdi>
        </p>
      </div>
      <SalonOverview services={services} stylists={salon.stylists} />
      {problems.length > 0 && (
        <Notice tone="error" role="alert" title="Please check your choice">
          <ul className="list-disc pl-5">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </Notice>
      )}
      <SlotFinderForm
        salonSlug={salon.slug}
        services={services}
        stylists={salon.stylists}
        serviceId={service?.id}
        stylistId={stylist?.id}
        date={date}
        minDate={today}
        maxDate={lastDate}
      />
      {canSearch && (
        <FreeTimes
          salon={salon}
          serviceId={service.id}
          serviceName={service.name}
          stylist={stylist}
          date={date}
          today={today}
          lastDate={lastDate}
        />
      )}
    </>
  );
}

/** How far ahead a closed day looks for the next day with a free time (one availability read). */
const NEXT_OPEN_LOOKAHEAD_DAYS = 27;

async function nextDayWithSlots(
  db: Awaited<ReturnType<typeof getDb>>,
  salon: SalonDetail,
  q: { serviceId: string; stylistId?: string; after: string; lastDate: string },
): Promise<string | undefined> {
  const from = addDays(q.after, 1);
  const limitDate = addDays(q.after, NEXT_OPEN_LOOKAHEAD_DAYS);
  const to = limitDate < q.lastDate ? limitDate : q.lastDate;
  try {
    const { slots } = await listAvailableSlots(db, { salonId: salon.id, serviceId: q.serviceId, stylistId: q.stylistId, from, to });
    return slots[0]?.local.slice(0, 10);
  } catch (error) {
    if (!availabilityErrorFields(error)) throw error;
    return undefined;
  }
}

async function FreeTimes({
  salon,
  serviceId,
  serviceName,
  stylist,
  date,
  today,
  lastDate,
}: {
  salon: SalonDetail;
  serviceId: string;
  serviceName: string;
  stylist?: { id: string; name: string };
  date: string;
  today: string;
  lastDate: string;
}) {
  const db = await getDb();
  const limit = await limitAvailability(db, salon.slug, { clientIp: await requestClientIp() });
  if (!limit.allowed) {
    return (
      <Notice tone="warning" role="alert" title="Please wait a moment">
        {rateLimitedMessage(limit.retryAfterSeconds)}
      </Notice>
    );
  }
  let slots;
  try {
    ({ slots } = await listAvailableSlots(db, {
      salonId: salon.id,
      serviceId,
      stylistId: stylist?.id,
      from: date,
    }));
  } catch (error) {
    // The ids were checked against this salon above; a miss here means it changed meanwhile.
    if (!availabilityErrorFields(error)) throw error;
    return <Notice tone="error">That choice is no longer available. Please choose again.</Notice>;
  }
  const dayHref = (d: string) => `${slotFinderHref({ slug: salon.slug, serviceId, stylistId: stylist?.id, date: d })}#free-times`;
  // A day with nothing free names the next one that has a time, so nobody tries day after day.
  const nextOpen = slots.length === 0 && date >= today && date < lastDate ? await nextDayWithSlots(db, salon, { serviceId, stylistId: stylist?.id, after: date, lastDate }) : undefined;
  return (
    <>
      {date < today && <Notice tone="info">This day has passed; choose today or a later day.</Notice>}
      {nextOpen && (
        <Notice tone="info" title={`Nothing is free on ${formatLocalDate(date, salon.locale)}`}>
          <p>
            The next day with free times is{" "}
            <Link href={dayHref(nextOpen)} className={textLink}>
              {formatLocalDate(nextOpen, salon.locale)}
            </Link>
            .
          </p>
        </Notice>
      )}
      <SlotList
        dayLabel={formatLocalDate(date, salon.locale)}
        zoneLabel={`${zoneNameOnDate(salon.timeZone, date)} (${salon.timeZone.replace(/_/g, " ")})`}
        serviceName={serviceName}
        stylistName={stylist ? stylist.name : "any stylist"}
        previousDayHref={date > today ? dayHref(addDays(date, -1)) : undefined}
        nextDayHref={date < lastDate ? dayHref(addDays(date, 1)) : undefined}
        slots={slots.map((slot) => ({
          start: slot.start.toISOString(),
          time: formatLocalTime(slot.local, salon.locale),
          href: bookingFormHref({ slug: salon.slug, serviceId, stylistId: stylist?.id, start: slot.start.toISOString() }),
        }))}
      />
    </>
  );
}
