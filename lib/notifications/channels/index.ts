import type { MailTransport } from "@/lib/mail/transport";
import type { OutboxChannel } from "@/lib/outbox/relay";
import { createCustomerEmailChannel } from "./customer-email";
import { createDashboardChannel } from "./dashboard";
import { createOwnerEmailChannel } from "./owner-email";

export { createCustomerEmailChannel, CUSTOMER_EMAIL_CHANNEL } from "./customer-email";
export { createDashboardChannel, DASHBOARD_CHANNEL } from "./dashboard";
export { createOwnerEmailChannel, OWNER_EMAIL_CHANNEL } from "./owner-email";

export interface BookingChannelOptions {
  /** One transport for both email channels (one SMTP pool). */
  transport: MailTransport;
  from: string;
  messageIdDomain: string;
  /** Public origin for the customer's manage links and the owner's dashboard links (APP_URL). */
  appUrl: string;
}

/**
 * The subscribers of every booking event: the owner's dashboard (inline: it sees a booking the
 * moment it is fanned out), the owner's email and the customer's email (queued: each its own lane).
 * The two email channels share one transport; closing either closes it once.
 */
export function createBookingChannels(options: BookingChannelOptions): OutboxChannel[] {
  const transport = closeOnce(options.transport);
  const mail = { transport, from: options.from, messageIdDomain: options.messageIdDomain };
  return [
    createDashboardChannel(),
    createOwnerEmailChannel({ ...mail, appUrl: options.appUrl }),
    createCustomerEmailChannel({ ...mail, appUrl: options.appUrl }),
  ];
}

function closeOnce(transport: MailTransport): MailTransport {
  let closing: Promise<void> | undefined;
  return {
    kind: transport.kind,
    maxConnections: transport.maxConnections,
    send: transport.send.bind(transport),
    close: () => (closing ??= transport.close()),
    get connectionsOpened() {
      return transport.connectionsOpened;
    },
  };
}
