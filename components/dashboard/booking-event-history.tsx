import type { BookingEventHistoryEntry } from "@/lib/dashboard/booking-details";
import { formatInstant, formatLatency, formatScheduledFor } from "@/lib/dashboard/format";
import { channelHeading } from "@/lib/dashboard/delivery-words";
import { eventLabel } from "@/lib/notifications/format";

const EVENT_LABELS: Record<string, string> = {
  pending: "Waiting to go out",
  processing: "Going out",
  delivering: "Partly delivered",
  done: "Finished",
};

const DELIVERY_LABELS: Record<string, string> = { pending: "Waiting", processing: "Sending", delivered: "Delivered", given_up: "Gave up" };

/** The booking's outbox events, oldest first, and how each channel's delivery went, in the salon's zone and locale. */
export function BookingEventHistory({ events, timeZone, locale }: { events: BookingEventHistoryEntry[]; timeZone: string; locale: string }) {
  if (events.length === 0) return <p className="text-stone-700">No events recorded (older ones are purged after their retention period).</p>;
  return (
    <ol className="space-y-4">
      {events.map((event) => (
        <li key={event.id} className="rounded-lg border border-stone-200 p-3">
          <h3 className="font-semibold">
            {eventLabel(event.type)} <span className="font-normal">by {event.actor === "owner" ? "you (the salon)" : "the customer"}</span>{" "}
            <span className="font-normal text-stone-600">· event {event.id}</span>
          </h3>
          <p className="text-sm text-stone-700">
            Recorded {formatInstant(event.createdAt, timeZone, locale)} ·{" "}
            {event.scheduledFor ? formatScheduledFor(event.scheduledFor, timeZone, locale) : (EVENT_LABELS[event.status] ?? event.status)}
            {event.attempts > 0 && ` · ${event.attempts} attempt${event.attempts === 1 ? "" : "s"}`}
          </p>
          {event.lastError && event.status !== "done" && (
            <p className="text-sm text-red-900">
              Last error: <span className="font-mono break-all">{event.lastError}</span>
            </p>
          )}
          {event.deliveries.length > 0 && (
            <table className="mt-2 w-full text-left text-sm">
              <caption className="sr-only">Deliveries of event {event.id}</caption>
              <thead>
                <tr className="border-b border-stone-200">
                  <th scope="col" className="py-1 pr-2 font-medium">Channel</th>
                  <th scope="col" className="py-1 pr-2 font-medium">Status</th>
                  <th scope="col" className="py-1 pr-2 font-medium">Delivered</th>
                  <th scope="col" className="py-1 font-medium">Last error</th>
                </tr>
              </thead>
              <tbody>
                {event.deliveries.map((d) => (
                  <tr key={d.channel} className="border-b border-stone-100 align-top">
                    <th scope="row" className="py-1 pr-2 font-normal">{channelHeading(d.channel)}</th>
                    <td className="py-1 pr-2">
                      {DELIVERY_LABELS[d.status] ?? d.status}
                      {d.attempts > 1 && ` (${d.attempts} attempts)`}
                    </td>
                    <td className="py-1 pr-2">
                      {d.deliveredAt ? formatInstant(d.deliveredAt, timeZone, locale) : "—"}
                      {d.latencyMs !== null && <span className="text-stone-600"> after {formatLatency(d.latencyMs)}</span>}
                    </td>
                    <td className="py-1 font-mono text-xs break-all">{d.status === "delivered" ? "—" : (d.lastError ?? "—")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </li>
      ))}
    </ol>
  );
}
