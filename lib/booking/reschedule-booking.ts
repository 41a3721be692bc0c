import { eq, sql } from "drizzle-orm";
import { DEFAULT_LOCALE } from "@/lib/salons/format";
import type { Database } from "@/db/client";
import { bookings, type Salon } from "@/db/schema";
import { checkStart, unavailableMessage } from "@/lib/availability/check-start";
import type { Slot } from "@/lib/availability/compute-slots";
import { findNearestSlots } from "@/lib/availability/find-nearest-slots";
import { findSalonById, loadSchedule, type LoadedSchedule } from "@/lib/availability/load-schedule";
import { localDate } from "@/lib/availability/wall-clock";
import { PG_EXCLUSION_VIOLATION, pgErrorCode, retryOnDeadlock } from "@/lib/db-errors";
import { lockStylistCalendar } from "./stylist-lock";
import { nudgeRelay } from "@/lib/outbox/nudge";
import { toBookingView, type BookingView } from "./booking-view";
import { UnknownEntityError } from "./errors";
import { isInsideCutoff } from "./cutoff";
import { lockBookingForChange, type LockedBooking } from "./lock-booking";
import { logBookingError } from "./log";
import type { BookingTarget } from "./actor";
import { resolveTarget } from "./find-target";
import { findBookingIdByManageToken } from "./manage-token";
import { rulesFor } from "./owner-rules";
import { appendBookingEvent, bookingTimes } from "./outbox-event";
import { moveReminders } from "./reminder-events";
import { fieldErrors, MAX_BOOKING_HORIZON_DAYS, rescheduleRequestSchema } from "./schemas";

export type RescheduleBookingResult =
  | { status: "rescheduled"; booking: BookingView }
  | { status: "not_found" }
  | { status: "cancelled" }
  /** Completed or marked as a no-show. */
  | { status: "not_active" }
  /** Inside the salon's cancellation cutoff before the CURRENT start. */
  | { status: "too_late"; cutoffMinutes: number }
  | { status: "invalid"; fieldErrors: Record<string, string[]> }
  /** Someone else holds the new slot; up to five nearest free slots instead. */
  /** The alternatives are labelled in the salon's zone. */
  | { status: "slot_taken"; alternatives: Slot[]; timeZone: string; locale: string };

export type RescheduleBookingInput = BookingTarget & {
  start: Date;
  /** Another stylist of the same salon; default the booking's current stylist. */
  stylistId?: string;
  now?: Date;
};

/** A target resolved to its booking (and, for an owner, the salons it must be in). */
type ResolvedMove = RescheduleBookingInput & { bookingId: string; salonIds?: string[] };

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** What the transaction decided; "rescheduled" also names the salon whose event it wrote (for the nudge). */
type Decision =
  | Exclude<RescheduleBookingResult, { status: "rescheduled" }>
  | { status: "rescheduled"; booking: BookingView; salonId: string }
  | { status: "taken"; salon: Salon; serviceId: string; stylistId: string };

/**
 * Moves a confirmed booking to another offered, free slot and writes booking.rescheduled (with the
 * old time and stylist) in one transaction. The booking's own current interval does not count
 * against the move; the exclusion constraint still decides any race, so a lost one answers
 * slot_taken with nothing written.
 */
export async function rescheduleBooking(db: Database, input: RescheduleBookingInput): Promise<RescheduleBookingResult> {
  const now = input.now ?? new Date();
  if (Number.isNaN(input.start.getTime())) return { status: "invalid", fieldErrors: { start: ["Must be a valid time"] } };
  // Refused before the booking is locked; the salon's own horizon is checked with its schedule below.
  if (input.start.getTime() > now.getTime() + MAX_BOOKING_HORIZON_DAYS * DAY_MS) {
    return { status: "invalid", fieldErrors: { start: [unavailableMessage("too_far", { minNoticeMinutes: 0, anyStylist: false })] } };
  }
  const target = await resolveTarget(db, input);
  if (!target) return { status: "not_found" };
  const move: ResolvedMove = { ...input, ...target };
  let decision: Decision;
  try {
    decision = await retryOnDeadlock(() => db.transaction((tx) => moveBooking(tx, move, now)));
  } catch (error) {
    if (pgErrorCode(error) !== PG_EXCLUSION_VIOLATION) {
      logBookingError("booking reschedule failed", error, { bookingId: move.bookingId, start: input.start.toISOString() });
      throw error;
    }
    // The transaction rolled back: find what to offer instead, outside it.
    const [row] = await db
      .select({ salonId: bookings.salonId, serviceId: bookings.serviceId, stylistId: bookings.stylistId })
      .from(bookings)
      .where(eq(bookings.id, move.bookingId));
    const salon = row && (await findSalonById(db, row.salonId));
    if (!row || !salon) return { status: "slot_taken", alternatives: [], timeZone: "UTC", locale: DEFAULT_LOCALE };
    decision = { status: "taken", salon, serviceId: row.serviceId, stylistId: input.stylistId ?? row.stylistId };
  }
  if (decision.status === "taken") {
    const alternatives = await findNearestSlots(db, decision.salon, {
      serviceId: decision.serviceId,
      stylistId: decision.stylistId,
      around: input.start,
      now,
    });
    return { status: "slot_taken", alternatives, timeZone: decision.salon.timeZone, locale: decision.salon.locale };
  }
  if (decision.status === "rescheduled") {
    nudgeRelay(decision.salonId);
    return { status: "rescheduled", booking: decision.booking };
  }
  return decision;
}

