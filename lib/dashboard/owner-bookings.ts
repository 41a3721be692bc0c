import { and, asc, eq, inArray } from "drizzle-orm";
import { DateTime } from "luxon";
import type { Database } from "@/db/client";
import { bookings, salons, services, stylists } from "@/db/schema";
import { computeSlots, type Slot } from "@/lib/availability/compute-slots";
import { loadSchedule, type LoadedSchedule } from "@/lib/availability/load-schedule";
import type { OwnerActor } from "@/lib/booking/actor";
import { UnknownEntityError } from "@/lib/booking/errors";
import { createBooking, type CreateBookingResult } from "@/lib/booking/create-booking";
import { rulesFor } from "@/lib/booking/owner-rules";
import { rescheduleBooking, withoutOwnInterval, type RescheduleBookingResult } from "@/lib/booking/reschedule-booking";
import { isUuid } from "@/lib/uuid";
import type { MoveBookingInput, WalkInInput } from "./owner-booking-schemas";

// The owner's own bookings from the dashboard: a walk-in or a phone booking, and moving a booking.
// Both go through the booking core with the owner as actor, so the overlap guard, idempotency, the
// outbox event and the customer's notifications are the customer path's own.

/** The instant a salon-local date and wall-clock time name, or undefined if that time does not exist there. */
export function salonInstant(date: string, time: string, timeZone: string): Date | undefined {
  const local = DateTime.fromISO(`${date}T${time}`, { zone: timeZone });
  // A time skipped by a clock change comes back shifted; refuse it rather than book another time.
  if (!local.isValid || local.toFormat("yyyy-MM-dd'T'HH:mm") !== `${date}T${time}`) return undefined;
  return local.toJSDate();
}

/** Books a walk-in or phone customer at one of the owner's salons (email optional: then no customer mail). */
export async function createOwnerBooking(
  db: Database,
  actor: OwnerActor,
  input: WalkInInput,
  options: { now?: Date } = {},
): Promise<CreateBookingResult | { status: "not_found" }> {
  if (!actor.salonIds.includes(input.salonId)) return { status: "not_found" };
  const [salon] = await db
    .select({ slug: salons.slug, timeZone: salons.timeZone })
    .from(salons)
    .where(and(eq(salons.id, input.salonId), inArray(salons.id, actor.salonIds)))
    .limit(1);
  if (!salon) return { status: "not_found" };
  const start = salonInstant(input.date, input.time, salon.timeZone);
  if (!start) return { status: "invalid", fieldErrors: { time: ["That time does not exist on this day (the clocks change)."] } };
  const result = await createBooking(
    db,
    {
      salon: salon.slug,
      serviceId: input.serviceId,
      stylistId: input.stylistId,
      start: start.toISOString(),
      customer: { name: input.name, email: input.email, phone: input.phone, note: input.note },
    },
    { idempotencyKey: input.idempotencyKey, actor, now: options.now },
  );
  return result.status === "invalid" ? { status: "invalid", fieldErrors: formFieldErrors(result.fieldErrors) } : result;
}

/** Moves one of the owner's bookings to a new time and/or stylist, through the customer's reschedule core. */
export async function moveOwnerBooking(
  db: Database,
  actor: OwnerActor,
  input: MoveBookingInput,
  options: { now?: Date } = {},
): Promise<RescheduleBookingResult> {
  return rescheduleBooking(db, {
    actor,
    bookingId: input.bookingId,
    start: new Date(input.start),
    stylistId: input.stylistId,
    now: options.now,
  });
}

export interface MoveChoice {
  start: Date;
  local: string;
  stylist: { id: string; name: string };
}

/**
 * The free times one salon-local day offers for moving one of the owner's bookings, for every
 * active stylist, under the owner's rules (no minimum notice); its own current interval does not
 * count against it, and its current time and stylist are left out. Empty for a booking that is not
 * the owner's. A read for the picker: the move checks again under the row lock.
 */
export async function listOwnerMoveChoices(
  db: Database,
  actor: OwnerActor,
  bookingId: string,
  date: string,
  options: { now?: Date } = {},
): Promise<MoveChoice[]> {
  if (!isUuid(bookingId) || actor.salonIds.length === 0) return [];
  const [row] = await db
    .select({ booking: bookings, salon: salons })
    .from(bookings)
    .innerJoin(salons, eq(salons.id, bookings.salonId))
    .where(and(eq(bookings.id, bookingId), inArray(bookings.salonId, actor.salonIds)))
    .limit(1);
  if (!row || row.booking.status !== "confirmed") return [];
  const { booking, salon } = row;
  let schedule: LoadedSchedule;
  try {
    schedule = await loadSchedule(db, salon, { serviceId: booking.serviceId, from: date, to: date });
  } catch (error) {
    // The booking's service is no longer offered: there is nothing to move it to.
    if (error instanceof UnknownEntityError) return [];
    throw error;
  }
  withoutOwnInterval(schedule, { booking });
  const slots: Slot[] = computeSlots({ ...schedule.input, rules: rulesFor(actor, schedule.input.rules), now: options.now ?? new Date() }, date, date);
  const choices: MoveChoice[] = [];
  for (const slot of slots) {
    for (const stylistId of slot.stylistIds) {
      if (stylistId === booking.stylistId && slot.start.getTime() === booking.startsAt.getTime()) continue;
      choices.push({ start: slot.start, local: slot.local, stylist: { id: stylistId, name: schedule.stylistNames.get(stylistId) ?? "" } });
    }
  }
  return choices.sort((a, b) => a.start.getTime() - b.start.getTime() || a.stylist.name.localeCompare(b.stylist.name));
}

/** A salon's active services and stylists: what the walk-in form offers. */
export async function walkInOptions(db: Database, actor: OwnerActor, salonId: string) {
  if (!actor.salonIds.includes(salonId)) return undefined;
  const [serviceRows, stylistRows] = await Promise.all([
    db
      .select({ id: services.id, name: services.name, durationMinutes: services.durationMinutes })
      .from(services)
      .where(and(eq(services.salonId, salonId), eq(services.active, true)))
      .orderBy(asc(services.name)),
    db
      .select({ id: stylists.id, name: stylists.name })
      .from(stylists)
      .where(and(eq(stylists.salonId, salonId), eq(stylists.active, true)))
      .orderBy(asc(stylists.createdAt), asc(stylists.name)),
  ]);
  return { services: serviceRows, stylists: stylistRows };
}

/** The booking core names fields as its request does (customer.name, start); the form's fields are flat. */
function formFieldErrors(errors: Record<string, string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(errors)) {
    const field = key === "start" ? "time" : key.startsWith("customer.") ? key.slice("customer.".length) : key === "salon" ? "salonId" : key;
    (out[field] ??= []).push(...messages);
  }
  return out;
}
