"use client";

import Link from "next/link";
import { secondaryButton, textLink } from "@/components/ui/styles";
import { bookingDetailsHref } from "@/lib/dashboard/links";
import { eventLabel, formatSlotTime } from "@/lib/notifications/format";
import type { DashboardNotification } from "@/lib/notifications/view";

/**
 * The latest booking event that arrived live, pinned to the corner of the screen wherever the
 * owner has scrolled, until dismissed. The feed's own live region announces it to screen readers,
 * so this box is not a second live region.
 */
export function NotificationToast({ item, onDismiss }: { item: DashboardNotification; onDismiss: () => void }) {
  return (
    <aside
      aria-label="Latest booking"
      className="fixed inset-x-4 bottom-4 z-40 rounded-xl border border-teal-800 bg-white p-4 shadow-lg sm:left-auto sm:w-96"
      data-testid="booking-toast"
    >
      <p className="font-semibold text-teal-900">{eventLabel(item.type)}</p>
      <p className="truncate" title={item.customerName}>
        <bdi>{item.customerName}</bdi> · <bdi>{item.serviceName}</bdi>
      </p>
      <p className="text-sm text-stone-700">
        <time dateTime={item.startLocal}>{formatSlotTime(item.startLocal, item.timeZone, item.locale)}</time> ·{" "}
        <bdi className="break-words">{item.salonName}</bdi>
      </p>
      <div className="mt-2 flex flex-wrap items-center justify-between gap-2">
        <Link href={bookingDetailsHref(item.bookingId)} className={textLink}>
          Open booking<span className="sr-only"> {item.reference}</span>
        </Link>
        <button type="button" onClick={onDismiss} className={secondaryButton}>
          Dismiss
        </button>
      </div>
    </aside>
  );
}
