import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { salonHours, salons, stylistOwnDays, timeOff, workingHours } from "@/db/schema";
import { findOwnedSalon, findOwnedStylist, type OwnerId } from "./owned";
import { invalidInput, NOT_FOUND, type SettingsResult } from "./results";
import {
  addTimeOffSchema,
  removeTimeOffSchema,
  setSalonHoursSchema,
  setWeeklyHoursSchema,
  type AddTimeOffInput,
  type RemoveTimeOffInput,
  type SetSalonHoursInput,
  type SetWeeklyHoursInput,
} from "./schemas";
import { findBookingsOnDays, findBookingsOutsideHours, strandedRefusal, type WeekChange } from "./stranded";
import { salonStretches, stylistWeeks } from "./weeks";

// The salon's opening hours, a stylist's weekly hours and days off. Availability reads these
// tables directly (through the effective_hours view), so a saved change shows in the customer's
// free times at once.

/**
 * Sets the stylist's hours on the given weekdays, all days in one transaction: their own
 * `stretches` (none: days off although the salon is open), or the salon's opening hours
 * (`source: "salon"`). Refused, with nothing written, while a future booking that fits today's
 * hours would fall outside the new ones, unless the owner keeps exactly those bookings.
 */
export async function setWeeklyHours(
  db: Database,
  ownerId: OwnerId,
  input: SetWeeklyHoursInput,
  options: { now?: Date } = {},
): Promise<SettingsResult<{ salonId: string; stylistId: string }>> {
  const parsed = setWeeklyHoursSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { stylistId, source, weekdays, stretches, keepBookingIds } = parsed.data;
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const owned = await findOwnedStylist(tx, ownerId, stylistId, { lock: true });
    if (!owned) return NOT_FOUND;
    const { salon, stylist } = owned;
    // Holds off a change of the salon's hours (setSalonHours locks the row FOR UPDATE) until this
    // commits, so neither checks its stranded bookings against the other's stale week.
    await tx.select({ id: salons.id }).from(salons).where(eq(salons.id, salon.id)).for("share");
    const current = (await stylistWeeks(tx, salon.id, stylist.id)).get(stylist.id)?.hours ?? [];
    const forDays =
      source === "own"
        ? weekdays.flatMap((weekday) => stretches.map((s) => ({ weekday, startTime: s.start, endTime: s.end })))
        : await salonStretches(tx, salon.id, weekdays);
    const proposed = [...current.filter((h) => !weekdays.includes(h.weekday)), ...forDays];
    const changes = new Map([[stylist.id, { current, proposed }]]);
    const found = await findBookingsOutsideHours(tx, { salon, weekdays, changes, now });
    const refusal = strandedRefusal("hours", found, keepBookingIds, salon);
    if (refusal) return refusal;

    const thoseDays = (table: typeof stylistOwnDays | typeof workingHours) =>
      and(eq(table.stylistId, stylist.id), inArray(table.weekday, weekdays));
    if (source === "salon") {
      // The day's own rows go with it (the foreign key cascades).
      await tx.delete(stylistOwnDays).where(thoseDays(stylistOwnDays));
    } else {
      await tx
        .insert(stylistOwnDays)
        .values(weekdays.map((weekday) => ({ stylistId: stylist.id, weekday })))
        .onConflictDoNothing();
      await tx.delete(workingHours).where(thoseDays(workingHours));
      if (forDays.length > 0) await tx.insert(workingHours).values(forDays.map((h) => ({ ...h, stylistId: stylist.id })));
    }
    return { status: "ok" as const, salonId: salon.id, stylistId: stylist.id };
  });
}

/**
 * Replaces the salon's opening stretches on the given weekdays with `stretches` (none: closed),
 * which every stylist who does not set those days themselves then works. Refused, with nothing
 * written, while a future booking of such a stylist that fits today's hours would fall outside
 * the new ones, unless the owner keeps exactly those bookings.
 */
export async function setSalonHours(
  db: Database,
  ownerId: OwnerId,
  input: SetSalonHoursInput,
  options: { now?: Date } = {},
): Promise<SettingsResult<{ salonId: string }>> {
  const parsed = setSalonHoursSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { salonId, weekdays, stretches, keepBookingIds } = parsed.data;
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    // The salon row's lock holds off bookings (they take a key-share lock on it) until commit.
    const salon = await findOwnedSalon(tx, ownerId, salonId, { lock: true });
    if (!salon) return NOT_FOUND;
    const forDays = weekdays.flatMap((weekday) => stretches.map((s) => ({ weekday, startTime: s.start, endTime: s.end })));
    const changes = new Map<string, WeekChange>();
    for (const [stylistId, week] of await stylistWeeks(tx, salon.id)) {
      const inherited = (weekday: number) => weekdays.includes(weekday) && !week.ownDays.has(weekday);
      const proposed = [...week.hours.filter((h) => !inherited(h.weekday)), ...forDays.filter((h) => inherited(h.weekday))];
      changes.set(stylistId, { current: week.hours, proposed });
    }
    const found = await findBookingsOutsideHours(tx, { salon, weekdays, changes, now });
    const refusal = strandedRefusal("salon_hours", found, keepBookingIds, salon);
    if (refusal) return refusal;

    await tx.delete(salonHours).where(and(eq(salonHours.salonId, salon.id), inArray(salonHours.weekday, weekdays)));
    if (forDays.length > 0) await tx.insert(salonHours).values(forDays.map((h) => ({ ...h, salonId: salon.id })));
    return { status: "ok" as const, salonId: salon.id };
  });
}

/** Adds whole days off (salon-local dates, inclusive) or hours off on one day; refused while it would strand future bookings. */
export async function addTimeOff(
  db: Database,
  ownerId: OwnerId,
  input: AddTimeOffInput,
  options: { now?: Date } = {},
): Promise<SettingsResult<{ salonId: string; stylistId: string; timeOffId: string }>> {
  const parsed = addTimeOffSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { stylistId, startDate, endDate, startTime, endTime, reason, keepBookingIds } = parsed.data;
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const owned = await findOwnedStylist(tx, ownerId, stylistId, { lock: true });
    if (!owned) return NOT_FOUND;
    const found = await findBookingsOnDays(tx, { salon: owned.salon, stylistId: owned.stylist.id, startDate, endDate, startTime, endTime, now });
    const refusal = strandedRefusal("time_off", found, keepBookingIds, owned.salon);
    if (refusal) return refusal;
    const [row] = await tx
      .insert(timeOff)
      .values({ stylistId: owned.stylist.id, startDate, endDate, startTime: startTime ?? null, endTime: endTime ?? null, reason })
      .returning({ id: timeOff.id });
    return { status: "ok" as const, salonId: owned.salon.id, stylistId: owned.stylist.id, timeOffId: row.id };
  });
}

/** Removes days off. Giving time back strands nothing, so there is no booking check. */
export async function removeTimeOff(
  db: Database,
  ownerId: OwnerId,
  input: RemoveTimeOffInput,
): Promise<SettingsResult<{ salonId: string; stylistId: string }>> {
  const parsed = removeTimeOffSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: timeOff.id, stylistId: timeOff.stylistId })
      .from(timeOff)
      .where(eq(timeOff.id, parsed.data.timeOffId))
      .limit(1);
    const owned = row && (await findOwnedStylist(tx, ownerId, row.stylistId, { lock: true }));
    if (!owned) return NOT_FOUND;
    await tx.delete(timeOff).where(and(eq(timeOff.id, row.id), eq(timeOff.stylistId, owned.stylist.id)));
    return { status: "ok" as const, salonId: owned.salon.id, stylistId: owned.stylist.id };
  });
}
