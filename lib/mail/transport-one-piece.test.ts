// The SMTP transport writes each composed message to the socket in one piece; the message the
// server receives must be byte for byte the one nodemailer composes.
import { PassThrough } from "node:stream";
import nodemailer from "nodemailer";
import { describe, expect, it } from "vitest";
import { mailTestPayload as payload } from "@/lib/testing/mail-payload";
import { startSmtpSink } from "@/lib/testing/smtp-sink";
import { renderCustomerEmail } from "./customer-email";
import { createMailTransport, inOnePiece } from "./transport";

describe("inOnePiece", () => {
  it("passes a stream on as a single chunk once it has ended", async () => {
    const input = new PassThrough();
    const chunks: Buffer[] = [];
    const output = inOnePiece(input);
    output.on("data", (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise((resolve) => output.once("end", resolve));
    input.write("Subject: a\r\n");
    input.write(Buffer.from("\r\nbody"));
    input.end("\r\n");
    await ended;
    expect(chunks.map((c) => c.toString())).toEqual(["Subject: a\r\n\r\nbody\r\n"]);
  });

  it("passes an error on", async () => {
    const input = new PassThrough();
    const output = inOnePiece(input);
    const failed = new Promise((resolve) => output.once("error", resolve));
    input.emit("error", new Error("boom"));
    expect(await failed).toMatchObject({ message: "boom" });
  });
});

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
