// The SMTP transport composes each message itself (MailComposer) and sends the bytes: what the
// server receives must be byte for byte what nodemailer would have composed and sent.
import nodemailer from "nodemailer";
import { describe, expect, it } from "vitest";
import { mailTestPayload as payload } from "@/lib/testing/mail-payload";
import { startSmtpSink } from "@/lib/testing/smtp-sink";
import { renderCustomerEmail } from "./customer-email";
import { createMailTransport } from "./transport";

describe("SMTP transport", () => {
  it("delivers exactly the message nodemailer composes", async () => {
    const sink = await startSmtpSink();
    const transport = createMailTransport({ smtpUrl: sink.url, mailDir: "/nonexistent" });
    const message = {
      ...renderCustomerEmail(
        { id: 7, eventType: "booking.created", payload, createdAt: new Date("2030-06-01T00:00:00Z") },
        { from: "Salon booking <bookings@salon.test>", messageIdDomain: "mail.salon.test", manageUrl: "https://salon.test/b/abc" },
      ),
      // Fixed, so the two compositions can be compared byte for byte.
      date: new Date("2030-06-01T00:00:00Z"),
      baseBoundary: "fixed",
    };
    try {
      await transport.send({ ...message }, 7);
      await sink.waitForMessages(1);
      // CRLF line ends, as SMTP's DATA stream makes of nodemailer's bare LFs in any case.
      const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });
      const composed = await composer.sendMail({ ...message });
      expect(sink.raw[0].toString()).toBe((composed.message as Buffer).toString());
      expect(sink.raw[0].toString()).toContain("BEGIN:VCALENDAR");
    } finally {
      await transport.close();
      await sink.close();
    }
  });
});
