import { getConfig } from "@/lib/config/env";
import { defaultMailDir } from "@/lib/mail/dev-mailbox";
import { createMailTransport, type MailTransport } from "@/lib/mail/transport";
import type { OutboxChannel } from "../types";
import { createCustomerEmailChannel } from "./customer-email";
import { createDashboardChannel } from "./dashboard";
import { createOwnerEmailChannel } from "./owner-email";

export { createCustomerEmailChannel, CUSTOMER_EMAIL_CHANNEL } from "./customer-email";
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
  /** Public origin for the customer's manage links; default env APP_URL or http://localhost:${PORT or 3000}. */
  appUrl?: string;
}

/**
 * The channels every booking event goes to: the owner's dashboard, the owner's email and the
 * customer's email (sharing one SMTP pool). A batch starts them side by side in this order; the
 * dashboard goes first because it is one statement, and the owner is watching it live: its
 * statement should not queue for a connection behind the email channels' reads.
 */
export function createDefaultChannels(options: DefaultChannelOptions = {}): OutboxChannel[] {
  const config = getConfig();
  const transport = closeOnce(
    createMailTransport({
      smtpUrl: options.smtpUrl ?? config.mail.smtpUrl,
      mailDir: options.mailDir ?? defaultMailDir(),
      maxConnections: options.maxConnections ?? config.mail.maxConnections,
    }),
  );
  const from = options.from ?? config.mail.from;
  const messageIdDomain = options.messageIdDomain ?? config.mail.messageIdDomain;
  return [
    createDashboardChannel(),
    createOwnerEmailChannel({ transport, from, messageIdDomain }),
    createCustomerEmailChannel({ transport, from, messageIdDomain, appUrl: options.appUrl ?? config.appUrl }),
  ];
}

/** Both email channels close the one transport they share; only the first call does it. */
function closeOnce(transport: MailTransport): MailTransport {
  let closing: Promise<void> | undefined;
  return { ...transport, send: transport.send.bind(transport), close: () => (closing ??= transport.close()) };
}
