import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { requireOwner } from "@/auth";
import { BookingActions } from "@/components/dashboard/booking-actions";
import { BookingEventHistory } from "@/components/dashboard/booking-event-history";
import { Notice } from "@/components/ui/notice";
import { card, textLink } from "@/components/ui/styles";
import { getDb } from "@/db/client";
import { getOwnerBookingDetails } from "@/lib/dashboard/booking-details";
import { formatDayLong } from "@/lib/dashboard/format";
import { bookingStatusLabel } from "@/lib/dashboard/labels";
import { dashboardHref, deliveryHealthHref } from "@/lib/dashboard/links";
import { firstParam, type SearchParams } from "@/lib/salons/links";
import { cancelBookingAction, markOutcomeAction } from "./actions";

export const metadata: Metadata = { title: "Booking" };
export const dynamic = "force-dynamic";

const DONE: Record<string, string> = {
  cancelled: "Booking cancelled. The customer is being emailed.",
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
  const booking = await getOwnerBookingDetails(await getDb(), owner.id, bookingId);
  if (!booking) notFound();

  const done = DONE[firstParam(await searchParams, "done") ?? ""];
  const date = booking.startLocal.slice(0, 10);
  const rows: [string, React.ReactNode][] = [
    ["Customer", <bdi key="name">{booking.customer.name}</bdi>],
    ["Email", <a key="email" href={`mailto:${booking.customer.email}`} className={textLink}><bdi>{booking.customer.email}</bdi></a>],
    ["Phone", booking.customer.phone ? <a key="phone" href={`tel:${booking.customer.phone.replace(/[^+0-9]/g, "")}`} className={textLink}><bdi>{booking.customer.phone}</bdi></a> : "—"],
    ["Note", booking.customer.note ? <bdi key="note" className="whitespace-pre-wrap">{booking.customer.note}</bdi> : "—"],
    ["Service", <span key="service"><bdi>{booking.service.name}</bdi> ({booking.service.durationMinutes} min)</span>],
    ["Stylist", <bdi key="stylist">{booking.stylist.name}</bdi>],
    ["Salon", <bdi key="salon">{booking.salon.name}</bdi>],
    ["Date", formatDayLong(date)],
    [
      "Time",
      <span key="time">
        <time dateTime={booking.startLocal}>{booking.startLocal.slice(11, 16)}</time>–<time dateTime={booking.endLocal}>{booking.endLocal.slice(11, 16)}</time>{" "}
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
          <span aria-hidden="true">← </span>Calendar of {formatDayLong(date)}
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
              <dd className="break-words">{value}</dd>
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

      <section aria-labelledby="history-heading" className={card}>
        <h2 id="history-heading" className="mb-3 text-lg font-semibold">
          History
        </h2>
        <BookingEventHistory events={booking.events} timeZone={booking.salon.timeZone} />
        <p className="mt-3 text-sm">
          <Link href={deliveryHealthHref(booking.salon.id)} className={textLink}>
            Delivery health of {booking.salon.name}
          </Link>
        </p>
      </section>
    </>
  );
}
