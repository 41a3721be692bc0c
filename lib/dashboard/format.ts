import { DateTime } from "luxon";
import { localePatterns, monthBeforeDay } from "@/lib/salons/format";

// How the dashboard words dates, times and durations. Everything is read in the salon's zone and
// written the salon's locale's way (its clock and date order, lib/salons/format.ts) with English
// words, so the server's and the browser's settings change nothing.

/** Luxon reads the words in English; the salon's patterns decide the order and the clock. */
const WORDS = "en-US";

const day = (date: string) => DateTime.fromISO(date, { zone: "utc" }).setLocale(WORDS);

/** "Tuesday 15 June 2027" or "Tuesday, June 15, 2027". */
export function formatDayLong(date: string, locale: string): string {
  return day(date).toFormat(localePatterns(locale).dayLong);
}

/** "Tue 15". */
export function formatDayShort(date: string): string {
  return day(date).toFormat("ccc d");
}

/**
 * "14–20 June 2027", "28 June – 4 July 2027", "27 December 2027 – 2 January 2028", or month first:
 * "June 14–20, 2027", "June 28 – July 4, 2027", "December 27, 2027 – January 2, 2028".
 */
export function formatDateRange(from: string, to: string, locale: string): string {
  const a = day(from);
  const b = day(to);
  const p = localePatterns(locale);
  if (a.year !== b.year) return `${a.toFormat(p.dateLong)} – ${b.toFormat(p.dateLong)}`;
  if (a.month !== b.month) return `${a.toFormat(p.dayMonth)} – ${b.toFormat(p.dateLong)}`;
  return monthBeforeDay(locale) ? `${a.toFormat("LLLL d")}–${b.toFormat("d, yyyy")}` : `${a.toFormat("d")}–${b.toFormat("d LLLL yyyy")}`;
}

/** "15 Jun 2027, 10:00:05" (or "Jun 15, 2027, 10:00:05 AM") for an instant, on the salon's wall clock. */
export function formatInstant(instant: Date, timeZone: string, locale: string): string {
  const p = localePatterns(locale);
  return DateTime.fromJSDate(instant, { zone: timeZone }).setLocale(WORDS).toFormat(`${p.dateMedium}, ${p.timeSeconds}`);
}

/** "10:00" (or "10:00 AM") for an instant on the salon's wall clock. */
export function formatClock(instant: Date, timeZone: string, locale: string): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).setLocale(WORDS).toFormat(localePatterns(locale).time);
}

/** "14:00" (or "2:00 PM") for minutes after a salon-local midnight: the day view's hour scale. */
export function formatWallMinute(minute: number, locale: string): string {
  const wrapped = ((minute % 1440) + 1440) % 1440;
  return DateTime.fromObject({ hour: Math.floor(wrapped / 60), minute: wrapped % 60 }, { zone: "utc", locale: WORDS }).toFormat(localePatterns(locale).time);
}

/**
 * The free times near a taken walk-in, on the salon's clock: "10:30, 11:00", another day's with its
 * date ("2:30 PM, Wed, Jun 16, 2027 9:00 AM"). Each slot's `local` carries the salon's offset.
 */
export function formatNearbyTimes(slots: { local: string }[], date: string, locale: string): string {
  const p = localePatterns(locale);
  return slots
    .map((s) => {
      const local = DateTime.fromISO(s.local, { setZone: true }).setLocale(WORDS);
      return s.local.startsWith(date) ? local.toFormat(p.time) : local.toFormat(`${p.dayMedium} ${p.time}`);
    })
    .join(", ");
}

/** "Scheduled for Monday 14 June 2027, 15:00": when an event not yet due (a reminder) goes out. */
export function formatScheduledFor(due: Date, timeZone: string, locale: string): string {
  const p = localePatterns(locale);
  return `Scheduled for ${DateTime.fromJSDate(due, { zone: timeZone }).setLocale(WORDS).toFormat(`${p.dayLong}, ${p.time}`)}`;
}

/** "45 s", "3 min 20 s", "2 h 5 min", "3 d 4 h". */
export function formatAge(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ""}`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h${Math.floor((s % 3600) / 60) ? ` ${Math.floor((s % 3600) / 60)} min` : ""}`;
  return `${Math.floor(s / 86_400)} d${Math.floor((s % 86_400) / 3600) ? ` ${Math.floor((s % 86_400) / 3600)} h` : ""}`;
}

/** "850 ms", "1.2 s", "2 min 5 s". */
export function formatLatency(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return formatAge(ms / 1000);
}
