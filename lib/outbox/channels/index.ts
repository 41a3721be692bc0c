import { defaultMailDir } from "@/lib/mail/dev-mailbox";
import { createMailTransport } from "@/lib/mail/transport";
import type { OutboxChannel } from "../types";
import { createDashboardChannel } from "./dashboard";
import { createOwnerEmailChannel } from "./owner-email";

export { createDashboardChannel, DASHBOARD_CHANNEL } from "./dashboard";
export { createOwnerEmailChannel, OWNER_EMAIL_CHANNEL } from "./owner-email";

export interface DefaultChannelOptions {
  /** smtp:// or smtps:// URL; default env SMTP_URL; without it mail goes to the dev mailbox. */
  smtpUrl?: string;
  /** Dev mailbox folder; default ${DATA_DIR or .data}/mail. */
  mailDir?: string;
  /** Default env MAIL_FROM or "Salon booking <bookings@localhost>". */
  from?: string;
  /** Right-hand side of Message-IDs; default env MAIL_MESSAGE_ID_DOMAIN or salon-booking.local. */
  messageIdDomain?: string;
  /** SMTP pool size; default env SMTP_MAX_CONNECTIONS or 8. */
  maxConnections?: number;
}

/** The channels every booking event goes to: the owner's email and the owner's dashboard. */
export function createDefaultChannels(options: DefaultChannelOptions = {}): OutboxChannel[] {
  const transport = createMailTransport({
    smtpUrl: options.smtpUrl ?? (process.env.SMTP_URL?.trim() || undefined),
    mailDir: options.mailDir ?? defaultMailDir(),
    maxConnections: options.maxConnections,
  });
  return [
    createOwnerEmailChannel({
      transport,
      from: options.from ?? (process.env.MAIL_FROM?.trim() || "Salon booking <bookings@localhost>"),
      messageIdDomain: options.messageIdDomain ?? (process.env.MAIL_MESSAGE_ID_DOMAIN?.trim() || "salon-booking.local"),
    }),
    createDashboardChannel(),
  ];
}
