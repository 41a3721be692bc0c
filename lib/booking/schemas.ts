import { z } from "zod";
import { cleanMultilineText, oneLineText } from "@/lib/text/plain-text";

// One zod schema per input, shared by the booking form, the server action, the JSON API and the
// outbox event payloads. Every string is size-capped.

export const uuidSchema = z.string().uuid({ message: "Must be a valid id" });

export const slugSchema = z
  .string()
  .min(2, "Slug must be at least 2 characters")
  .max(60, "Slug must be at most 60 characters")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lower-case letters, digits and single hyphens");

export const customerSchema = z.object({
  name: oneLineText("Name", { min: 1, max: 120, required: "Please enter your name" }),
  email: z.string().trim().max(254, "Email must be at most 254 characters").email("Please enter a valid email address"),
  phone: z
    .string()
    .trim()
    .max(40, "Phone must be at most 40 characters")
    .regex(/^[+0-9 ().-]*$/, "Phone may contain digits, spaces and + ( ) . - only")
    .optional()
    .transform((v) => (v ? v : undefined)),
  // Line breaks are kept; other control characters are dropped before the length is checked.
  note: z
    .string()
    .transform(cleanMultilineText)
    .pipe(z.string().trim().max(1000, "Note must be at most 1000 characters"))
    .optional()
    .transform((v) => (v ? v : undefined)),
});
export type CustomerInput = z.infer<typeof customerSchema>;

// The instants and dates anything here computes with: the years 0001 to 9999, with a day to spare
// at each end so the date is in range in every time zone (Postgres has no year 0; past 9999 an ISO
// string gains a sign and six digits).
const FIRST_INSTANT_MS = Date.parse("0001-01-02T00:00:00Z");
const LAST_INSTANT_MS = Date.parse("9999-12-30T23:59:59Z");

/** An instant with an explicit offset, e.g. 2027-03-14T14:00:00Z or 2027-03-14T10:00:00-04:00. */
export const instantSchema = z.iso
  .datetime({ offset: true, message: "Must be an ISO 8601 date-time with a time zone" })
  .refine((v) => {
    const ms = Date.parse(v);
    // Not a date-time at all is the format check's to report.
    return Number.isNaN(ms) || (ms >= FIRST_INSTANT_MS && ms <= LAST_INSTANT_MS);
  }, "Must be a date-time in the years 0001 to 9999");

export const bookingRequestSchema = z.object({
  salon: slugSchema,
  serviceId: uuidSchema,
  stylistId: uuidSchema.optional(),
  start: instantSchema,
  customer: customerSchema,
});
/** A customer's booking request as validated (email required). */
export type CustomerBookingRequest = z.infer<typeof bookingRequestSchema>;

/**
 * A booking the salon's owner makes from the calendar (a walk-in, a phone call): the customer's
 * email is optional. Without one, nobody is emailed a confirmation.
 */
export const ownerBookingRequestSchema = bookingRequestSchema.extend({
  customer: customerSchema.extend({
    email: z
      .string()
      .trim()
      .max(254, "Email must be at most 254 characters")
      .transform((v) => (v === "" ? undefined : v))
      .pipe(z.string().email("Please enter a valid email address, or leave it empty").optional())
      .optional(),
  }),
});

/** A booking request as validated: a customer's (email required) or an owner's (email optional). */
export type BookingRequest = z.infer<typeof ownerBookingRequestSchema>;
/** A booking request before parsing (optional fields may be left out); what createBooking accepts. */
export type BookingRequestInput = z.input<typeof ownerBookingRequestSchema>;

/**
 * Moving an existing booking (the manage page's picker, POST /api/v1/manage/{token}/reschedule):
 * the new start, and optionally another stylist of the same salon (default: the current one).
 */
export const rescheduleRequestSchema = z.object({
  start: instantSchema,
  stylistId: uuidSchema.optional(),
});
export type RescheduleRequest = z.infer<typeof rescheduleRequestSchema>;

export const idempotencyKeySchema = z
  .string()
  .min(8, "Idempotency-Key must be 8 to 200 characters")
  .max(200, "Idempotency-Key must be 8 to 200 characters")
  .regex(/^[A-Za-z0-9_.:-]+$/, "Idempotency-Key may contain letters, digits and _ . : - only");

/** How far ahead customers may book when the owner has not said (salons.booking_horizon_days). */
export const DEFAULT_BOOKING_HORIZON_DAYS = 90;
/** The most an owner may open bookings ahead; anything later is refused before any lookup. */
export const MAX_BOOKING_HORIZON_DAYS = 730;

/** The longest range one availability query may cover, in days (inclusive): bounds the work per request. */
export const MAX_AVAILABILITY_DAYS = 31;

function inclusiveDays(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** A calendar date, YYYY-MM-DD, in the years 0001 to 9999 (zod's ISO date also takes year 0000). */
export const dateSchema = z.iso
  .date({ message: "Must be a date, YYYY-MM-DD" })
  .refine((d) => !d.startsWith("0000"), "Must be a date in the years 0001 to 9999");

export const availabilityQuerySchema = z
  .object({
    serviceId: uuidSchema,
    stylistId: uuidSchema.optional(),
    from: dateSchema,
    to: dateSchema.optional(),
  })
  .refine((q) => !q.to || q.to >= q.from, { path: ["to"], message: "to must not be before from" })
  .refine((q) => !q.to || q.to < q.from || inclusiveDays(q.from, q.to) <= MAX_AVAILABILITY_DAYS, {
    path: ["to"],
    message: `The range may cover at most ${MAX_AVAILABILITY_DAYS} days`,
  });
export type AvailabilityQuery = z.infer<typeof availabilityQuerySchema>;

/** Field errors keyed by dotted path ("customer.email"), the shape every 400 and form state uses. */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}
