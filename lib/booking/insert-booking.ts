import type { Database } from "@/db/client";
import { bookingManageTokens, bookings, type Booking } from "@/db/schema";
import { appendBookingEvent, type BookingEventContext } from "./outbox-event";
import { lockStylistCalendar } from "./stylist-lock";

export type NewBookingValues = Omit<typeof bookings.$inferInsert, "id" | "status" | "version" | "createdAt" | "updatedAt">;

/**
 * The only writer of new bookings: inserts the booking and its booking.created outbox event in one
 * transaction (a savepoint when `db` is already a transaction), so neither can exist without the
 * other. Constraint violations (23P01 overlap, 23505 duplicate key or reference) propagate to the
 * caller after the rollback. A manage token's hash, when given, commits with them too.
 */
export async function insertBookingWithEvent(
  db: Database,
  values: NewBookingValues,
  context: BookingEventContext,
  options: { manageTokenHash?: string } = {},
): Promise<Booking> {
  return db.transaction(async (tx) => {
    await lockStylistCalendar(tx, values.stylistId);
    const [booking] = await tx.insert(bookings).values(values).returning();
    if (options.manageTokenHash) {
      await tx.insert(bookingManageTokens).values({ tokenHash: options.manageTokenHash, bookingId: booking.id });
    }
    await appendBookingEvent(tx, { eventType: "booking.created", booking, context });
    return booking;
  });
}
