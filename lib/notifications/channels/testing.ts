import { createMailTransport } from "@/lib/mail/transport";
import type { OutboxChannel } from "@/lib/outbox/relay";
import { createBookingChannels } from "./index";

/** The booking channels over a test SMTP server, as the composition root builds them. */
export function createTestBookingChannels(options: {
  smtpUrl: string;
  maxConnections?: number;
  appUrl?: string;
  messageTimeoutMs?: number;
}): OutboxChannel[] {
  return createBookingChannels({
    transport: createMailTransport({
      smtpUrl: options.smtpUrl,
      mailDir: "/nonexistent",
      maxConnections: options.maxConnections ?? 4,
      messageTimeoutMs: options.messageTimeoutMs,
    }),
    from: "Salon booking <bookings@salon.test>",
    messageIdDomain: "salon-booking.local",
    appUrl: options.appUrl ?? "https://salon.test",
  });
}
