// The owner's email for a booking event: subject, plain text, HTML (every value escaped) and an
// iCalendar invitation, all rendered from the event payload alone.
import { ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import type Mail from "nodemailer/lib/mailer";
import type { BookingEventPayload, BookingEventType } from "@/lib/booking/events";
import { BOOKING_EVENT_TYPES } from "@/lib/booking/events";
import { cleanMultilineText, isOneLineText, oneLineForDisplay } from "@/lib/text/plain-text";
import { DEFAULT_LOCALE, formatDuration, formatPrice } from "@/lib/salons/format";
import { calendarParamText, renderInvitation } from "./calendar";
import { formatShort, formatSlot } from "./slot-time";

// The owner's mail has always named the zone in US English ("EDT", "GMT+1"), whatever the server's locale.
const ABBREVIATION_LOCALE = "en-US";

export interface BookingEmailEvent {
  id: number;
  eventType: string;
  payload: unknown;
  createdAt: Date;
}

export interface BookingEmailOptions {
  to: string;
  from: string;
  /** Message-IDs are <event-ID@domain>: a re-send of one event carries the same Message-ID. */
  messageIdDomain: string;
  /** The app's public origin (APP_URL): the mail links to the booking on the owner's dashboard. */
  appUrl?: string;
  /** The salon's locale and currency (BCP 47, ISO 4217): how its times, dates and price read; absent → the defaults, no price. */
  locale?: string;
  currency?: string;
}

/** The booking's page on the owner's dashboard, absolute, for mails. */
export function dashboardBookingUrl(appUrl: string, bookingId: string): string {
  return `${appUrl.replace(/\/+$/, "")}/dashboard/bookings/${encodeURIComponent(bookingId)}`;
}

export function bookingMessageId(eventId: number, domain: string): string {
  return `<event-${eventId}@${domain}>`;
}

/** The iCalendar UID of a booking: stable across its created/rescheduled/cancelled mails. */
export function bookingCalendarUid(bookingId: string): string {
  return `${bookingId}@salon-booking`;
}

export function renderBookingEmail(event: BookingEmailEvent, options: BookingEmailOptions): Mail.Options {
  const type = event.eventType as BookingEventType;
  if (!BOOKING_EVENT_TYPES.includes(type)) throw new Error(`unknown booking event type ${event.eventType}`);
  const p = assertPayload(event.payload);
  const locale = options.locale ?? DEFAULT_LOCALE;
  const when = formatSlot(p, p.salon.timeZone, ABBREVIATION_LOCALE, locale);
  const shortWhen = formatShort(p.start, p.startLocal, p.salon.timeZone, locale);

  // The salon first: an owner of two salons sees at a glance which one it is about.
  const subject =
    type === "booking.created"
      ? `${p.salon.name}: new booking, ${p.service.name} on ${shortWhen}`
      : type === "booking.rescheduled"
        ? `${p.salon.name}: booking moved, ${p.service.name} to ${shortWhen}${p.previous ? ` (was ${formatShort(p.previous.start, p.previous.startLocal, p.salon.timeZone, locale)})` : ""}`
        : `${p.salon.name}: booking cancelled, ${p.service.name} on ${shortWhen}`;
  const heading =
    type === "booking.created" ? "New booking" : type === "booking.rescheduled" ? "Booking moved" : "Booking cancelled";

  const rows: [string, string][] = [
    ["Salon", p.salon.name],
    ["Service", `${p.service.name} (${formatDuration(p.service.durationMinutes)})`],
    ["Stylist", p.stylist.name],
    [type === "booking.rescheduled" ? "New time" : "When", when],
  ];
  if (type === "booking.rescheduled" && p.previous) {
    rows.push(["Previous time", `${formatSlot(p.previous, p.salon.timeZone, ABBREVIATION_LOCALE, locale)} with ${p.previous.stylist.name}`]);
  }
  if (options.currency) rows.push(["Price", formatPrice(p.service.priceCents, { currency: options.currency, locale })]);
  rows.push(["Customer", p.customer.name], ["Email", p.customer.email ?? "none given"]);
  if (p.customer.phone) rows.push(["Phone", p.customer.phone]);
  if (p.customer.note) rows.push(["Note", p.customer.note]);
  if (type === "booking.cancelled" && p.cancelledBy) rows.push(["Cancelled by", p.cancelledBy]);
  rows.push(["Reference", p.reference]);
  const link = options.appUrl ? dashboardBookingUrl(options.appUrl, p.bookingId) : undefined;

  const text = [`${heading} at ${p.salon.name}`, "", ...rows.map(textRow), "", ...(link ? [`Open the booking: ${link}`, ""] : [])].join("\n");
  const html = [
    `<!doctype html><html><body style="font-family:system-ui,sans-serif">`,
    `<h1 style="font-size:1.25rem">${escapeHtml(heading)} at ${bdi(p.salon.name)}</h1>`,
    `<table cellpadding="4">`,
    ...rows.map(htmlRow),
    `</table>`,
    ...(link ? [`<p><a href="${escapeHtml(link)}">Open the booking on your dashboard</a></p>`] : []),
    `</body></html>`,
  ].join("\n");

  const method = type === "booking.cancelled" ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST;
  return {
    from: options.from,
    to: options.to,
    subject,
    text,
    html,
    messageId: bookingMessageId(event.id, options.messageIdDomain),
    headers: { "X-Salon-Booking-Reference": p.reference },
    // The invitation as a text/calendar alternative (what calendar-aware clients act on). Not
    // also as an attachment, as nodemailer's icalEvent does: that second copy cost a quarter
    // of the composing time per mail.
    alternatives: [
      { contentType: `text/calendar; charset=utf-8; method=${method}`, content: renderCalendar(event, p, method, options.from) },
    ],
  };
}

function renderCalendar(
  event: BookingEmailEvent,
  p: BookingEventPayload,
  method: ICalCalendarMethod,
  from: string,
): string {
  return renderInvitation("owner-mail", method, {
    id: bookingCalendarUid(p.bookingId),
    sequence: p.sequence,
    // DTSTAMP from the event, so a re-sent mail is byte-for-byte the same invitation.
    stamp: event.createdAt,
    start: new Date(p.start),
    end: new Date(p.end),
    summary: `${p.service.name} – ${p.customer.name}`,
    // Short on purpose: the mail body has the details, and long lines cost folding work.
    description: `${p.customer.name}${p.customer.email ? ` <${p.customer.email}>` : ""} · ${p.stylist.name} · ${p.reference}`,
    location: [p.salon.name, p.salon.address].filter(Boolean).join(", "),
    organizer: { name: calendarParamText(p.salon.name), email: mailAddress(from) },
    status: method === ICalCalendarMethod.CANCEL ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
}

/** The bare address of a From header such as `Salon booking <bookings@example.com>`. */
export function mailAddress(from: string): string {
  return /<([^<>\s]+@[^<>\s]+)>/.exec(from)?.[1] ?? from.trim();
}

const HTML_SPECIAL = /[&<>"']/;
const HTML_SPECIALS = /[&<>"']/g;

export function escapeHtml(value: string): string {
  // Most values (names, times, references) have nothing to escape: no new string for them.
  return HTML_SPECIAL.test(value) ? value.replace(HTML_SPECIALS, (c) => `&#${c.charCodeAt(0)};`) : value;
}

/** Escaped and isolated: right-to-left text in a value cannot reorder what is around it. */
export function bdi(value: string): string {
  return `<bdi>${escapeHtml(value)}</bdi>`;
}

/** One row of a mail's table as plain text; a multi-line value's later lines are indented under it. */
export function textRow([label, value]: [string, string]): string {
  return `${label}: ${value.includes("\n") ? value.replace(/\n/g, `\n${" ".repeat(label.length + 2)}`) : value}`;
}

/** One row of a mail's table as HTML: the value escaped, isolated, its line breaks kept. */
export function htmlRow([label, value]: [string, string]): string {
  const style = value.includes("\n") ? ' style="white-space:pre-line"' : "";
  return `<tr><th align="left">${escapeHtml(label)}</th><td${style}>${bdi(value)}</td></tr>`;
}

/** A booking event's payload, checked for what every mail renderer reads; throws if malformed. */
export function assertPayload(payload: unknown): BookingEventPayload {
  const p = payload as Partial<BookingEventPayload> | null;
  const ok =
    !!p &&
    typeof p.bookingId === "string" &&
    typeof p.reference === "string" &&
    typeof p.start === "string" &&
    typeof p.end === "string" &&
    typeof p.sequence === "number" &&
    typeof p.salon?.name === "string" &&
    typeof p.salon?.timeZone === "string" &&
    typeof p.service?.name === "string" &&
    typeof p.stylist?.name === "string" &&
    typeof p.customer?.name === "string" &&
    (p.customer.email === undefined || typeof p.customer.email === "string");
  if (!ok) throw new Error("malformed booking event payload");
  return displayable(p as BookingEventPayload);
}

/**
 * The payload with every one-line text a mail shows made one line, and the note cleaned. The
 * forms refuse control characters now, but an event written before they did may still hold a
 * name with CR/LF that would forge a line ("Bcc: …") in the plain-text mail. No copy when clean.
 */
function displayable(p: BookingEventPayload): BookingEventPayload {
  const texts = [p.salon.name, p.salon.address ?? "", p.service.name, p.stylist.name, p.customer.name, p.customer.email ?? "", p.customer.phone ?? ""];
  if (p.previous) texts.push(p.previous.stylist.name);
  const note = p.customer.note;
  if (texts.every(isOneLineText) && (note === undefined || note === cleanMultilineText(note))) return p;
  const line = oneLineForDisplay;
  return {
    ...p,
    salon: { ...p.salon, name: line(p.salon.name), address: line(p.salon.address ?? "") },
    service: { ...p.service, name: line(p.service.name) },
    stylist: { ...p.stylist, name: line(p.stylist.name) },
    customer: {
      ...p.customer,
      name: line(p.customer.name),
      ...(p.customer.email !== undefined ? { email: line(p.customer.email) } : {}),
      ...(p.customer.phone !== undefined ? { phone: line(p.customer.phone) } : {}),
      ...(note !== undefined ? { note: cleanMultilineText(note) } : {}),
    },
    ...(p.previous ? { previous: { ...p.previous, stylist: { ...p.previous.stylist, name: line(p.previous.stylist.name) } } } : {}),
  };
}
