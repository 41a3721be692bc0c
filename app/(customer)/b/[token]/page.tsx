import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { BookingSummary } from "@/components/booking/booking-summary";
import { CancelBookingForm } from "@/components/booking/cancel-booking-form";
import { RescheduleForm } from "@/components/booking/reschedule-form";
import { SalonPhone } from "@/components/booking/salon-policy";
import { SlotList } from "@/components/booking/slot-list";
import { Notice } from "@/components/ui/notice";
import { card, inputBase, primaryButton, secondaryButton, textLink } from "@/components/ui/styles";
import { availabilityErrorFields } from "@/lib/api/slot-json";
import { lastBookableDate } from "@/lib/availability";
import { formatLocal } from "@/lib/availability/wall-clock";
import { formatCutoff, tooLateMessage } from "@/lib/booking/cutoff";
import { limitManageLink } from "@/lib/booking/limit-manage";
import { getManagedBooking, type ManagedBooking } from "@/lib/booking/manage-booking";
import { manageBookingPath } from "@/lib/booking/manage-link";
import { listRescheduleSlots } from "@/lib/booking/reschedule-slots";
import { instantSchema } from "@/lib/booking/schemas";
import {
  addDays,
  firstParam,
  formatDuration,
  formatLocalDate,
  formatLocalTime,
  formatPrice,
  isCalendarDate,
  todayIn,
  zoneNameAt,
  zoneNameOnDate,
  type SearchParams,
} from "@/lib/salons";
import { requestClientIp } from "@/lib/http/request-context";
import { rateLimitedMessage } from "@/lib/rate-limit";
import { cancelAction, rescheduleAction } from "./actions";

export const dynamic = "force-dynamic";
// The token in this address is the only key to the booking: keep it out of search engines and
// Referer headers (next.config.mjs sends the same as HTTP headers).
export const metadata: Metadata = { title: "Your booking", robots: { index: false, follow: false }, referrer: "no-referrer" };

type Props = { params: Promise<{ token: string }>; searchParams: Promise<SearchParams> };

/** The customer's manage link: the booking as it is now, and — while allowed — move or cancel it. */
export default async function ManageBookingPage({ params, searchParams }: Props) {
  const { token } = await params;
  const db = await getDb();
  const limit = await limitManageLink(db, token, { clientIp: await requestClientIp() });
  if (!limit.allowed) {
    return (
      <Notice tone="warning" role="alert" title="Please wait a moment">
        {rateLimitedMessage(limit.retryAfterSeconds)}
      </Notice>
    );
  }
  const booking = await getManagedBooking(db, token);
  if (!booking) notFound();
  const query = await searchParams;
  const fresh = firstParam(query, "confirmed") === "1";
  const isCancelled = booking.status === "cancelled";

  const locale = booking.salon.locale;
  const self = manageBookingPath(token);

  return (
    <>
      <div>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">
          {isCancelled ? "Booking cancelled" : fresh ? "Booking confirmed" : "Your booking"}
        </h1>
        {fresh && !isCancelled && (
          <p className="mt-2 break-words text-stone-700">
            Thank you, <bdi>{booking.customerName}</bdi>. <bdi>{booking.salon.name}</bdi> has your booking and is being told about it now.
          </p>
        )}
      </div>
      {firstParam(query, "replayed") === "1" && !isCancelled && (
        <Notice tone="success" role="status" title="Your booking exists: this is it">
          You confirmed this booking before; confirming again did not book twice.
        </Notice>
      )}
      {firstParam(query, "moved") === "1" && !isCancelled && (
        <Notice tone="success" role="status" title="Your booking has been moved">
          The salon has been told about the new time.
        </Notice>
      )}
      {firstParam(query, "cancelled") === "1" && isCancelled && (
        <Notice tone="success" role="status" title="Your booking is cancelled">
          The salon has been told, and the time is free for others.
        </Notice>
      )}
      <section aria-label="Booking details" className={`${card} space-y-4`}>
        <section aria-labelledby="reference-heading">
          <h2 id="reference-heading" className="text-sm font-medium uppercase tracking-wide text-stone-600">
            Booking reference
          </h2>
          <p className="mt-1 font-mono text-2xl font-bold tracking-widest text-teal-900">{booking.reference}</p>
        </section>
        <BookingSummary
          rows={[
            { term: "Date", detail: formatLocalDate(booking.startLocal, locale) },
            { term: "Time", detail: `${formatLocalTime(booking.startLocal, locale)} ${booking.timeZoneName}` },
            { term: "Service", detail: `${booking.service.name} (${formatDuration(booking.service.durationMinutes)})` },
            { term: "Price", detail: formatPrice(booking.service.priceCents, booking.salon) },
            { term: "Stylist", detail: booking.stylist.name },
            { term: "Salon", detail: booking.salon.name },
            { term: "Address", detail: booking.salon.address },
            { term: "Time zone", detail: booking.salon.timeZone.replace(/_/g, " ") },
            { term: "Status", detail: statusLabel(booking.status) },
          ]}
        />
        {!isCancelled && booking.status === "confirmed" && (
          <p>
            <a href={`${self}/calendar`} download className={secondaryButton}>
              Add to calendar (.ics)
            </a>
          </p>
        )}
      </section>
      <ChangeSection booking={booking} token={token} query={query} fresh={fresh} />
      <p>
        <Link href={`/s/${booking.salon.slug}`} className={textLink}>
          Back to <bdi>{booking.salon.name}</bdi>
        </Link>
      </p>
    </>
  );
}

