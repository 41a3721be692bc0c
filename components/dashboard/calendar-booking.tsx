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

/** One booking in the calendar: a link to its details. Its status is said in words, not only shown. */
export function CalendarBookingLink({ booking, compact = false }: { booking: CalendarBooking; compact?: boolean }) {
  const struck = booking.status === "cancelled";
  return (
    <Link
      href={bookingDetailsHref(booking.id)}
      className={`block h-full overflow-hidden rounded-md border-l-4 px-2 py-1 text-left text-xs leading-tight shadow-sm ${tone[booking.status] ?? tone.confirmed} ${focusRing}`}
      data-booking-reference={booking.reference}
    >
      <span className={struck ? "line-through" : undefined}>
        <time dateTime={booking.startLocal} className="font-semibold">
          {booking.startTime}
        </time>
        {compact ? " " : "–"}
        {!compact && <time dateTime={booking.endLocal}>{booking.endTime}</time>}
        {compact ? "" : " "}
        <bdi className="font-medium">{booking.customerName}</bdi>
        {!compact && <bdi className="block">{booking.serviceName}</bdi>}
      </span>
      {booking.status !== "confirmed" && <span className="block font-semibold">({bookingStatusLabel(booking.status)})</span>}
    </Link>
  );
}
