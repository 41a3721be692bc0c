// The booking form's state, shared by the server action that returns it and the form that shows it.

export interface BookingFormValues {
  name: string;
  email: string;
  phone: string;
  note: string;
}

export interface AlternativeSlot {
  /** ISO instant, UTC with Z: what the form submits as `start`. */
  start: string;
  /** "Tuesday 14 March 2027" in the salon's zone. */
  date: string;
  /** "10:15 Greenwich Mean Time": the time always names its zone. */
  time: string;
  /** "Tuesday 14 March 2027, 10:15 Greenwich Mean Time". */
  label: string;
}

export interface BookingFormState {
  /** "unreachable": the Confirm never got an answer (offline); only the form itself sets it. */
  status: "idle" | "invalid" | "slot_taken" | "rate_limited" | "error" | "unreachable";
  message?: string;
  /** Keyed by the request schema's dotted paths: "customer.email", "start", … */
  fieldErrors?: Record<string, string[]>;
  alternatives?: AlternativeSlot[];
  /** What the customer typed, so a refused submission does not wipe the form. */
  values?: BookingFormValues;
  /** A replacement idempotency key, given only when the old one already made a different booking. */
  idempotencyKey?: string;
}

export const initialBookingFormState: BookingFormState = { status: "idle" };

/** Form field name → the request schema path its errors come back under. */
export const CUSTOMER_FIELDS = {
  name: "customer.name",
  email: "customer.email",
  phone: "customer.phone",
  note: "customer.note",
} as const;

/** What the server answers when a tab asks after the booking its idempotency key made. */
export type RecallAnswer = { status: "found"; href: string; reference: string } | { status: "none" } | { status: "unavailable" };

/** The sessionStorage key under which a tab remembers its idempotency key for one slot. */
export function bookingStorageKey(slot: { salonSlug: string; serviceId: string; stylistId: string; start: string }): string {
  return `booking-key:${slot.salonSlug}:${slot.serviceId}:${slot.stylistId || "any"}:${slot.start}`;
}
