// Rendering the owner's mail from an event payload alone: subjects per event type, escaping,
// the invitation's UID/SEQUENCE/METHOD, and a stable Message-ID.
import nodeIcal from "node-ical";
import nodemailer from "nodemailer";
import { simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";
import { mailTestPayload as payload } from "@/lib/testing/mail-payload";
import { renderBookingEmail } from "./booking-email";

const options = { to: "owner@example.test", from: "Salon booking <bookings@salon.test>", messageIdDomain: "mail.salon.test" };
const event = (eventType: string, p: unknown = payload) => ({ id: 42, eventType, payload: p, createdAt: new Date("2030-06-01T00:00:00Z") });

async function parse(eventType: string) {
  const message = renderBookingEmail(event(eventType), options);
  const composed = await nodemailer.createTransport({ streamTransport: true, buffer: true }).sendMail(message);
  const mail = await simpleParser(composed.message as Buffer);
  const ics = mail.attachments.find((a) => a.contentType === "text/calendar")!.content.toString();
  const vevent = Object.values(nodeIcal.sync.parseICS(ics)).find((c) => c?.type === "VEVENT") as unknown as Record<string, unknown>;
  return { mail, ics, vevent };
}

describe("renderBookingEmail", () => {
  it("tells the owner a booking moved, old and new local times, as an updated invitation", async () => {
    const { mail, ics, vevent } = await parse("booking.rescheduled");
    expect(mail.subject).toBe('Mission & <Mane>: booking moved, Colour "deluxe" to Mon 1 Jul 2030, 09:00 (was Sun 30 Jun 2030, 09:00)');
    expect(mail.text).toContain("New time: Monday 1 July 2030, 09:00–10:00 (America/Los_Angeles, PDT)");
    expect(mail.text).toContain("Previous time: Sunday 30 June 2030, 09:00–10:00 (America/Los_Angeles, PDT) with Lee");
    expect(mail.messageId).toBe("<event-42@mail.salon.test>");
    expect(ics).toContain("METHOD:REQUEST");
    expect(vevent.uid).toBe(`${payload.bookingId}@salon-booking`);
    expect(vevent.sequence).toBe(2);
  });

  it("writes times, dates and the price the way a US salon does (12-hour clock, month first, dollars)", () => {
    const message = renderBookingEmail(event("booking.rescheduled"), { ...options, locale: "en-US", currency: "USD" });
    expect(message.subject).toBe('Mission & <Mane>: booking moved, Colour "deluxe" to Mon, Jul 1, 2030, 9:00 AM (was Sun, Jun 30, 2030, 9:00 AM)');
    expect(message.text).toContain("New time: Monday, July 1, 2030, 9:00 AM–10:00 AM (America/Los_Angeles, PDT)");
    expect(message.text).toContain("Previous time: Sunday, June 30, 2030, 9:00 AM–10:00 AM (America/Los_Angeles, PDT) with Lee");
    expect(message.text).toContain("Price: $90.00");
  });

  it("writes a UK salon's times in 24 hours, day first, in pounds", () => {
    const message = renderBookingEmail(event("booking.created"), { ...options, locale: "en-GB", currency: "GBP" });
    expect(message.subject).toBe('Mission & <Mane>: new booking, Colour "deluxe" on Mon 1 Jul 2030, 09:00');
    expect(message.text).toContain("When: Monday 1 July 2030, 09:00–10:00 (America/Los_Angeles, PDT)");
    expect(message.text).toContain("Price: £90.00");
  });

  it("writes a German salon's price with a decimal comma and its times in 24 hours", () => {
    const message = renderBookingEmail(event("booking.created"), { ...options, locale: "de-DE", currency: "EUR" });
    expect(message.text).toContain("When: Monday 1 July 2030, 09:00–10:00");
    expect(message.text).toContain("Price: 90,00\u00a0€");
  });

  it("cancels the same calendar entry when the booking is cancelled", async () => {
    const { mail, ics, vevent } = await parse("booking.cancelled");
    expect(mail.subject).toBe('Mission & <Mane>: booking cancelled, Colour "deluxe" on Mon 1 Jul 2030, 09:00');
    expect(ics).toContain("METHOD:CANCEL");
    expect(vevent.status).toBe("CANCELLED");
    expect(vevent.uid).toBe(`${payload.bookingId}@salon-booking`);
  });

  it("escapes every value in the HTML part", async () => {
    const { mail } = await parse("booking.created");
    const html = String(mail.html);
    expect(html).toContain("Mission &#38; &#60;Mane&#62;");
    expect(html).toContain("Sam O&#39;Neil");
    expect(html).toContain("&#60;img src=x onerror=alert(1)&#62;");
    expect(html).not.toMatch(/<img|<Mane>/);
  });

  it("renders the same message for the same event, so a re-send is recognisable", () => {
    const a = renderBookingEmail(event("booking.created"), options);
    const b = renderBookingEmail(event("booking.created"), options);
    expect(a).toEqual(b);
  });

  it("refuses a payload it cannot render rather than sending half a message", () => {
    expect(() => renderBookingEmail(event("booking.created", { bookingId: "x" }), options)).toThrow("malformed booking event payload");
    expect(() => renderBookingEmail(event("booking.exploded"), options)).toThrow("unknown booking event type");
  });
});
