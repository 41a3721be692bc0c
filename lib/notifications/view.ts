import type { NotificationRow } from "./queries";

// What the dashboard receives for one notification: only what the feed shows, nothing else of
// the customer (no email, phone or note) leaves the server through the stream.

export interface DashboardNotification {
  id: number;
  type: string;
  /** The salon the booking is at, so a dashboard showing one salon knows which events concern it. */
  salonId: string;
  bookingId: string;
  reference: string;
  customerName: string;
  serviceName: string;
  stylistName: string;
  salonName: string;
  timeZone: string;
  /** The salon's locale (BCP 47): its clock and date order for the times shown. */
  locale: string;
  /** ISO 8601 with the salon's offset, e.g. 2027-03-16T10:00:00+00:00. */
  startLocal: string;
  /** booking.rescheduled only: the start before the move. */
  previousStartLocal?: string;
  cancelledBy?: "customer" | "owner";
  /** The booking now, which may differ from this (older) event: "moved to …", "cancelled". */
  current?: { status: string; startLocal: string };
  createdAt: string;
  read: boolean;
}

const text = (value: unknown, max = 200): string => (typeof value === "string" ? value.slice(0, max) : "");

export function toDashboardNotification(row: NotificationRow): DashboardNotification {
  // The payload is jsonb written by the booking core; read it defensively all the same.
  const p = (row.payload ?? {}) as unknown as Record<string, unknown>;
  const pick = (key: string) => (p[key] && typeof p[key] === "object" ? (p[key] as Record<string, unknown>) : {});
  const previous = pick("previous");
  const cancelledBy = p.cancelledBy === "customer" || p.cancelledBy === "owner" ? p.cancelledBy : undefined;
  return {
    id: Number(row.eventId),
    type: row.eventType,
    salonId: row.salonId,
    bookingId: row.bookingId,
    reference: text(p.reference, 64),
    customerName: text(pick("customer").name),
    serviceName: text(pick("service").name),
    stylistName: text(pick("stylist").name),
    salonName: text(pick("salon").name),
    timeZone: text(pick("salon").timeZone, 64) || "UTC",
    locale: row.locale,
    startLocal: text(p.startLocal, 64),
    ...(text(previous.startLocal, 64) ? { previousStartLocal: text(previous.startLocal, 64) } : {}),
    ...(cancelledBy ? { cancelledBy } : {}),
    ...(row.current ? { current: { status: row.current.status, startLocal: row.current.startLocal } } : {}),
    createdAt: row.createdAt.toISOString(),
    read: row.readAt !== null,
  };
}
