// Where the relay's mail goes: real SMTP (SMTP_URL, a pool of connections, TLS with smtps:// or
// STARTTLS) or the development mailbox. Both send the same RFC 822 message, composed here.
import MailComposer from "nodemailer/lib/mail-composer";
import type Mail from "nodemailer/lib/mailer";
import { writeDevMail } from "./dev-mailbox";
import { createSmtpPool, SmtpSendError } from "./smtp-pool";

export { SmtpSendError } from "./smtp-pool";

export interface MailTransport {
  kind: "smtp" | "dev-mailbox";
  /** Concurrency the transport is built for (SMTP pool size). */
  maxConnections: number;
  /**
   * Sends one message. Throws SmtpSendError when it was not accepted (`permanent` when trying
   * again cannot help). `tag` names the channel in a dev mailbox file name (owner and customer
   * mail of one event).
   */
  send(message: Mail.Options, eventId: number, tag?: string): Promise<void>;
  close(): Promise<void>;
  /** SMTP connections opened so far (0 for the dev mailbox). */
  readonly connectionsOpened: number;
}

export interface MailTransportOptions {
  smtpUrl?: string;
  mailDir: string;
  maxConnections?: number;
  /** A message with no final answer from the server this long after its send began fails. */
  messageTimeoutMs?: number;
  connectTimeoutMs?: number;
}

/** A simple check that an address can be put in an envelope at all; the server judges the rest. */
const ADDRESS = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+$/;

/** The message as bytes and its envelope (SMTP's data stream turns its line ends into CRLF). */
export async function composeMail(message: Mail.Options): Promise<{ raw: Buffer; envelope: { from: string; to: string[] } }> {
  const node = new MailComposer(message).compile();
  node.keepBcc = false;
  const envelope = node.getEnvelope() as { from: string | false; to: string[] };
  const raw = await new Promise<Buffer>((resolve, reject) => node.build((error, built) => (error ? reject(error) : resolve(built))));
  return { raw, envelope: { from: envelope.from || "", to: envelope.to } };
}

export function createMailTransport(options: MailTransportOptions): MailTransport {
  const maxConnections = options.maxConnections ?? 8;
  if (options.smtpUrl) {
    const pool = createSmtpPool({
      url: options.smtpUrl,
      maxConnections,
      messageTimeoutMs: options.messageTimeoutMs ?? 30_000,
      connectTimeoutMs: options.connectTimeoutMs,
    });
    return {
      kind: "smtp",
      maxConnections,
      async send(message) {
        const { raw, envelope } = await composeMail(message);
        const bad = envelope.to.find((to) => !ADDRESS.test(to));
        if (envelope.to.length === 0 || bad !== undefined) {
          throw new SmtpSendError(`not a deliverable address: ${JSON.stringify(bad ?? "")}`, true, { code: "EENVELOPE" });
        }
        await pool.send(raw, envelope);
      },
      close: () => pool.close(),
      get connectionsOpened() {
        return pool.connectionsOpened;
      },
    };
  }
  return {
    kind: "dev-mailbox",
    maxConnections,
    async send(message, eventId, tag) {
      const { raw } = await composeMail(message);
      await writeDevMail(options.mailDir, eventId, raw, tag);
    },
    async close() {},
    connectionsOpened: 0,
  };
}
