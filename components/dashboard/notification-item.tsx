import Link from "next/link";
import { textLink } from "@/components/ui/styles";
import { bookingStatusLabel } from "@/lib/dashboard/labels";
import { bookingDetailsHref } from "@/lib/dashboard/links";
import { eventLabel, formatSlotTime } from "@/lib/notifications/format";
import type { DashboardNotification } from "@/lib/notifications/view";

const badgeTone: Record<string, string> = {
  "booking.created": "bg-emerald-100 text-emerald-900",
  "booking.rescheduled": "bg-amber-100 text-amber-900",
  "booking.cancelled": "bg-red-100 text-red-900",
};

/** What has happened to the booking since this (older) event, if anything. */
function sinceThen(item: DashboardNotification): React.ReactNode {
  const current = item.current;
  if (!current) return null;
  if (current.status !== "confirmed") {
    if (item.type === "booking.cancelled" && current.status === "cancelled") return null;
    return <>Now {bookingStatusLabel(current.status).toLowerCase()}</>;
  }
  if (Date.parse(current.startLocal) === Date.parse(item.startLocal)) return null;
  return (
    <>
      Now at <time dateTime={current.startLocal}>{formatSlotTime(current.startLocal, item.timeZone, item.locale)}</time>
    </>
  );
}

/** One booking event in the owner's feed, its time in the salon's own zone. */
export function NotificationItem({ item }: { item: DashboardNotification }) {
  const label = eventLabel(item.type);
  const since = sinceThen(item);
  return (
    <article aria-label={`${label}: ${item.customerName}, reference ${item.reference}`} className="min-w-0 space-y-1 [overflow-wrap:anywhere]">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className={`rounded px-2 py-0.5 text-sm font-semibold ${badgeTone[item.type] ?? "bg-stone-100 text-stone-900"}`}>
          {label}
        </h3>
        {!item.read && <span className="rounded bg-teal-800 px-2 py-0.5 text-xs font-semibold text-white">Unread</span>}
        <bdi className="text-sm text-stone-600">{item.salonName}</bdi>
      </div>
      <p className="font-medium">
        <bdi>{item.customerName}</bdi> · <bdi>{item.serviceName}</bdi> with <bdi>{item.stylistName}</bdi>
      </p>
      <p>
        <time dateTime={item.startLocal}>{formatSlotTime(item.startLocal, item.timeZone, item.locale)}</time>{" "}
        <span className="text-sm text-stone-600">({item.timeZone})</span>
      </p>
      {item.previousStartLocal && (
        <p className="text-sm text-stone-700">
          Was{" "}
          <time dateTime={item.previousStartLocal}>{formatSlotTime(item.previousStartLocal, item.timeZone, item.locale)}</time>
        </p>
      )}
      {item.cancelledBy && <p className="text-sm text-stone-700">Cancelled by the {item.cancelledBy}</p>}
      {since && <p className="text-sm font-medium text-amber-900">{since}</p>}
      <p className="text-sm text-stone-700">
        Reference <span className="font-mono">{item.reference}</span> ·{" "}
        <Link href={bookingDetailsHref(item.bookingId)} className={textLink}>
          Booking details<span className="sr-only"> for {item.reference}</span>
        </Link>
      </p>
    </article>
  );
}
