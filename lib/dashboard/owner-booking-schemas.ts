import { z } from "zod";
import { dateSchema, idempotencyKeySchema, instantSchema, ownerBookingRequestSchema, uuidSchema } from "@/lib/booking/schemas";

// The owner's booking forms: a walk-in (or phone) booking, and moving a booking.

const customer = ownerBookingRequestSchema.shape.customer.shape;

/** "Add booking" on the calendar: the time as the salon's wall clock, the customer's email optional. */
export const walkInSchema = z.object({
  salonId: uuidSchema,
  serviceId: uuidSchema,
  stylistId: uuidSchema,
  date: dateSchema,
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Please enter a time, HH:MM"),
  name: customer.name,
  email: customer.email,
  phone: customer.phone,
  note: customer.note,
  /** Minted with the form: a double submit (or a retry after a lost answer) makes one booking. */
  idempotencyKey: idempotencyKeySchema,
});
export type WalkInInput = z.output<typeof walkInSchema>;

/** One choice of the move picker: the new start (UTC) and the stylist, as one value. */
export const MOVE_CHOICE_SEPARATOR = "|";

// Where a move from the calendar (a drag) goes back to: the dashboard with its own query, never
// another page or site.
const calendarReturnSchema = z
  .string()
  .max(300)
  .regex(/^\/dashboard(\?[A-Za-z0-9=&%._-]*)?$/, "Not a calendar address");

export const moveBookingSchema = z
  .object({
    bookingId: uuidSchema,
    choice: z.string({ message: "Please pick a new time" }).max(200).min(1, "Please pick a new time"),
    /** Absent: the booking's page, as the picker does. */
    returnTo: calendarReturnSchema.optional(),
  })
  .transform((v, ctx) => {
    const [start, stylistId, ...rest] = v.choice.split(MOVE_CHOICE_SEPARATOR);
    const startOk = instantSchema.safeParse(start).success;
    const stylistOk = uuidSchema.safeParse(stylistId).success;
    if (!startOk || !stylistOk || rest.length > 0) {
      ctx.addIssue({ code: "custom", path: ["choice"], message: "Please pick a new time from the list" });
      return z.NEVER;
    }
    return { bookingId: v.bookingId, start, stylistId, returnTo: v.returnTo };
  });
export type MoveBookingInput = z.output<typeof moveBookingSchema>;

/** The value of one picker choice. */
export function moveChoiceValue(start: Date, stylistId: string): string {
  return `${start.toISOString()}${MOVE_CHOICE_SEPARATOR}${stylistId}`;
}
