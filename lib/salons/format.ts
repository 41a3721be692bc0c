import { DateTime } from "luxon";

// The schema has no currency column; until it has one, a salon's currency follows its zone.
// Unknown zones fall back to USD rather than guessing a symbol.
const CURRENCY_BY_ZONE_PREFIX: [string, string][] = [
  ["Europe/London", "GBP"],
  ["Europe/Dublin", "EUR"],
  ["Europe/", "EUR"],
  ["America/Toronto", "CAD"],
  ["America/Vancouver", "CAD"],
  ["America/", "USD"],
  ["Australia/", "AUD"],
];

export function currencyForTimeZone(timeZone: string): string {
  return CURRENCY_BY_ZONE_PREFIX.find(([prefix]) => timeZone.startsWith(prefix))?.[1] ?? "USD";
}

/** "£55.00", "$45.00". */
export function formatPrice(priceCents: number, timeZone: string): string {
  return new Intl.NumberFormat("en-US", {
    style: "currency",
    currency: currencyForTimeZone(timeZone),
    currencyDisplay: "narrowSymbol",
  }).format(
    priceCents / 100,
  );
}

/** "30 min", "1 h", "1 h 30 min". */
export function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** "09:15" from an ISO instant with offset, read in the offset it carries (the salon's). */
export function formatLocalTime(localIso: string): string {
  return DateTime.fromISO(localIso, { setZone: true }).toFormat("HH:mm");
}

/** "Tuesday 14 March 2027" for a YYYY-MM-DD date or an ISO instant with offset. */
export function formatLocalDate(isoDateOrInstant: string): string {
  return DateTime.fromISO(isoDateOrInstant, { setZone: true }).setLocale("en-GB").toFormat("cccc d LLLL yyyy");
}

/** What a customer is told when the slot they chose was taken meanwhile (booking and rescheduling). */
export const SLOT_TAKEN_MESSAGE = "Sorry, that time was just taken. Pick one of the nearest free times and confirm again.";

/** The nearest free slots offered instead, as form choices: the instant and its salon-local label. */
export function slotChoices(slots: { start: Date; local: string }[]): { start: string; label: string }[] {
  return slots.map((slot) => ({ start: slot.start.toISOString(), label: `${formatLocalDate(slot.local)}, ${formatLocalTime(slot.local)}` }));
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
