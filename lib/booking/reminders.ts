import { DateTime } from "luxon";

// When a booking's reminders are due. An offset of whole days keeps the appointment's wall-clock
// time in the salon's zone: "24 hours before" a 10:00 appointment is 10:00 the day before, also
// when the clocks change in between (then 23 or 25 hours pass). Any other offset is elapsed time:
// "2 hours before" is two hours of real time, whatever the clocks do. A reminder whose time has
// already come when the booking is made (or moved) is not sent for that offset.

/** What a new salon reminds: once, a day before. */
export const DEFAULT_REMINDER_OFFSETS_MINUTES = [1440];
/** At most two reminders per booking; each between 5 minutes and 14 days before (the CHECK on salons agrees). */
export const MAX_REMINDERS = 2;
export const MIN_REMINDER_OFFSET_MINUTES = 5;
export const MAX_REMINDER_OFFSET_MINUTES = 14 * 1440;

const DAY_MINUTES = 1440;

/** The instant a reminder `offsetMinutes` before `start` is due, by the rule above. */
export function reminderDueAt(start: Date, offsetMinutes: number, timeZone: string): Date {
  if (offsetMinutes % DAY_MINUTES === 0) {
    return DateTime.fromJSDate(start, { zone: timeZone })
      .minus({ days: offsetMinutes / DAY_MINUTES })
      .toJSDate();
  }
  return new Date(start.getTime() - offsetMinutes * 60_000);
}

/** The reminders a booking starting at `start` gets, made at `now`: those still ahead, earliest first. */
export function plannedReminders(start: Date, offsetsMinutes: number[], timeZone: string, now: Date): { offsetMinutes: number; dueAt: Date }[] {
  return [...new Set(offsetsMinutes)]
    .map((offsetMinutes) => ({ offsetMinutes, dueAt: reminderDueAt(start, offsetMinutes, timeZone) }))
    .filter((r) => r.dueAt.getTime() > now.getTime())
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/** "the day before", "2 days before", "2 hours before", "90 minutes before". */
export function describeReminderOffset(offsetMinutes: number): string {
  if (offsetMinutes === DAY_MINUTES) return "the day before";
  if (offsetMinutes % DAY_MINUTES === 0) return `${offsetMinutes / DAY_MINUTES} days before`;
  if (offsetMinutes % 60 === 0) return offsetMinutes === 60 ? "1 hour before" : `${offsetMinutes / 60} hours before`;
  return `${offsetMinutes} minutes before`;
}

/**
 * What the booking form tells the customer about the reminders a booking at `start`, made `now`,
 * would get: "We'll remind you by email the day before." Null when it would get none.
 */
export function reminderNotice(start: Date, offsetsMinutes: number[], timeZone: string, now: Date): string | null {
  const planned = plannedReminders(start, offsetsMinutes, timeZone, now);
  if (planned.length === 0) return null;
  return `We'll remind you by email ${planned.map((r) => describeReminderOffset(r.offsetMinutes)).join(" and ")}.`;
}
