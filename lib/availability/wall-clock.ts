import { DateTime, IANAZone } from "luxon";

// Wall-clock arithmetic in a salon's IANA zone. Every offset comes from luxon's zone data;
// nothing here adds or subtracts hand-made offsets. Results are pure functions of their inputs,
// so the hot ones are memoised (availability asks for the same days and slots again and again).

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const MEMO_LIMIT = 20_000;

function memoise<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const cache = new Map<string, R>();
  return (...args: A) => {
    const key = args.join("|");
    let value = cache.get(key);
    if (value === undefined) {
      value = fn(...args);
      if (cache.size >= MEMO_LIMIT) cache.clear();
      cache.set(key, value);
    }
    return value;
  };
}

function zoneOf(timeZone: string): IANAZone {
  const zone = IANAZone.create(timeZone);
  if (!zone.isValid) throw new RangeError(`Unknown time zone: ${timeZone}`);
  return zone;
}

/** The most dates one loop over a range may visit: a range is a question's span, never years. */
export const MAX_DATES_PER_RANGE = 800;

/** True for a real calendar date written YYYY-MM-DD, in the years 0001 to 9999. */
export function isCalendarDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !value.startsWith("0000") && DateTime.fromISO(value, { zone: "utc" }).isValid;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date; a date's weekday has no zone. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
}

/** The date `days` after (or before, if negative) a calendar date. */
export function addDays(date: string, days: number): string {
  // Past 9999 the ISO string gains a sign and two digits ("+010000-01-01T…"): keep all of the date.
  const iso = new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString();
  return iso.slice(0, iso.indexOf("T"));
}

/** Whole days from one date to another (to − from). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * The dates from..to inclusive, YYYY-MM-DD. Bounded by count, not by comparing strings: past
 * 9999-12-31 a date is written "+010000-01-01", which sorts before it, so a string comparison
 * never ended. Throws RangeError for a date that is not one, or a range over MAX_DATES_PER_RANGE.
 */
export function eachDate(from: string, to: string): string[] {
  if (!isCalendarDate(from) || !isCalendarDate(to)) throw new RangeError(`Not a date range: ${from.slice(0, 20)}..${to.slice(0, 20)}`);
  const count = daysBetween(from, to) + 1;
  if (count > MAX_DATES_PER_RANGE) throw new RangeError(`A date range may cover at most ${MAX_DATES_PER_RANGE} days`);
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(addDays(from, i));
  return out;
}

/** The salon-local calendar date of an instant. */
export function localDate(instant: Date, timeZone: string): string {
  return DateTime.fromJSDate(instant, { zone: zoneOf(timeZone) }).toISODate()!;
}

const formatLocalMemo = memoise((epochMs: number, timeZone: string) =>
  DateTime.fromMillis(epochMs, { zone: zoneOf(timeZone) }).toISO({ suppressMilliseconds: true })!,
);

/** An instant as ISO 8601 with the salon's offset, e.g. 2027-03-14T10:00:00-04:00. */
export function formatLocal(instant: Date, timeZone: string): string {
  return formatLocalMemo(instant.getTime(), timeZone);
}

/** The zone's long name at that instant: "Eastern Daylight Time", "Greenwich Mean Time". */
export function zoneNameAt(instant: Date, timeZone: string): string {
  return DateTime.fromJSDate(instant, { zone: zoneOf(timeZone) }).offsetNameLong ?? timeZone;
}

/**
 * The instant (epoch ms) a wall-clock time (HH:MM or HH:MM:SS) on a date happens in a zone.
 * A time that occurs twice (autumn fall-back) resolves to its first occurrence, so a stretch that
 * starts at 01:00 on that night starts at the first 01:00; a time that does not exist (spring
 * gap) moves forward by the gap, as luxon does (02:30 → 03:30).
 */
export const wallClockInstant = memoise((date: string, time: string, timeZone: string): number => {
  const zone = zoneOf(timeZone);
  const [year, month, day] = date.split("-").map(Number);
  const [hour, minute, second = 0] = time.split(":").map(Number);
  // Not Date.UTC(year, …): it reads the years 0–99 as 1900–1999.
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute, second, 0);
  const asUtc = utc.getTime();
  if (Number.isNaN(asUtc)) throw new RangeError(`Invalid wall-clock time ${date} ${time}`);
  // The offsets in force a day either side cover both sides of any transition on this date.
  const before = zone.offset(asUtc - DAY_MS);
  const offsets = new Set([before, zone.offset(asUtc), zone.offset(asUtc + DAY_MS)]);
  let earliest = Number.POSITIVE_INFINITY;
  for (const offset of offsets) {
    const candidate = asUtc - offset * MINUTE_MS;
    if (zone.offset(candidate) === offset) earliest = Math.min(earliest, candidate);
  }
  // In a gap no offset reproduces the wall clock; reading it with the earlier offset lands past the gap.
  return Number.isFinite(earliest) ? earliest : asUtc - before * MINUTE_MS;
});
