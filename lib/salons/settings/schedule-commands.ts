import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { timeOff, workingHours } from "@/db/schema";
import { findOwnedStylist, type OwnerId } from "./owned";
import { invalidInput, NOT_FOUND, type SettingsResult } from "./results";
import {
  addTimeOffSchema,
  removeTimeOffSchema,
  setWeeklyHoursSchema,
  type AddTimeOffInput,
  type RemoveTimeOffInput,
  type SetWeeklyHoursInput,
} from "./schemas";
import { findBookingsOnDays, findBookingsOutsideHours, strandedRefusal } from "./stranded";

// A stylist's weekly hours and days off. Availability reads these tables directly, so a saved
// change shows in the customer's free times at once.

/**
 * Replaces the stylist's working stretches on the given weekdays with `stretches` (none: days
 * off), all days in one transaction. Refused, with nothing written, while a future booking that
 * fits today's hours would fall outside the new ones, unless the owner keeps exactly those bookings.
 */
export async function setWeeklyHours(
  db: Database,
  ownerId: OwnerId,
  input: SetWeeklyHoursInput,
  options: { now?: Date } = {},
): Promise<SettingsResult<{ salonId: string; stylistId: string }>> {
  const parsed = setWeeklyHoursSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { stylistId, weekdays, stretches, keepBookingIds } = parsed.data;
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const owned = await findOwnedStylist(tx, ownerId, stylistId, { lock: true });
    if (!owned) return NOT_FOUND;
    const current = await tx
      .select({ weekday: workingHours.weekday, startTime: workingHours.startTime, endTime: workingHours.endTime })
      .from(workingHours)
      .where(eq(workingHours.stylistId, owned.stylist.id));
    const proposedForDays = weekdays.flatMap((weekday) => stretches.map((s) => ({ weekday, startTime: s.start, endTime: s.end })));
    const proposed = [...current.filter((h) => !weekdays.includes(h.weekday)), ...proposedForDays];
    const found = await findBookingsOutsideHours(tx, { salon: owned.salon, stylistId: owned.stylist.id, weekdays, current, proposed, now });
    const refusal = strandedRefusal("hours", found, keepBookingIds, owned.salon.timeZone);
    if (refusal) return refusal;

    await tx.delete(workingHours).where(and(eq(workingHours.stylistId, owned.stylist.id), inArray(workingHours.weekday, weekdays)));
    if (proposedForDays.length > 0) {
      await tx.insert(workingHours).values(proposedForDays.map((h) => ({ ...h, stylistId: owned.stylist.id })));
    }
    return { status: "ok" as const, salonId: owned.salon.id, stylistId: owned.stylist.id };
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
    const refusal = strandedRefusal("time_off", found, keepBookingIds, owned.salon.timeZone);
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
