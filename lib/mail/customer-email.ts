// The customer's email for a booking event: confirmation, "moved" update, cancellation or reminder, with
// an .ics that updates the same calendar entry (the owner mail's UID, SEQUENCE = booking version).
// Rendered from the event payload plus the manage link minted for this message.
import { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import type Mail from "nodemailer/lib/mailer";
import { formatCutoff } from "@/lib/booking/cutoff";
import { BOOKING_EVENT_TYPES, BOOKING_REMINDER_EVENT, type BookingEventPayload, type BookingEventType } from "@/lib/booking/events";
import { describeReminderOffset } from "@/lib/booking/reminders";
import { DEFAULT_LOCALE, formatDuration, formatPrice } from "@/lib/salons/format";
import { assertPayload, bdi, bookingCalendarUid, escapeHtml, htmlRow, mailAddress, textRow, type BookingEmailEvent } from "./booking-email";
import { calendarParamText, renderInvitation } from "./calendar";
import { formatShort, formatSlot } from "./slot-time";

export interface CustomerEmailOptions {
  from: string;
  messageIdDomain: string;
  /** The manage link (/b/{token}) for confirmations and updates; absent → no link in the mail. */
  manageUrl?: string;
  /** The salon's cancellation cutoff, to say until when the link works. */
  cutoffMinutes?: number;
  /** The salon's contact number ("" or absent: none set), for changes inside the cutoff. */
  contactPhone?: string;
  /** The salon's currency and locale (ISO 4217, BCP 47); absent: the defaults. */
  currency?: string;
  locale?: string;
  /** The salon's page, offered after a cancellation. */
  salonUrl?: string;
  /** When the mail is sent: a reminder sent inside the cutoff says the booking can no longer be changed online. */
  now?: Date;
}

/** Distinct from the owner mail's <event-ID@domain>; the same for every re-send of one event. */
export function customerMessageId(eventId: number, domain: string): string {
  return `<event-${eventId}-customer@${domain}>`;
}

export function renderCustomerEmail(event: BookingEmailEvent, options: CustomerEmailOptions): Mail.Options {
  const type = event.eventType as BookingEventType | typeof BOOKING_REMINDER_EVENT;
  if (type !== BOOKING_REMINDER_EVENT && !BOOKING_EVENT_TYPES.includes(type)) throw new Error(`unknown booking event type ${event.eventType}`);
  const p = readPayload(event.payload);
  const zone = p.salon.timeZone;
  const locale = options.locale ?? DEFAULT_LOCALE;
  const short = formatShort(p.start, p.startLocal, zone, locale);

  const subject =
    type === "booking.created"
      ? `Booking confirmed: ${p.service.name} at ${p.salon.name}, ${short}`
      : type === "booking.rescheduled"
        ? `Booking moved: ${p.service.name} at ${p.salon.name}, now ${short}`
        : type === BOOKING_REMINDER_EVENT
          ? `Reminder: ${p.service.name} at ${p.salon.name}, ${short}`
          : `Booking cancelled: ${p.service.name} at ${p.salon.name}, ${short}`;
  const heading =
    type === "booking.created"
      ? "Your booking is confirmed"
      : type === "booking.rescheduled"
        ? "Your booking has been moved"
        : type === BOOKING_REMINDER_EVENT
          ? "A reminder of your appointment"
          : "Your booking has been cancelled";
  // Literal text, and { user } for what a customer or an owner typed (isolated in the HTML).
  const customer = { user: p.customer.name };
  const salon = { user: p.salon.name };
  const intro: (string | { user: string })[] =
    type === "booking.cancelled"
      ? p.cancelledBy === "owner"
        ? ["Hello ", customer, ", ", salon, " has had to cancel your appointment. We are sorry for the trouble."]
        : ["Hello ", customer, ", your appointment at ", salon, " is cancelled, as you asked."]
      : type === BOOKING_REMINDER_EVENT
        ? ["Hello ", customer, ", a reminder: ", salon, " is expecting you", reminderWhen(p.reminderOffsetMinutes), "."]
        : ["Hello ", customer, ", ", salon, " is expecting you."];

  const rows: [string, string][] = [["Salon", p.salon.name]];
  if (p.salon.address) rows.push(["Address", p.salon.address]);
  rows.push(["Service", `${p.service.name} (${formatDuration(p.service.durationMinutes)})`]);
  if (options.currency) rows.push(["Price", formatPrice(p.service.priceCents, { currency: options.currency, locale })]);
  rows.push(["Stylist", p.stylist.name]);
  rows.push([type === "booking.rescheduled" ? "New time" : "When", formatSlot(p, zone, undefined, locale)]);
  if (type === "booking.rescheduled" && p.previous) {
    const was = formatSlot(p.previous, zone, undefined, locale);
    rows.push(["Previous time", p.previous.stylist.id === p.stylist.id ? was : `${was} with ${p.previous.stylist.name}`]);
  }
  rows.push(["Reference", p.reference]);
  if (options.contactPhone) rows.push(["Salon phone", options.contactPhone]);

  // A reminder sent inside the cutoff (a 2-hour reminder with a 2-hour cutoff) still links to the
  // booking, but does not offer changes the manage page would refuse.
  const pastCutoff =
    type === BOOKING_REMINDER_EVENT &&
    options.now !== undefined &&
    options.cutoffMinutes !== undefined &&
    Date.parse(p.start) - options.cutoffMinutes * 60_000 <= options.now.getTime();
  const link =
    type !== "booking.cancelled" && options.manageUrl
      ? {
          label: pastCutoff ? "Your booking" : "Reschedule or cancel",
          url: options.manageUrl,
          note: pastCutoff
            ? `It is too late to change it online now; please ${options.contactPhone ? `call the salon on ${options.contactPhone}` : "contact the salon"} if you cannot come.`
            : `${policyNote(options)} Keep this link to yourself: it opens your booking.`,
        }
      : type === "booking.cancelled" && options.salonUrl
        ? { label: "Book again", url: options.salonUrl, note: "" }
        : undefined;

  const text = [
    heading,
    "",
    intro.map((part) => (typeof part === "string" ? part : part.user)).join(""),
    "",
    ...rows.map(textRow),
    ...(link ? ["", `${link.label}: ${link.url}`, ...(link.note ? [link.note] : [])] : []),
    "",
  ].join("\n");
  const html = [
    `<!doctype html><html><body style="font-family:system-ui,sans-serif">`,
    `<h1 style="font-size:1.25rem">${escapeHtml(heading)}</h1>`,
    `<p>${intro.map((part) => (typeof part === "string" ? escapeHtml(part) : bdi(part.user))).join("")}</p>`,
    `<table cellpadding="4">`,
    ...rows.map(htmlRow),
    `</table>`,
    ...(link
      ? [`<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p>`, ...(link.note ? [`<p>${escapeHtml(link.note)}</p>`] : [])]
      : []),
    `</body></html>`,
  ].join("\n");

  const method = type === "booking.cancelled" ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST;
  return {
    from: options.from,
    to: { name: p.customer.name, address: p.customer.email },
    subject,
    text,
    html,
    messageId: customerMessageId(event.id, options.messageIdDomain),
    headers: { "X-Salon-Booking-Reference": p.reference },
    icalEvent: { method, filename: "booking.ics", content: renderCalendar(event, p, method, options) },
  };
}

/** The salon's policy as the booking form and pages say it: until when online, then whom to call. */
function policyNote(options: CustomerEmailOptions): string {
  const call = options.contactPhone ? `call the salon on ${options.contactPhone}` : "contact the salon";
  if (options.cutoffMinutes === undefined) return "";
  return options.cutoffMinutes > 0
    ? `Changes are possible online until ${formatCutoff(options.cutoffMinutes)} before the appointment; after that, ${call}.`
    : `Changes are possible online until the appointment starts; after that, ${call}.`;
}

function renderCalendar(event: BookingEmailEvent, p: ReturnType<typeof readPayload>, method: ICalCalendarMethod, options: CustomerEmailOptions): string {
  return renderInvitation("customer-mail", method, {
    // The owner's mail uses the same UID: one booking is one calendar entry everywhere.
    id: bookingCalendarUid(p.bookingId),
    sequence: p.sequence,
    // DTSTAMP from the event, so a re-sent mail carries the same invitation version.
    stamp: event.createdAt,
    start: new Date(p.start),
    end: new Date(p.end),
    summary: `${p.service.name} at ${p.salon.name}`,
    description: `${p.service.name} with ${p.stylist.name}. Reference ${p.reference}.`,
    location: [p.salon.name, p.salon.address].filter(Boolean).join(", "),
    organizer: { name: calendarParamText(p.salon.name), email: mailAddress(options.from) },
    attendees: [
      {
        name: calendarParamText(p.customer.name),
        email: p.customer.email,
        role: ICalAttendeeRole.REQ,
        status: method === ICalCalendarMethod.CANCEL ? ICalAttendeeStatus.DECLINED : ICalAttendeeStatus.ACCEPTED,
      },
    ],
    status: method === ICalCalendarMethod.CANCEL ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
}

// The customer's mail also links back to the salon's page, so it needs the slug as well; and an
// address to go to (the channel skips a booking made without one).
function readPayload(payload: unknown): BookingEventPayload & { customer: { email: string } } {
  const p = assertPayload(payload);
  if (typeof p.salon.slug !== "string" || typeof p.customer.email !== "string") throw new Error("malformed booking event payload");
  return p as BookingEventPayload & { customer: { email: string } };
}

/** " tomorrow", " in 2 hours": how far ahead the reminder was set, as the customer reads it. */
function reminderWhen(offsetMinutes: number | undefined): string {
  if (offsetMinutes === undefined) return "";
  if (offsetMinutes === 1440) return " tomorrow";
  return ` in ${describeReminderOffset(offsetMinutes).replace(/ before$/, "")}`;
}
