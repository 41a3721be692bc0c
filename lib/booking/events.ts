// The outbox event types of a booking and their payloads. Payloads carry everything a
// notification needs, so channels never read the booking tables (which may have moved on).

export const BOOKING_EVENT_TYPES = ["booking.created", "booking.rescheduled", "booking.cancelled"] as const;
export type BookingEventType = (typeof BOOKING_EVENT_TYPES)[number];

/**
 * A reminder before the appointment: a scheduled event (due at start − offset, expiring at the
 * start) of the booking's aggregate, for the customer's email only (lib/booking/reminder-events.ts).
 */
export const BOOKING_REMINDER_EVENT = "booking.reminder";

export interface BookingTimes {
  /** UTC instants, ISO 8601 with Z. */
  start: string;
  end: string;
  /** The same instants in the salon's zone, ISO 8601 with offset (2027-03-14T10:00:00-04:00). */
  startLocal: string;
  endLocal: string;
}

export interface BookingEventPayload extends BookingTimes {
  bookingId: string;
  reference: string;
  status: string;
  /** The booking's version: 1 when created, +1 per change. Used as the iCalendar SEQUENCE. */
  sequence: number;
  salon: { id: string; slug: string; name: string; timeZone: string; address: string };
  service: { id: string; name: string; durationMinutes: number; priceCents: number };
  stylist: { id: string; name: string };
  /** No email for a walk-in or phone booking the owner made without one (then no customer mail). */
  customer: { name: string; email?: string; phone?: string; note?: string };
  /**
   * Who caused the event: the customer (booking form, API, manage link) or the salon's owner
   * (dashboard). Events written before this field existed have none: they were customers' own,
   * except a cancellation whose cancelledBy says otherwise.
   */
  actor?: "customer" | "owner";
  /** booking.rescheduled only: the time (and stylist) before the move. */
  previous?: BookingTimes & { stylist: { id: string; name: string } };
  /** booking.cancelled only: who cancelled (the same as actor; kept for events read by older code). */
  cancelledBy?: "customer" | "owner";
  /**
   * "suppressed": decided when the booking was made, the customer's address had had its
   * confirmations for the hour (RATE_LIMIT_CONFIRMATION_EMAIL); the customer-email channel skips it.
   */
  customerEmail?: "suppressed";
  /** booking.reminder only: how long before the start it is due, in minutes (the salon's setting). */
  reminderOffsetMinutes?: number;
}

/** Cap on one event's payload, enforced again by a CHECK constraint on outbox.payload. */
export const MAX_EVENT_PAYLOAD_BYTES = 16_384;