function ChangeSection({ booking, token, query, fresh }: { booking: ManagedBooking; token: string; query: SearchParams; fresh: boolean }) {
  switch (booking.lockedReason) {
    case "cancelled":
      return <Notice tone="warning">This booking has been cancelled. There is nothing more to change.</Notice>;
    case "not_active":
      return <Notice tone="info">This appointment is over, so it can no longer be changed.</Notice>;
    case "too_late":
      // Never next to "keep this link to change": inside the cutoff only the salon can change it.
      return (
        <Notice tone="warning" title="This booking can no longer be changed online">
          <p>
            {tooLateMessage(booking.cutoffMinutes).replace(/ Please contact the salon\.$/, "")} To change or cancel it,{" "}
            <SalonPhone contactPhone={booking.salon.contactPhone} />.
          </p>
        </Notice>
      );
  }
  const self = manageBookingPath(token);
  if (firstParam(query, "cancel") === "1") {
    return (
      <section id="cancel" aria-labelledby="cancel-heading" className={`${card} space-y-3`}>
        <h2 id="cancel-heading" className="text-lg font-semibold">
          Cancel this booking?
        </h2>
        <p>The salon will be told at once and the time offered to others. This cannot be undone.</p>
        <CancelBookingForm action={cancelAction} token={token} />
        <p>
          <Link href={self} className={textLink}>
            No, keep my booking
          </Link>
        </p>
      </section>
    );
  }
  const start = firstParam(query, "start");
  if (start && instantSchema.safeParse(start).success) {
    const local = formatLocal(new Date(start), booking.salon.timeZone);
    const label = `${formatLocalDate(local, booking.salon.locale)} at ${formatLocalTime(local, booking.salon.locale)} ${zoneNameAt(new Date(start), booking.salon.timeZone)}`;
    return (
      <section id="move" aria-labelledby="move-heading" className={`${card} space-y-3`}>
        <h2 id="move-heading" className="text-lg font-semibold">
          Move your booking
        </h2>
        <p>
          <bdi>{booking.service.name}</bdi> with <bdi>{booking.stylist.name}</bdi>, instead of {formatLocalDate(booking.startLocal, booking.salon.locale)} at{" "}
          {formatLocalTime(booking.startLocal, booking.salon.locale)}.
        </p>
        <RescheduleForm action={rescheduleAction} token={token} start={new Date(start).toISOString()} label={label} />
        <p>
          <Link href={`${self}?date=${local.slice(0, 10)}#free-times`} className={textLink}>
            Choose another time
          </Link>
        </p>
      </section>
    );
  }
  if (firstParam(query, "date") !== undefined) return <ReschedulePicker booking={booking} token={token} query={query} />;
  const zone = booking.salon.timeZone;
  const deadline = formatLocal(booking.changeDeadline, zone);
  const bookedDay = booking.startLocal.slice(0, 10);
  return (
    <section aria-labelledby="change-heading" className={`${card} space-y-3`}>
      <h2 id="change-heading" className="text-lg font-semibold">
        Change or cancel
      </h2>
      <p className="text-stone-700">
        You can move or cancel this booking online until {formatLocalDate(deadline, booking.salon.locale)} at{" "}
        {formatLocalTime(deadline, booking.salon.locale)} ({formatCutoff(booking.cutoffMinutes)} before it starts). After that,{" "}
        <SalonPhone contactPhone={booking.salon.contactPhone} />.
        {fresh && " Keep this page's address: it is your private link to do so, and we have emailed it to you as well."}
      </p>
      <div className="flex flex-wrap gap-3">
        <Link href={`${self}?date=${bookedDay}#free-times`} className={secondaryButton}>
          Move to another time
        </Link>
        <Link href={`${self}?cancel=1#cancel`} className={secondaryButton}>
          Cancel booking…
        </Link>
      </div>
    </section>
  );
}

