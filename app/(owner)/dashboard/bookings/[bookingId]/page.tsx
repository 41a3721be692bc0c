import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { requireOwner } from "@/auth";
import { BookingActions } from "@/components/dashboard/booking-actions";
import { BookingEventHistory } from "@/components/dashboard/booking-event-history";
import { Notice } from "@/components/ui/notice";
import { MoveBookingForm } from "@/components/dashboard/move-booking-form";
import { card, inputBase, secondaryButton, textLink } from "@/components/ui/styles";
import type { OwnerActor } from "@/lib/booking/actor";
import { moveChoiceValue } from "@/lib/dashboard/owner-booking-schemas";
import { listOwnerMoveChoices } from "@/lib/dashboard/owner-bookings";
import { ownedSalonIds } from "@/lib/dashboard/owner-scope";
import { calendarDateSchema } from "@/lib/dashboard/schemas";
import { getDb } from "@/db/client";
import { getOwnerBookingDetails } from "@/lib/dashboard/booking-details";
import { formatDayLong } from "@/lib/dashboard/format";
import { formatDuration, formatLocalTime, formatPrice } from "@/lib/salons/format";
import { bookingStatusLabel } from "@/lib/dashboard/labels";
import { dashboardHref, deliveryHealthHref } from "@/lib/dashboard/links";
import { firstParam, type SearchParams } from "@/lib/salons/links";
import { cancelBookingAction, markOutcomeAction, moveBookingAction } from "./actions";

export const metadata: Metadata = { title: "Booking" };
export const dynamic = "force-dynamic";

const DONE: Record<string, string> = {
  added: "Booking added.",
  moved: "Booking moved. The customer is being emailed the new time, if they gave an email.",
  cancelled: "Booking cancelled. The customer is being emailed, if they gave an email.",
  completed: "Marked as completed.",
  no_show: "Marked as a no-show.",
};

export default async function BookingDetailsPage({
  params,
  searchParams,
}: {
  params: Promise<{ bookingId: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { bookingId } = await params;
  const owner = await requireOwner();
  if (!owner) redirect("/sign-in?callbackUrl=/dashboard");
  // Filtered by the owner in SQL: another owner's booking id is a 404, the same as a made-up one.
  const db = await getDb();
  const booking = await getOwnerBookingDetails(db, owner.id, bookingId);
  if (!booking) notFound();

  const { locale } = booking.salon;
  const query = await searchParams;
  const done = DONE[firstParam(query, "done") ?? ""];
  const date = booking.startLocal.slice(0, 10);
  // The move picker's day: asked for in the URL (?moveDate=), else the booking's own.
  const askedMoveDate = calendarDateSchema.safeParse(firstParam(query, "moveDate"));
  const moveDate = askedMoveDate.success ? askedMoveDate.data : date;
  const actor: OwnerActor = { by: "owner", ownerId: owner.id, salonIds: await ownedSalonIds(db, owner.id) };
  const moveChoices = booking.canCancel
    ? (await listOwnerMoveChoices(db, actor, booking.id, moveDate)).map((c) => ({
        value: moveChoiceValue(c.start, c.stylist.id),
        label: `${formatLocalTime(c.local, locale)} with ${c.stylist.name}`,
      }))
    : [];
  const rows: [string, React.ReactNode][] = [
    ["Customer", <bdi key="name">{booking.customer.name}</bdi>],
    ["Email", booking.customer.email ? <a key="email" href={`mailto:${booking.customer.email}`} className={textLink}><bdi>{booking.customer.email}</bdi></a> : "—"],
    ["Phone", booking.customer.phone ? <a key="phone" href={`tel:${booking.customer.phone.replace(/[^+0-9]/g, "")}`} className={textLink}><bdi>{booking.customer.phone}</bdi></a> : "—"],
    ["Note", booking.customer.note ? <bdi key="note" className="whitespace-pre-wrap">{booking.customer.note}</bdi> : "—"],
    ["Service", <span key="service"><bdi>{booking.service.name}</bdi> ({formatDuration(booking.service.durationMinutes)})</span>],
    ["Price", formatPrice(booking.service.priceCents, booking.salon)],
    ["Stylist", <bdi key="stylist">{booking.stylist.name}</bdi>],
    ["Salon", <bdi key="salon">{booking.salon.name}</bdi>],
    ["Date", formatDayLong(date, locale)],
    [
      "Time",
      <span key="time">
        <time dateTime={booking.startLocal}>{formatLocalTime(booking.startLocal, locale)}</time>–<time dateTime={booking.endLocal}>{formatLocalTime(booking.endLocal, locale)}</time>{" "}
        {booking.zoneName} ({booking.salon.timeZone})
      </span>,
    ],
    ["Status", bookingStatusLabel(booking.status)],
    ["Reference", <span key="ref" className="font-mono">{booking.reference}</span>],
  ];

  return (
    <>
      <p>
        <Link href={dashboardHref({ salon: booking.salon.id, date })} className={textLink}>
          <span aria-hidden="true">← </span>Calendar of {formatDayLong(date, locale)}
        </Link>
      </p>
      <h1 className="text-2xl font-bold tracking-tight">
        Booking <span className="font-mono">{booking.reference}</span>
      </h1>
      {done && (
        <div role="status">
          <Notice tone="success" title={done} />
        </div>
      )}

      <section aria-labelledby="details-heading" className={card}>
        <h2 id="details-heading" className="text-lg font-semibold">
          Details
        </h2>
        <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2">
          {rows.map(([term, value]) => (
            <div key={term} className="contents">
              <dt className="font-medium text-stone-700">{term}</dt>
              <dd className="min-w-0 [overflow-wrap:anywhere]">{value}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="actions-heading" className={card}>
        <h2 id="actions-heading" className="mb-3 text-lg font-semibold">
          Actions
        </h2>
        <BookingActions
          bookingId={booking.id}
          canCancel={booking.canCancel}
          canMarkOutcome={booking.canMarkOutcome}
          notStartedYet={booking.status === "confirmed" && !booking.canMarkOutcome}
          cancelAction={cancelBookingAction}
          outcomeAction={markOutcomeAction}
        />
      </section>

      {booking.canCancel && (
        <section aria-labelledby="move-heading" className={`${card} space-y-4`}>
          <h2 id="move-heading" className="text-lg font-semibold">
            Move
          </h2>
          <form method="get" className="flex flex-wrap items-end gap-2">
            <div>
              <label htmlFor="move-date" className="block font-medium text-stone-900">
                Day
              </label>
              <input id="move-date" name="moveDate" type="date" required defaultValue={moveDate} className={`${inputBase} border-stone-300`} />
            </div>
            <button type="submit" className={secondaryButton}>
              Show free times
            </button>
          </form>
          <MoveBookingForm bookingId={booking.id} action={moveBookingAction} choices={moveChoices} dayLabel={formatDayLong(moveDate, locale)} />
        </section>
      )}

      <section aria-labelledby="history-heading" className={card}>
        <h2 id="history-heading" className="mb-3 text-lg font-semibold">
          History
        </h2>
        <BookingEventHistory events={booking.events} timeZone={booking.salon.timeZone} locale={locale} />
        <p className="mt-3 text-sm">
          <Link href={deliveryHealthHref(booking.salon.id)} className={textLink}>
            Delivery health of {booking.salon.name}
          </Link>
        </p>
      </section>
    </>
  );
}
