import { z } from "zod";
import { dateSchema, uuidSchema } from "@/lib/booking/schemas";

// One zod schema per dashboard input: the page's query string and each owner action's form.

export const CALENDAR_VIEWS = ["day", "week"] as const;
export type CalendarView = (typeof CALENDAR_VIEWS)[number];

/** A calendar date the calendar can show: a real date, and not absurdly far from now. */
export const calendarDateSchema = dateSchema.refine((d) => d >= "2000-01-01" && d <= "2199-12-31", {
  message: "Date must be between 2000 and 2199",
});

/** `/dashboard?salon=&view=&date=`: each part optional; the page fills in the owner's first salon and today. */
export const dashboardQuerySchema = z.object({
  salon: uuidSchema.optional(),
  view: z.enum(CALENDAR_VIEWS, { message: "View must be day or week" }).default("day"),
  date: calendarDateSchema.optional(),
});
export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;

/** `/dashboard/health?salon=`. */
export const healthQuerySchema = z.object({ salon: uuidSchema.optional() });

/** The booking an owner acts on (cancel). */
export const bookingActionSchema = z.object({ bookingId: uuidSchema });

export const BOOKING_OUTCOMES = ["completed", "no_show"] as const;
export type BookingOutcome = (typeof BOOKING_OUTCOMES)[number];

/** Mark completed / Mark no-show. */
export const bookingOutcomeSchema = z.object({
  bookingId: uuidSchema,
  outcome: z.enum(BOOKING_OUTCOMES, { message: "Outcome must be completed or no_show" }),
});

/** The channels a delivery can be retried on. */
export const RETRYABLE_CHANNELS = ["owner-email", "customer-email", "dashboard"] as const;

/** Retry of a given-up delivery (one event on one channel), from the salon's delivery health page. */
export const retryDeliverySchema = z.object({
  eventId: z.coerce
    .number({ message: "Must be an event id" })
    .int("Must be an event id")
    .positive("Must be an event id")
    .max(Number.MAX_SAFE_INTEGER, "Must be an event id"),
  channel: z.enum(RETRYABLE_CHANNELS, { message: "Unknown channel" }),
  salonId: uuidSchema,
});