async function ReschedulePicker({ booking, token, query }: { booking: ManagedBooking; token: string; query: SearchParams }) {
  const zone = booking.salon.timeZone;
  const now = new Date();
  const today = todayIn(zone, now);
  const lastDate = lastBookableDate(booking.salon, now);
  const dateParam = firstParam(query, "date");
  const bookedDay = booking.startLocal.slice(0, 10);
  const notADate = dateParam !== undefined && !isCalendarDate(dateParam);
  const pastHorizon = dateParam !== undefined && isCalendarDate(dateParam) && dateParam > lastDate;
  const date = pastHorizon
    ? lastDate
    : dateParam && isCalendarDate(dateParam) && dateParam >= today
      ? dateParam
      : bookedDay >= today && bookedDay <= lastDate
        ? bookedDay
        : today;
  const self = manageBookingPath(token);
  const deadline = formatLocal(booking.changeDeadline, zone);

  let slots: { start: string; time: string; href: string }[] | null = null;
  try {
    const found = await listRescheduleSlots(await getDb(), booking.id, { date });
    slots = found.slots.map((slot) => ({
      start: slot.start.toISOString(),
      time: formatLocalTime(slot.local, booking.salon.locale),
      href: `${self}?start=${encodeURIComponent(slot.start.toISOString())}#move`,
    }));
  } catch (error) {
    // The service or stylist is no longer offered: say so instead of failing the page.
    if (!availabilityErrorFields(error)) throw error;
  }
  const dayHref = (d: string) => `${self}?date=${d}#free-times`;

  return (
    <section aria-labelledby="change-heading" className={`${card} space-y-5`}>
      <div>
        <h2 id="change-heading" className="text-lg font-semibold">
          Change or cancel
        </h2>
        <p className="mt-1 text-stone-700">
          You can move or cancel this booking online until {formatLocalDate(deadline, booking.salon.locale)} at {formatLocalTime(deadline, booking.salon.locale)} (
          {formatCutoff(booking.cutoffMinutes)} before it starts).
        </p>
      </div>
      <form method="get" action={`${self}#free-times`} className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="move-date" className="block font-medium">
            New date
          </label>
          <input
            id="move-date"
            name="date"
            type="date"
            required
            min={today}
            max={lastDate}
            defaultValue={date}
            className={`${inputBase} border-stone-300`}
          />
        </div>
        <button type="submit" className={primaryButton}>
          Show free times
        </button>
      </form>
      {notADate && (
        <Notice tone="warning" role="alert">
          {`“${dateParam!.slice(0, 40)}” is not a date. Pick a day with the date field.`}
        </Notice>
      )}
      {pastHorizon && (
        <Notice tone="warning" role="alert">
          {`Bookings open at most ${booking.salon.bookingHorizonDays} days ahead, so the last day to move it to is ${formatLocalDate(lastDate, booking.salon.locale)}.`}
        </Notice>
      )}
      {slots === null ? (
        <Notice tone="warning">This service or stylist is no longer offered online. Please contact the salon to change the booking.</Notice>
      ) : (
        <SlotList
          dayLabel={formatLocalDate(date, booking.salon.locale)}
          zoneLabel={`${zoneNameOnDate(zone, date)} (${zone.replace(/_/g, " ")})`}
          serviceName={booking.service.name}
          stylistName={booking.stylist.name}
          previousDayHref={date > today ? dayHref(addDays(date, -1)) : undefined}
          nextDayHref={date < lastDate ? dayHref(addDays(date, 1)) : undefined}
          slots={slots}
        />
      )}
      <p>
        <Link href={`${self}?cancel=1#cancel`} className={secondaryButton}>
          Cancel booking…
        </Link>
      </p>
    </section>
  );
}

function statusLabel(status: string): string {
  switch (status) {
    case "confirmed":
      return "Confirmed";
    case "cancelled":
      return "Cancelled";
    case "completed":
      return "Completed";
    case "no_show":
      return "Missed";
    default:
      return status;
  }
}
