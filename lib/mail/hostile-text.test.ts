// Issue 13, finding 7: a name with CR/LF forged lines such as "Bcc: …" in the owner's plain-text
// mail; a `"` produced invalid iCalendar (ATTENDEE;CN="Q\";…, which node-ical drops); bidi overrides
// displayed raw ("exe.gnp" read as "png.exe").
import { simpleParser } from "mailparser";
import nodeIcal from "node-ical";
import nodemailer from "nodemailer";
import { describe, expect, it } from "vitest";
import type { BookingEventPayload } from "@/lib/booking/events";
import { customerSchema, fieldErrors } from "@/lib/booking/schemas";
import { mailTestPayload } from "@/lib/testing/mail-payload";
import { renderBookingEmail } from "./booking-email";
import { calendarParamText } from "./calendar";
import { renderCustomerEmail } from "./customer-email";

const event = (payload: BookingEventPayload, eventType = "booking.created") => ({ id: 7, eventType, payload, createdAt: new Date("2030-06-01T00:00:00Z") });
const withCustomer = (customer: Partial<BookingEventPayload["customer"]>): BookingEventPayload => ({
  ...mailTestPayload,
  customer: { ...mailTestPayload.customer, ...customer },
});

async function composed(message: ReturnType<typeof renderBookingEmail>) {
  const raw = await nodemailer.createTransport({ streamTransport: true, buffer: true }).sendMail(message);
  return simpleParser(raw.message as Buffer);
}

function vevent(ics: string) {
  return Object.values(nodeIcal.sync.parseICS(ics)).find((c) => c?.type === "VEVENT") as unknown as {
    summary: string;
    attendee?: { params: { CN: string } };
    organizer?: { params: { CN: string } };
  };
}

describe("typed text in mails and invitations", () => {
  it("a name with CR/LF is refused at the door with a field error", () => {
    const parsed = customerSchema.safeParse({ name: "Bob\r\nBcc: victim@example.com", email: "bob@example.test" });
    expect(parsed.success).toBe(false);
    expect(fieldErrors(parsed.error!).name).toBeDefined();
    const bidi = customerSchema.safeParse({ name: "exe.gnp\u202e", email: "bob@example.test" });
    expect(fieldErrors(bidi.error!).name).toBeDefined();
  });

  it("an event saved before the check cannot forge a line in the owner's plain-text mail", async () => {
    const payload = withCustomer({ name: "Bob\r\nBcc: victim@example.com", note: "hi\nBcc: other@example.com\u0000" });
    const mail = await composed(renderBookingEmail(event(payload), { to: "owner@example.test", from: "Salon <s@salon.test>", messageIdDomain: "salon.test" }));
    const lines = (mail.text ?? "").split("\n");
    expect(lines.filter((line) => /^\s*Bcc:/i.test(line) && !line.startsWith(" "))).toEqual([]);
    expect(lines).toContain("Customer: Bob  Bcc: victim@example.com");
    expect(lines).toContain("Note: hi");
    expect(lines).toContain("      Bcc: other@example.com");
    expect(mail.bcc).toBeUndefined();
  });

  it("names with \" ; , : make valid invitations that node-ical reads, attendee and organizer included", async () => {
    const name = `Q"uote; Semi, Comma: Colon`;
    const payload = { ...withCustomer({ name }), salon: { ...mailTestPayload.salon, name: `The "Best"; Salon` } };
    const customerMail = renderCustomerEmail(event(payload), { from: "Salon <s@salon.test>", messageIdDomain: "salon.test" });
    const ics = String((customerMail.icalEvent as { content: string }).content);
    const parsed = vevent(ics);
    // CN may hold no DQUOTE at all (RFC 5545 §3.1), and node-ical splits quoted values at ";":
    // the display name keeps every other character.
    expect(parsed.attendee?.params.CN).toBe(calendarParamText(name));
    expect(calendarParamText(name)).toBe("Q'uote, Semi, Comma: Colon");
    expect(parsed.organizer?.params.CN).toBe("The 'Best', Salon");
    for (const cn of ["Plain Name", "Comma, Name", "Colon: Name", "Zoë Ünïcode"]) {
      const one = vevent(String((renderCustomerEmail(event(withCustomer({ name: cn })), { from: "s@salon.test", messageIdDomain: "x" }).icalEvent as { content: string }).content));
      expect(one.attendee?.params.CN, cn).toBe(cn);
    }
    // The owner's invitation carries the exact name in its SUMMARY (a TEXT value, escaped as such).
    const ownerMail = await composed(renderBookingEmail(event(withCustomer({ name })), { to: "o@example.test", from: "s@salon.test", messageIdDomain: "x" }));
    const ownerIcs = ownerMail.attachments.find((a) => a.contentType === "text/calendar")!.content.toString();
    expect(vevent(ownerIcs).summary).toBe(`${mailTestPayload.service.name} – ${name}`);
  });

  it("isolates every typed value in the HTML, so right-to-left text cannot reorder what is around it", () => {
    const message = renderBookingEmail(event(withCustomer({ name: "\u05e9\u05dc\u05d5\u05dd Cohen" })), { to: "o@example.test", from: "s@salon.test", messageIdDomain: "x" });
    expect(String(message.html)).toContain("<td><bdi>\u05e9\u05dc\u05d5\u05dd Cohen</bdi></td>");
    expect(String(message.html)).toContain("<bdi>Mission &#38; &#60;Mane&#62;</bdi>");
  });
});
