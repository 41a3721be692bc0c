import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DateTime } from "luxon";
import { getDb } from "@/db/client";
import { BookingForm } from "@/components/booking/booking-form";
import { bookingStorageKey } from "@/components/booking/booking-form-state";
import { OwnBookingCheck } from "@/components/booking/own-booking";
import { SalonPolicy } from "@/components/booking/salon-policy";
import { Notice } from "@/components/ui/notice";
import { textLink } from "@/components/ui/styles";
import { listAvailableSlots } from "@/lib/availability";
import { limitAvailability } from "@/lib/availability/limit-availability";
import { requestClientIp } from "@/lib/http/request-context";
import { rateLimitedMessage } from "@/lib/rate-limit";
import { availabilityErrorFields } from "@/lib/api/slot-json";
import { isInsideCutoff } from "@/lib/booking/cutoff";
import { instantSchema } from "@/lib/booking/schemas";
import {
  firstParam,
  formatDuration,
  formatLocalDate,
  formatLocalTime,
  formatPrice,
  getSalonBySlug,
  slotFinderHref,
  zoneNameAt,
  type SearchParams,
} from "@/lib/salons";
import { salonReminderOffsets } from "@/lib/booking/reminder-events";
import { reminderNotice } from "@/lib/booking/reminders";
import { recallOwnBooking, submitBooking } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your details", robots: { index: false } };

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<SearchParams> };

export default async function BookPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const db = await getDb();
  const salon = await getSalonBySlug(db, slug);
  if (!salon) notFound();

  const query = await searchParams;
  const service = salon.services.find((s) => s.id === firstParam(query, "service"));
  const stylistParam = firstParam(query, "stylist");
  const stylist = stylistParam ? salon.stylists.find((s) => s.id === stylistParam) : undefined;
  const startParam = firstParam(query, "start");
  const startOk = startParam !== undefined && instantSchema.safeParse(startParam).success;
  const backHref = slotFinderHref({ slug: salon.slug, serviceId: service?.id, stylistId: stylist?.id });

  if (!service || !startOk || (stylistParam && !stylist)) {
    return (
      <ChooseAgain salonName={salon.name} backHref={backHref}>
        This link does not name a service, stylist and time of this salon.
      </ChooseAgain>
    );
  }

  const start = DateTime.fromISO(startParam!, { setZone: true }).setZone(salon.timeZone);
  const localDate = start.toISODate()!;
  const dayHref = slotFinderHref({ slug: salon.slug, serviceId: service.id, stylistId: stylist?.id, date: localDate });

  const limit = await limitAvailability(db, salon.slug, { clientIp: await requestClientIp() });
  if (!limit.allowed) {
    return (
      <ChooseAgain salonName={salon.name} backHref={dayHref} title="Please wait a moment">
        {rateLimitedMessage(limit.retryAfterSeconds)}
      </ChooseAgain>
    );
  }

  // Checked again by createBooking; this only spares the customer typing details for a time that is gone.
  let stillFree = false;
  try {
    const { slots } = await listAvailableSlots(db, {
      salonId: salon.id,
      serviceId: service.id,
      stylistId: stylist?.id,
      from: localDate,
    });
    stillFree = slots.some((slot) => slot.start.getTime() === start.toMillis());
  } catch (error) {
    if (!availabilityErrorFields(error)) throw error;
  }
  const storageKey = bookingStorageKey({ salonSlug: salon.slug, serviceId: service.id, stylistId: stylist?.id ?? "", start: start.toUTC().toISO()! });
  if (!stillFree) {
    return (
      <>
        {/* Back after booking: the time is taken by the customer's own booking; lead them to it. */}
        <OwnBookingCheck storageKey={storageKey} recall={recallOwnBooking} />
        <ChooseAgain salonName={salon.name} backHref={dayHref}>
          This time is no longer free, or is not one the salon offers.
        </ChooseAgain>
      </>
    );
  }

  const startIso = start.toUTC().toISO()!;
  const localIso = start.toISO()!;
  const reminders = reminderNotice(start.toJSDate(), await salonReminderOffsets(db, salon.id), salon.timeZone, new Date());
  return (
    <>
      <div>
        <p className="text-stone-700">
          <bdi>{salon.name}</bdi>
        </p>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Your booking</h1>
      </div>
      {reminders && <p className="text-stone-700">{reminders}</p>}
      <BookingForm
        action={submitBooking}
        recall={recallOwnBooking}
        salonSlug={salon.slug}
        serviceId={service.id}
        stylistId={stylist?.id ?? ""}
        start={startIso}
        summary={[
          { term: "Service", detail: `${service.name} (${formatDuration(service.durationMinutes)})` },
          { term: "Price", detail: formatPrice(service.priceCents, salon) },
          { term: "Stylist", detail: stylist ? stylist.name : "Any available stylist" },
          { term: "Date", detail: formatLocalDate(localIso, salon.locale) },
          { term: "Time", detail: `${formatLocalTime(localIso, salon.locale)} ${zoneNameAt(start.toJSDate(), salon.timeZone)}` },
          { term: "Address", detail: salon.address },
        ]}
        policy={
          <SalonPolicy
            cutoffMinutes={salon.cancellationCutoffMinutes}
            contactPhone={salon.contactPhone}
            insideCutoff={isInsideCutoff(start.toJSDate(), salon.cancellationCutoffMinutes, new Date())}
          />
        }
        idempotencyKey={randomUUID()}
        changeTimeHref={dayHref}
      />
    </>
  );
}

function ChooseAgain({
  salonName,
  backHref,
  title = "Please choose a time again",
  children,
}: {
  salonName: string;
  backHref: string;
  title?: string;
  children: React.ReactNode;
}) {
  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight">
        <bdi>{salonName}</bdi>
      </h1>
      <Notice tone="warning" role="alert" title={title}>
        <p>{children}</p>
        <p className="mt-2">
          <Link href={backHref} className={textLink}>
            See free times
          </Link>
        </p>
      </Notice>
    </>
  );
}
