// A booking's times as the mails show them, in the salon's zone. Shared by the owner's and the
// customer's renderers; luxon's IANA-zone formatting (a new Intl.DateTimeFormat per "ZZZZ") was
// the larger part of rendering a customer mail.
import { DateTime, FixedOffsetZone } from "luxon";
import type { BookingTimes } from "@/lib/booking/events";
import { DEFAULT_LOCALE, localePatterns } from "@/lib/salons/format";

/**
 * "Saturday 14 March 2027, 10:00–10:30 (America/New_York, EDT)", or for a 12-hour, month-first
 * salon locale "Saturday, March 14, 2027, 10:00 AM–10:30 AM (…)". The zone's abbreviation is
 * named in `abbreviationLocale`, or by default in luxon's locale (what its "ZZZZ" token gives).
 */
export function formatSlot(times: BookingTimes, zone: string, abbreviationLocale?: string, salonLocale: string = DEFAULT_LOCALE): string {
  const start = localTime(times.start, times.startLocal, zone);
  const end = localTime(times.end, times.endLocal, zone);
  const abbreviation = zoneAbbreviation(zone, start.toMillis(), abbreviationLocale ?? start.locale ?? "en-US");
  const p = localePatterns(salonLocale);
  return `${start.toFormat(`${p.dayLong}, ${p.time}`)}–${end.toFormat(p.time)} (${zone}, ${abbreviation})`;
}

/** "Sat 14 Mar 2027, 10:00" (or "Sat, Mar 14, 2027, 10:00 AM" in a 12-hour, month-first locale). */
export function formatShort(iso: string, local: string | undefined, zone: string, salonLocale: string = DEFAULT_LOCALE): string {
  const p = localePatterns(salonLocale);
  return localTime(iso, local, zone).toFormat(`${p.dayMedium}, ${p.time}`);
}

/**
 * The instant in the salon's zone. The payload already carries it with its offset
 * (startLocal), which is much cheaper to format than an IANA zone lookup per call; it is used
 * only when it names the same instant.
 */
export function localTime(utc: string, local: string | undefined, zone: string): DateTime {
  // The local time's own offset, read off its end: luxon's ISO parser (fromISO with setZone) cost
  // several times what the rest of formatting a time does. Used only when it names the same instant.
  const at = Date.parse(utc);
  const offset = local === undefined || Date.parse(local) !== at ? null : OFFSET.exec(local);
  if (offset) {
    const minutes = offset[1] === "Z" ? 0 : (offset[2] === "-" ? -1 : 1) * (Number(offset[3]) * 60 + Number(offset[4] ?? 0));
    const fixed = DateTime.fromMillis(at, { zone: FixedOffsetZone.instance(minutes) });
    if (fixed.isValid) return fixed;
  }
  return DateTime.fromISO(utc, { zone });
}

/** An ISO 8601 time's offset, after its last digit: Z, ±HH:MM, ±HHMM or ±HH. */
const OFFSET = /\d(Z|([+-])(\d{2}):?(\d{2})?)$/;

const abbreviationFormats = new Map<string, Intl.DateTimeFormat>();

/** "EDT", "PST", "GMT+1": what the zone is called at that instant, as luxon's ZZZZ, but cached. */
export function zoneAbbreviation(zone: string, at: number, locale: string): string {
  const key = `${locale}\n${zone}`;
  let format = abbreviationFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: "short" });
    abbreviationFormats.set(key, format);
  }
  return format.formatToParts(at).find((part) => part.type === "timeZoneName")?.value ?? zone;
}
