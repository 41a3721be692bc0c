import { DateTime } from "luxon";
import { zoneNameAt } from "@/lib/availability/wall-clock";

/** How a salon writes money, times and dates: its ISO 4217 currency and BCP 47 locale (salon settings). */
export interface SalonLocale {
  currency: string;
  locale: string;
}

/** The default for a salon row that predates these settings: what the database column defaults to. */
export const DEFAULT_LOCALE = "en-GB";

const priceFormats = new Map<string, Intl.NumberFormat>();

/** "£55.00", "$45.00", "25,50 €": the salon's currency, written the salon's locale's way. */
export function formatPrice(priceCents: number, salon: SalonLocale): string {
  // One formatter per locale and currency: making one cost more than the rest of an email's times and prices.
  const key = `${salon.locale}\n${salon.currency}`;
  let format = priceFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(safeLocale(salon.locale), { style: "currency", currency: salon.currency, currencyDisplay: "narrowSymbol" });
    if (priceFormats.size >= 1_000) priceFormats.clear();
    priceFormats.set(key, format);
  }
  return format.format(priceCents / 100);
}

/**
 * A price as the owner edits it: "25,50" where the locale writes a decimal comma, else "25.50";
 * no symbol, no grouping, so it is what the price field accepts back (priceSchema takes either separator).
 */
export function formatPriceInput(priceCents: number, locale: string): string {
  return (priceCents / 100).toFixed(2).replace(".", decimalSeparator(locale));
}

/** "," or ".": how the locale writes a decimal. */
export function decimalSeparator(locale: string): string {
  return new Intl.NumberFormat(safeLocale(locale)).formatToParts(1.5).find((p) => p.type === "decimal")?.value ?? ".";
}

/** Whether the locale reads the clock in 12 hours ("9:15 AM"). */
export function uses12HourClock(locale: string): boolean {
  const cycle = new Intl.DateTimeFormat(safeLocale(locale), { hour: "numeric" }).resolvedOptions().hourCycle;
  return cycle === "h11" || cycle === "h12";
}

/** Whether the locale puts the month before the day ("March 14"). */
export function monthBeforeDay(locale: string): boolean {
  const parts = new Intl.DateTimeFormat(safeLocale(locale), { month: "long", day: "numeric" }).formatToParts(new Date(Date.UTC(2027, 2, 14)));
  return parts.findIndex((p) => p.type === "month") < parts.findIndex((p) => p.type === "day");
}

/**
 * A salon locale's way of writing times and dates as luxon patterns: its clock (12 or 24 hours)
 * and its date order, with English words as the pages have. Every page, email and dashboard view
 * formats through these, so a salon reads the same way everywhere.
 */
export interface LocalePatterns {
  /** "14:30" or "2:30 PM". */
  time: string;
  /** "14:30:05" or "2:30:05 PM". */
  timeSeconds: string;
  /** "Tuesday 14 March 2027" or "Tuesday, March 14, 2027". */
  dayLong: string;
  /** "Tue 14 Mar 2027" or "Tue, Mar 14, 2027". */
  dayMedium: string;
  /** "14 Mar 2027" or "Mar 14, 2027". */
  dateMedium: string;
  /** "14 March" or "March 14". */
  dayMonth: string;
  /** "14 March 2027" or "March 14, 2027". */
  dateLong: string;
}

const patternCache = new Map<string, LocalePatterns>();