/** The customer's reschedule: token → booking, then the validated request (zod) → rescheduleBooking. */
export async function rescheduleBookingByToken(
  db: Database,
  token: unknown,
  request: unknown,
  options: { now?: Date } = {},
): Promise<RescheduleBookingResult> {
  if (typeof token !== "string" || !(await findBookingIdByManageToken(db, token))) return { status: "not_found" };
  const parsed = rescheduleRequestSchema.safeParse(request);
  if (!parsed.success) return { status: "invalid", fieldErrors: fieldErrors(parsed.error) };
  return rescheduleBooking(db, { actor: { by: "customer", token }, start: new Date(parsed.data.start), stylistId: parsed.data.stylistId, now: options.now });
}

async function moveBooking(tx: Database, input: ResolvedMove, now: Date): Promise<Decision> {
  const locked = await lockBookingForChange(tx, input.bookingId, input.salonIds);
  if (!locked) return { status: "not_found" };
  const { booking, salon } = locked;
  const byOwner = input.actor.by === "owner";
  if (booking.status === "cancelled") return { status: "cancelled" };
  if (booking.status !== "confirmed") return { status: "not_active" };
  // The cutoff holds customers to the salon's rules; the salon itself may move a booking up to its start.
  if (!byOwner && isInsideCutoff(booking.startsAt, salon.cancellationCutoffMinutes, now)) {
    return { status: "too_late", cutoffMinutes: salon.cancellationCutoffMinutes };
  }
  const stylistId = input.stylistId ?? booking.stylistId;
  if (stylistId === booking.stylistId && input.start.getTime() === booking.startsAt.getTime()) {
    const message = byOwner ? "The booking is at this time already. Please pick another one." : "That is already your time. Please pick another one.";
    return { status: "invalid", fieldErrors: { start: [message] } };
  }

  let schedule: LoadedSchedule;
  try {
    const date = localDate(input.start, salon.timeZone);
    schedule = await loadSchedule(tx, salon, { serviceId: booking.serviceId, stylistId, from: date, to: date });
  } catch (error) {
    if (error instanceof UnknownEntityError) {
      const message = error.field === "serviceId" ? "This service is no longer offered; please contact the salon." : error.message;
      return { status: "invalid", fieldErrors: { [error.field === "serviceId" ? "start" : error.field]: [message] } };
    }
    throw error;
  }
  withoutOwnInterval(schedule, locked);

  const check = checkStart({ ...schedule.input, rules: rulesFor(input.actor, schedule.input.rules), now }, input.start);
  if (check.kind === "unavailable") {
    const message = unavailableMessage(check.reason, {
      minNoticeMinutes: salon.minNoticeMinutes,
      anyStylist: false,
      bookingHorizonDays: salon.bookingHorizonDays,
    });
    return { status: "invalid", fieldErrors: { start: [message] } };
  }
  if (!check.free.includes(stylistId)) return { status: "taken", salon, serviceId: booking.serviceId, stylistId };

  const endsAt = new Date(input.start.getTime() + schedule.service.durationMinutes * MINUTE_MS);
  await lockStylistCalendar(tx, stylistId);
  const [moved] = await tx
    .update(bookings)
    .set({
      startsAt: input.start,
      endsAt,
      blockedUntil: new Date(endsAt.getTime() + salon.bufferMinutes * MINUTE_MS),
      stylistId,
      version: sql`${bookings.version} + 1`,
      updatedAt: now,
    })
    .where(eq(bookings.id, booking.id))
    .returning();
  const context = {
    salon,
    service: schedule.service,
    stylist: { id: stylistId, name: schedule.stylistNames.get(stylistId) ?? locked.stylist.name },
  };
  await appendBookingEvent(tx, {
    eventType: "booking.rescheduled",
    booking: moved,
    context,
    previous: { ...bookingTimes(booking.startsAt, booking.endsAt, salon.timeZone), stylist: locked.stylist },
    actor: input.actor.by,
  });
  await moveReminders(tx, moved, context, salon.reminderOffsetsMinutes, now);
  return { status: "rescheduled", booking: toBookingView(moved, salon), salonId: salon.id };
}

/** The booking must not stand in its own way: drop its current interval from its stylist's busy list. */
export function withoutOwnInterval(schedule: LoadedSchedule, { booking }: Pick<LockedBooking, "booking">): void {
  const own = schedule.input.stylists.find((s) => s.stylistId === booking.stylistId);
  if (!own) return;
  // The exclusion constraint allows only one active booking of a stylist on exactly this interval: ours.
  own.busy = own.busy.filter(
    (b) => !(b.start.getTime() === booking.startsAt.getTime() && b.end.getTime() === booking.blockedUntil.getTime()),
  );
}
