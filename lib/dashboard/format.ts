import { DateTime } from "luxon";

// How the dashboard words dates, times and durations. Everything is read in the salon's zone and
// written in one fixed locale, so the server's and the browser's settings change nothing.

const LOCALE = "en-GB";

/** "Tuesday 15 June 2027". */
export function formatDayLong(date: string): string {
  return DateTime.fromISO(date, { zone: "utc" }).setLocale(LOCALE).toFormat("cccc d LLLL yyyy");
}

/** "Tue 15". */
export function formatDayShort(date: string): string {
  return DateTime.fromISO(date, { zone: "utc" }).setLocale(LOCALE).toFormat("ccc d");
}

/** "14–20 June 2027", "28 June – 4 July 2027", "27 December 2027 – 2 January 2028". */
export function formatDateRange(from: string, to: string): string {
  const a = DateTime.fromISO(from, { zone: "utc" }).setLocale(LOCALE);
  const b = DateTime.fromISO(to, { zone: "utc" }).setLocale(LOCALE);
  if (a.year !== b.year) return `${a.toFormat("d LLLL yyyy")} – ${b.toFormat("d LLLL yyyy")}`;
  if (a.month !== b.month) return `${a.toFormat("d LLLL")} – ${b.toFormat("d LLLL yyyy")}`;
  return `${a.toFormat("d")}–${b.toFormat("d LLLL yyyy")}`;
}

/** "15 Jun 2027, 10:00:05" for an instant, on the salon's wall clock. */
export function formatInstant(instant: Date, timeZone: string): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).setLocale(LOCALE).toFormat("d LLL yyyy, HH:mm:ss");
}

/** "10:00" for an instant on the salon's wall clock. */
export function formatClock(instant: Date, timeZone: string): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).toFormat("HH:mm");
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