/** The patterns for a locale, worked out once per locale (Intl's resolution is not cheap). */
export function localePatterns(locale: string = DEFAULT_LOCALE): LocalePatterns {
  let found = patternCache.get(locale);
  if (!found) {
    const twelve = uses12HourClock(locale);
    const monthFirst = monthBeforeDay(locale);
    found = {
      time: twelve ? "h:mm a" : "HH:mm",
      timeSeconds: twelve ? "h:mm:ss a" : "HH:mm:ss",
      dayLong: monthFirst ? "cccc, LLLL d, yyyy" : "cccc d LLLL yyyy",
      dayMedium: monthFirst ? "ccc, LLL d, yyyy" : "ccc d LLL yyyy",
      dateMedium: monthFirst ? "LLL d, yyyy" : "d LLL yyyy",
      dayMonth: monthFirst ? "LLLL d" : "d LLLL",
      dateLong: monthFirst ? "LLLL d, yyyy" : "d LLLL yyyy",
    };
    patternCache.set(locale, found);
  }
  return found;
}

/** A locale Intl accepts, else the default (a bad stored value must not break a page). */
function safeLocale(locale: string): string {
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

/** "30 min", "1 h", "1 h 30 min". */
export function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/**
 * "09:15" (or "9:15 AM" where the locale's clock has 12 hours) from an ISO instant with offset,
 * read in the offset it carries (the salon's).
 */
export function formatLocalTime(localIso: string, locale: string = DEFAULT_LOCALE): string {
  return DateTime.fromISO(localIso, { setZone: true }).setLocale("en-US").toFormat(localePatterns(locale).time);
}

/**
 * "09:15" (or "9:15 AM" where the locale's clock has 12 hours) from a wall-clock "HH:MM" (or "HH:MM:SS").
 * Read in UTC, which skips no hour: in the server's zone, today could be a day without 01:30.
 */
export function formatWallTime(wallTime: string, locale: string = DEFAULT_LOCALE): string {
  return DateTime.fromFormat(wallTime.slice(0, 5), "HH:mm", { zone: "utc" }).setLocale("en-US").toFormat(localePatterns(locale).time);
}

/** Working stretches as an owner reads them: "09:00–12:30, 13:30–18:00" or "9:00 AM–12:30 PM, …". */
export function formatStretches(stretches: readonly { start: string; end: string }[], locale: string = DEFAULT_LOCALE): string {
  return stretches.map((s) => `${formatWallTime(s.start, locale)}–${formatWallTime(s.end, locale)}`).join(", ");
}

/**
 * "Tuesday 14 March 2027" (or "Tuesday, March 14, 2027" where the locale puts the month first)
 * for a YYYY-MM-DD date or an ISO instant with offset. The words stay English, as the pages are.
 */
export function formatLocalDate(isoDateOrInstant: string, locale: string = DEFAULT_LOCALE): string {
  return DateTime.fromISO(isoDateOrInstant, { setZone: true }).setLocale("en-GB").toFormat(localePatterns(locale).dayLong);
}

/** What a customer is told when the slot they chose was taken meanwhile (booking and rescheduling). */
export const SLOT_TAKEN_MESSAGE = "Sorry, that time was just taken. Pick one of the nearest free times and confirm again.";

/**
 * The nearest free slots offered instead, as form choices: the instant and its salon-local date and
 * time, the time always with the zone's name, so the summary can show exactly the chosen one.
 */
export function slotChoices(
  slots: { start: Date; local: string }[],
  timeZone: string,
  locale: string = DEFAULT_LOCALE,
): { start: string; date: string; time: string; label: string }[] {
  return slots.map((slot) => {
    const date = formatLocalDate(slot.local, locale);
    const time = `${formatLocalTime(slot.local, locale)} ${zoneNameAt(slot.start, timeZone)}`;
    return { start: slot.start.toISOString(), date, time, label: `${date}, ${time}` };
  });
}

/** Today's date in the salon's zone, YYYY-MM-DD. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return DateTime.fromJSDate(now, { zone: timeZone }).toISODate()!;
}

/** The zone's name at midday of a salon-local date (a DST change happens at night, never at noon). */
export function zoneNameOnDate(timeZone: string, date: string): string {
  const noon = DateTime.fromISO(date, { zone: timeZone }).set({ hour: 12 });
  return noon.setLocale("en-US").offsetNameLong ?? timeZone;
}
