// The owner's day sheet: the salon's bookings of one local day, grouped by stylist, as plain text
// and HTML (every value escaped and isolated). One Message-ID per sheet event, the same on a re-send.
import { DateTime } from "luxon";
import type Mail from "nodemailer/lib/mailer";
import type { DaySheetBooking } from "@/lib/day-sheet/day-sheet-bookings";
import type { DaySheetPayload } from "@/lib/day-sheet/queue-day-sheets";
import { DEFAULT_LOCALE, localePatterns } from "@/lib/salons/format";
import { oneLineForDisplay } from "@/lib/text/plain-text";
import { bdi, escapeHtml } from "./booking-email";

export function daySheetMessageId(eventId: number, domain: string): string {
  return `<day-sheet-${eventId}@${domain}>`;
}

/** A day sheet event's payload, checked; throws if malformed. */
export function assertDaySheetPayload(payload: unknown): DaySheetPayload {
  const p = payload as Partial<DaySheetPayload> | null;
  if (!p || typeof p.salonId !== "string" || typeof p.salonName !== "string" || typeof p.timeZone !== "string" || typeof p.localDate !== "string") {
    throw new Error("malformed day sheet payload");
  }
  return p as DaySheetPayload;
}

export function renderDaySheetEmail(
  event: { id: number; payload: unknown },
  bookings: DaySheetBooking[],
  options: { to: string; from: string; messageIdDomain: string; /** The salon's (BCP 47); absent → the default. */ locale?: string },
): Mail.Options {
  const p = assertDaySheetPayload(event.payload);
  const salon = oneLineForDisplay(p.salonName);
  const patterns = localePatterns(options.locale ?? DEFAULT_LOCALE);
  const day = DateTime.fromISO(p.localDate, { zone: p.timeZone }).setLocale("en-GB").toFormat(patterns.dayLong);
  const count = bookings.length === 1 ? "1 booking" : `${bookings.length} bookings`;
  const time = (d: Date) => DateTime.fromJSDate(d, { zone: p.timeZone }).setLocale("en-US").toFormat(patterns.time);

  const byStylist = new Map<string, DaySheetBooking[]>();
  for (const b of bookings) byStylist.set(b.stylistName, [...(byStylist.get(b.stylistName) ?? []), b]);
  const line = (b: DaySheetBooking) => ({
    when: `${time(b.startsAt)}–${time(b.endsAt)}`,
    what: `${oneLineForDisplay(b.serviceName)}: ${oneLineForDisplay(b.customerName)}${b.customerPhone ? `, ${oneLineForDisplay(b.customerPhone)}` : ""} (${b.reference})`,
  });

  const text = [
    `Day sheet for ${salon}, ${day} (${p.timeZone})`,
    "",
    bookings.length === 0 ? "No bookings today." : `${count}:`,
    ...[...byStylist].flatMap(([stylist, list]) => ["", oneLineForDisplay(stylist), ...list.map(line).map((l) => `  ${l.when}  ${l.what}`)]),
    "",
  ].join("\n");
  const html = [
    `<!doctype html><html><body style="font-family:system-ui,sans-serif">`,
    `<h1 style="font-size:1.25rem">Day sheet for ${bdi(salon)}, ${escapeHtml(day)}</h1>`,
    `<p>${bookings.length === 0 ? "No bookings today." : escapeHtml(count)} Times in ${escapeHtml(p.timeZone)}.</p>`,
    ...[...byStylist].flatMap(([stylist, list]) => [
      `<h2 style="font-size:1.1rem">${bdi(oneLineForDisplay(stylist))}</h2>`,
      `<table cellpadding="4">`,
      ...list.map(line).map((l) => `<tr><th align="left">${escapeHtml(l.when)}</th><td>${bdi(l.what)}</td></tr>`),
      `</table>`,
    ]),
    `</body></html>`,
  ].join("\n");

  return {
    from: options.from,
    to: options.to,
    subject: `Day sheet: ${salon}, ${day} (${count})`,
    text,
    html,
    messageId: daySheetMessageId(event.id, options.messageIdDomain),
  };
}
