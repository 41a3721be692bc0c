import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { outbox, salons, type Booking } from "@/db/schema";
import { BOOKING_REMINDER_EVENT, type BookingEventPayload } from "./events";
import { bookingEventPayload, type BookingEventContext } from "./outbox-event";
import { plannedReminders } from "./reminders";

// A booking's reminders are outbox events of its own aggregate, scheduled for their due time
// (start − offset, lib/booking/reminders.ts) and expiring at the start: the relay never sends one
// late, it records it given up ("expired"). They are written, moved and removed in the transaction
// that makes, moves or cancels the booking, so they can never disagree with it for long. Only the
// customer-email channel delivers them (lib/notifications/channels).

export interface ReminderEvent {
  offsetMinutes: number;
  dueAt: Date;
  payload: BookingEventPayload;
}

/**
 * The reminders a booking as it now stands gets, at the salon's offsets, made at `now`: none for
 * an offset whose time has already come, none for a booking that is not confirmed or has no
 * customer address.
 */
export function reminderEvents(booking: Booking, context: BookingEventContext, offsetsMinutes: readonly number[], now: Date): ReminderEvent[] {
  if (booking.status !== "confirmed" || !booking.customerEmail) return [];
  return plannedReminders(booking.startsAt, [...offsetsMinutes], context.salon.timeZone, now).map(({ offsetMinutes, dueAt }) => ({
    offsetMinutes,
    dueAt,
    // Sent to the customer, on the booking as they made it: the owner's channels skip reminders.
    payload: bookingEventPayload({ eventType: BOOKING_REMINDER_EVENT, booking, context, reminderOffsetMinutes: offsetMinutes, actor: "customer" }),
  }));
}

/** Writes the booking's reminders in the caller's transaction; returns how many. */
export async function scheduleReminders(
  tx: Database,
  booking: Booking,
  context: BookingEventContext,
  offsetsMinutes: readonly number[],
  now: Date,
): Promise<number> {
  const events = reminderEvents(booking, context, offsetsMinutes, now);
  if (events.length === 0) return 0;
  await tx.insert(outbox).values(
    events.map((e) => ({
      aggregateType: "booking",
      aggregateId: booking.id,
      salonId: booking.salonId,
      eventType: BOOKING_REMINDER_EVENT,
      payload: e.payload,
      nextAttemptAt: e.dueAt,
      expiresAt: booking.startsAt,
    })),
  );
  return events.length;
}

/**
 * Removes the booking's reminders that no relay has taken yet, in the caller's transaction. One a
 * relay already holds is left to the customer-email channel, which skips a reminder whose booking
 * has changed since (its sequence is not the booking's version).
 */
export async function dropReminders(tx: Database, bookingId: string): Promise<number> {
  const dropped = await tx
    .delete(outbox)
    .where(and(eq(outbox.aggregateId, bookingId), eq(outbox.eventType, BOOKING_REMINDER_EVENT), eq(outbox.status, "pending")))
    .returning({ id: outbox.id });
  return dropped.length;
}

/** A moved booking's reminders: the old ones removed, new ones for its new time (the salon's offsets now). */
export async function moveReminders(
  tx: Database,
  booking: Booking,
  context: BookingEventContext,
  offsetsMinutes: readonly number[],
  now: Date,
): Promise<number> {
  await dropReminders(tx, booking.id);
  return scheduleReminders(tx, booking, context, offsetsMinutes, now);
}

/** A salon's reminder offsets (what the booking form tells customers); empty for an unknown salon. */
export async function salonReminderOffsets(db: Database, salonId: string): Promise<number[]> {
  const [row] = await db.select({ offsets: salons.reminderOffsetsMinutes }).from(salons).where(eq(salons.id, salonId)).limit(1);
  return row?.offsets ?? [];
}
