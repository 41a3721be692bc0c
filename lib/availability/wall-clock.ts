import { DateTime } from "luxon";

// Wall-clock arithmetic in a salon's IANA zone. Every conversion goes through luxon's zone data;
// nothing here adds or subtracts hand-made offsets.

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** True for a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value, { zone: "utc" }).isValid;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date; a date's weekday has no zone. */
export function weekdayOf(date: string): number {
  return DateTime.fromISO(date, { zone: "utc" }).weekday;
}

/** The dates from..to inclusive, YYYY-MM-DD. */
export function eachDate(from: string, to: string): string[] {
  const out: string[] = [];
  const last = DateTime.fromISO(to, { zone: "utc" });
  for (let d = DateTime.fromISO(from, { zone: "utc" }); d <= last; d = d.plus({ days: 1 })) {
    out.push(d.toISODate()!);
  }
  return out;
}

/** The date `days` after (or before, if negative) a calendar date. */
export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: "utc" }).plus({ days }).toISODate()!;
}

/** Whole days from one date to another (to − from). */
export function daysBetween(from: string, to: string): number {
  return Math.round(DateTime.fromISO(to, { zone: "utc" }).diff(DateTime.fromISO(from, { zone: "utc" }), "days").days);
}

/** The salon-local calendar date of an instant. */
export function localDate(instant: Date, timeZone: string): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).toISODate()!;
}

/** An instant as ISO 8601 with the salon's offset, e.g. 2027-03-14T10:00:00-04:00. */
export function formatLocal(instant: Date, timeZone: string): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).toISO({ suppressMilliseconds: true })!;
}

/** The zone's long name at that instant: "Eastern Daylight Time", "Greenwich Mean Time". */
export function zoneNameAt(instant: Date, timeZone: string): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).offsetNameLong ?? timeZone;
}

/**
 * The instant a wall-clock time (HH:MM or HH:MM:SS) on a date happens in a zone.
 * A time that occurs twice (autumn fall-back) resolves to its first occurrence, so a stretch that
 * starts at 01:00 on that night starts at the first 01:00; a time that does not exist (spring
 * gap) moves forward past the gap, as luxon does.
 */
export function wallClockInstant(date: string, time: string, timeZone: string): number {
  const [year, month, day] = date.split("-").map(Number);
  const [hour, minute, second = 0] = time.split(":").map(Number);
  const resolved = DateTime.fromObject({ year, month, day, hour, minute, second }, { zone: timeZone });
  if (!resolved.isValid) throw new RangeError(`Invalid wall-clock time ${date} ${time} in ${timeZone}`);
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  // The offsets in force a day either side cover both sides of any transition on this date.
  const offsets = new Set([resolved.offset, offsetAt(resolved.toMillis() - DAY_MS, timeZone), offsetAt(resolved.toMillis() + DAY_MS, timeZone)]);
  let earliest = Number.POSITIVE_INFINITY;
  for (const offset of offsets) {
    const candidate = asUtc - offset * MINUTE_MS;
    if (offsetAt(candidate, timeZone) === offset) earliest = Math.min(earliest, candidate);
  }
  return Number.isFinite(earliest) ? earliest : resolved.toMillis();
}

function offsetAt(epochMs: number, timeZone: string): number {
  return DateTime.fromMillis(epochMs, { zone: timeZone }).offset;
}
