import Link from "next/link";
import { focusRing } from "@/components/ui/styles";
import type { CalendarBooking } from "@/lib/dashboard/calendar";
import { bookingStatusLabel } from "@/lib/dashboard/labels";
import { bookingDetailsHref } from "@/lib/dashboard/links";

const tone: Record<string, string> = {
  confirmed: "border-teal-700 bg-teal-50 text-teal-950 hover:bg-teal-100",
  completed: "border-stone-400 bg-stone-100 text-stone-900 hover:bg-stone-200",
  no_show: "border-amber-600 bg-amber-50 text-amber-950 hover:bg-amber-100",
  cancelled: "border-stone-300 border-dashed bg-white text-stone-600 hover:bg-stone-50",
};

// A booking the owner has not seen yet (its notification is unread) stands out until it is read.
const fresh = "ring-2 ring-amber-500 ring-offset-1";

export interface CalendarBookingLinkProps {
  booking: CalendarBooking;
  /** Week cells: the start time and the name only. */
  compact?: boolean;
  /** The agenda (phone) names the stylist, since there are no columns to do it. */
  stylistName?: string;
}

/**
 * One booking in the calendar: a link to its details. Its status is said in words, not only
 * shown; long names are cut to the width (the booking's page shows them whole).
 */
export function CalendarBookingLink({ booking, compact = false, stylistName }: CalendarBookingLinkProps) {
  const struck = booking.status === "cancelled";
  return (
    <Link
      href={bookingDetailsHref(booking.id)}
      className={`block h-full min-w-0 overflow-hidden rounded-md border-l-4 px-2 py-1 text-left text-xs leading-tight shadow-sm ${tone[booking.status] ?? tone.confirmed} ${booking.isNew ? fresh : ""} ${focusRing}`}
      data-booking-reference={booking.reference}
      title={booking.customerName}
    >
      <span className={`block ${struck ? "line-through" : ""}`}>
        <span className="block truncate">
          <time dateTime={booking.startLocal} className="font-semibold">
            {booking.startTime}
          </time>
          {!compact && (
            <>
              –<time dateTime={booking.endLocal}>{booking.endTime}</time>
            </>
          )}{" "}
          <bdi className="font-medium">{booking.customerName}</bdi>
        </span>
        {!compact && (
          <bdi className="block truncate">
            {booking.serviceName}
            {stylistName && <> with {stylistName}</>}
          </bdi>
        )}
      </span>
      {booking.isNew && <span className="block font-semibold text-amber-900">New</span>}
      {booking.status !== "confirmed" && <span className="block font-semibold">({bookingStatusLabel(booking.status)})</span>}
    </Link>
  );
}
