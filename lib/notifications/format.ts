// How the dashboard words and times a notification. Shared by the client feed and its tests.
import { DateTime } from "luxon";
import { zoneAbbreviation } from "@/lib/mail/slot-time";
import { DEFAULT_LOCALE, localePatterns } from "@/lib/salons/format";

const LABELS: Record<string, string> = {
  "booking.created": "New booking",
  "booking.rescheduled": "Rescheduled",
  "booking.cancelled": "Cancelled",
  // Only in a booking's event history: reminders are the customer's, never in the owner's feed.
  "booking.reminder": "Reminder to the customer",
};

export function eventLabel(eventType: string): string {
  return LABELS[eventType] ?? "Booking update";
}

/**
 * A slot's start as the salon's wall-clock date and time with the zone's abbreviation, e.g.
 * "Tue, 16 Mar 2027, 10:00 GMT" or, for a US salon, "Tue, Mar 16, 2027, 10:00 AM EDT": in the
 * salon's zone and locale (its clock and date order, English words), whatever the viewer's browser says.
 */
export function formatSlotTime(startLocal: string, timeZone: string, locale: string = DEFAULT_LOCALE): string {
  const local = DateTime.fromISO(startLocal, { setZone: true }).setZone(timeZone);
  // A malformed time or an unknown zone name: show the stored text rather than nothing.
  if (!local.isValid) return startLocal;
  try {
    const p = localePatterns(locale);
    // The abbreviation as the salon's English reads it ("BST" in en-GB, "EDT" in en-US); en-GB otherwise.
    const abbreviation = zoneAbbreviation(timeZone, local.toMillis(), locale.startsWith("en") ? locale : "en-GB");
    return `${local.setLocale("en-US").toFormat(`${p.dayMedium}, ${p.time}`)} ${abbreviation}`;
  } catch {
    return startLocal;
  }
}
