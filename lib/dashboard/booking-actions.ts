import { and, eq, inArray, lte, sql } from "drizzle-orm";
import type { OwnerActor } from "@/lib/booking/actor";
import type { Database } from "@/db/client";
import { bookings, type BookingStatus } from "@/db/schema";
import { isUuid } from "@/lib/uuid";
import { cancelBooking, type CancelBookingResult } from "@/lib/booking/cancel-booking";
import type { BookingOutcome } from "./schemas";

// What an owner may do to a booking, as functions of (db, actor, input): the actor is the owner
// with their salons (the owner door builds it from the session); the server actions are thin
// wrappers, and these are what the authorisation tests drive with other owners' scopes.

/**
 * The owner cancels a booking at one of their salons. The customer is told through the outbox:
 * cancelBooking writes booking.cancelled in the same transaction. Another owner's booking is
 * not_found, exactly like a booking that does not exist.
 */
export async function cancelOwnerBooking(
  db: Database,
  actor: OwnerActor,
  input: { bookingId: string },
  options: { now?: Date } = {},
): Promise<CancelBookingResult> {
  if (actor.salonIds.length === 0 || !isUuid(input.bookingId)) return { status: "not_found" };
  return cancelBooking(db, { actor, bookingId: input.bookingId, now: options.now });
}

export type MarkOutcomeResult =
  | { status: "marked"; bookingStatus: BookingOutcome }
  | { status: "not_found" }
  /** Already cancelled, completed or a no-show. */
  | { status: "not_confirmed"; current: BookingStatus }
  /** Its start is still ahead: nobody can have come, or failed to, yet. */
  | { status: "not_started" };

/**
 * Marks a confirmed booking whose start has passed as completed or a no-show, in one UPDATE that
 * carries every condition, the owner's salons included; no outbox event (the customer is not told).
 */
export async function markBookingOutcome(
  db: Database,
  actor: OwnerActor,
  input: { bookingId: string; outcome: BookingOutcome },
  options: { now?: Date } = {},
): Promise<MarkOutcomeResult> {
  if (actor.salonIds.length === 0 || !isUuid(input.bookingId)) return { status: "not_found" };
  const now = options.now ?? new Date();
  const ownersSalons = actor.salonIds;
  const changed = await db
    .update(bookings)
    .set({ status: input.outcome, version: sql`${bookings.version} + 1`, updatedAt: now })
    .where(
      and(
        eq(bookings.id, input.bookingId),
        inArray(bookings.salonId, ownersSalons),
        eq(bookings.status, "confirmed"),
        lte(bookings.startsAt, now),
      ),
    )
    .returning({ id: bookings.id });
  if (changed.length === 1) return { status: "marked", bookingStatus: input.outcome };

  // Nothing changed: say why, still only about the owner's own bookings.
  const [current] = await db
    .select({ status: bookings.status, startsAt: bookings.startsAt })
    .from(bookings)
    .where(and(eq(bookings.id, input.bookingId), inArray(bookings.salonId, ownersSalons)))
    .limit(1);
  if (!current) return { status: "not_found" };
  if (current.status !== "confirmed") return { status: "not_confirmed", current: current.status };
  return { status: "not_started" };
}
