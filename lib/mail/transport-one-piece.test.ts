// The SMTP transport writes each composed message to the socket in one piece; the message the
// server receives must be byte for byte the one nodemailer composes.
import { PassThrough } from "node:stream";
import nodemailer from "nodemailer";
import { describe, expect, it } from "vitest";
import type { BookingEventPayload } from "@/lib/booking/events";
import { startSmtpSink } from "@/lib/testing/smtp-sink";
import { renderCustomerEmail } from "./customer-email";
import { createMailTransport, inOnePiece } from "./transport";

const payload: BookingEventPayload = {
  bookingId: "7d1f7c1e-4a43-4a8e-9d6c-0f7e0b0a1c2d",
  reference: "BK-7Q2M",
  status: "confirmed",
  sequence: 1,
  start: "2030-07-01T16:00:00.000Z",
  end: "2030-07-01T17:00:00.000Z",
  startLocal: "2030-07-01T09:00:00-07:00",
  endLocal: "2030-07-01T10:00:00-07:00",
  salon: { id: "s", slug: "mission-mane", name: "Mission & <Mane>", timeZone: "America/Los_Angeles", address: "1 Valencia St" },
  service: { id: "v", name: "Colour", durationMinutes: 60, priceCents: 9000 },
  stylist: { id: "t", name: "Rosa" },
  customer: { name: "Sam", email: "sam@example.test" },
};

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
