// Where owner mail goes: real SMTP (SMTP_URL, pooled, TLS with smtps:// or STARTTLS) or the
// development mailbox. Both produce the same RFC 822 message from the same options.
import net from "node:net";
import { PassThrough, type Readable } from "node:stream";
import nodemailer from "nodemailer";
import type Mail from "nodemailer/lib/mailer";
import { writeDevMail } from "./dev-mailbox";

export interface MailTransport {
  kind: "smtp" | "dev-mailbox";
  /** Concurrency the transport is built for (SMTP pool size). */
  maxConnections: number;
  /** `tag` names the channel in a dev mailbox file name (owner and customer mail of one event). */
  send(message: Mail.Options, eventId: number, tag?: string): Promise<void>;
  close(): Promise<void>;
}

export interface MailTransportOptions {
  smtpUrl?: string;
  mailDir: string;
  maxConnections?: number;
}

export function createMailTransport(options: MailTransportOptions): MailTransport {
  const maxConnections = options.maxConnections ?? 8;
  if (options.smtpUrl) {
    const url = new URL(options.smtpUrl);
    if (url.protocol !== "smtp:" && url.protocol !== "smtps:") throw new Error("SMTP_URL must start with smtp:// or smtps://");
    // The URL's own query wins (e.g. ?maxConnections=2); pooling is the default for relay batches.
    if (!url.searchParams.has("pool")) url.searchParams.set("pool", "true");
    if (!url.searchParams.has("maxConnections")) url.searchParams.set("maxConnections", String(maxConnections));
    if (!url.searchParams.has("maxMessages")) url.searchParams.set("maxMessages", "1000");
    // A connection that closes mid-send is retried once at once; after that the relay's backoff
    // takes over (nodemailer's default would requeue forever and never report the failure).
    if (!url.searchParams.has("maxRequeues")) url.searchParams.set("maxRequeues", "1");
    // A hung server must fail the call well inside the relay's lease.
    if (!url.searchParams.has("socketTimeout")) url.searchParams.set("socketTimeout", "20000");
    if (!url.searchParams.has("greetingTimeout")) url.searchParams.set("greetingTimeout", "10000");
    const transporter = nodemailer.createTransport(url.toString());
    // nodemailer leaves Nagle on: the message's last small write then waits for the ACK of the
    // previous one, which the server delays (40 ms on Linux) — 40 ms per message per connection.
    // Handing the pool ready sockets with TCP_NODELAY cut that to a few ms; TLS (smtps://,
    // STARTTLS) is still negotiated by nodemailer on top of this socket.
    (transporter.transporter as unknown as { getSocket: GetSocket }).getSocket = connectWithoutDelay;
    // nodemailer streams a message to the socket piece by piece (every header block and body
    // part), and without Nagle each piece was its own write and its own packet: a quarter of the
    // relay's CPU per mail went to those syscalls. The composed message is written in one piece.
    transporter.use("stream", (mail, done) => {
      mail.message.processFunc(inOnePiece);
      done();
    });
    return {
      kind: "smtp",
      maxConnections: Number(url.searchParams.get("maxConnections")) || maxConnections,
      async send(message) {
        await transporter.sendMail(message);
      },
      async close() {
        transporter.close();
      },
    };
  }
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    kind: "dev-mailbox",
    maxConnections,
    async send(message, eventId, tag) {
      const info = await composer.sendMail(message);
      await writeDevMail(options.mailDir, eventId, info.message as Buffer, tag);
    },
    async close() {
      composer.close();
    },
  };
}

type GetSocket = (
  options: { host?: string; port?: number; connectionTimeout?: number },
  callback: (error: Error | null, socket?: { connection: net.Socket }) => void,
) => void;

const connectWithoutDelay: GetSocket = (options, callback) => {
  const socket = net.connect({ host: options.host ?? "localhost", port: options.port ?? 25, noDelay: true });
  let settled = false;
  socket.setTimeout(options.connectionTimeout ?? 10_000, () => socket.destroy(new Error("SMTP connection timed out")));
  // Only the connection attempt is ours; afterwards nodemailer's own listeners handle errors.
  socket.on("error", (error) => {
    if (settled) return;
    settled = true;
    callback(error);
  });
  socket.once("connect", () => {
    socket.setTimeout(0);
    settled = true;
    callback(null, { connection: socket });
  });
  writeOncePerLoopTurn(socket);
};

/**
 * Writes made before the event loop next polls go out in one syscall. nodemailer writes the end
 * of DATA (".") on its own, a tick behind the body: without Nagle that was one more packet per
 * mail, and a write syscall (which on loopback also does the receiving side's TCP work) was the
 * largest single cost of sending. The delay is one loop turn, not Nagle's wait for an ACK.
 */
function writeOncePerLoopTurn(socket: net.Socket): void {
  const write = socket.write;
  const uncork = () => socket.uncork();
  socket.write = function (this: net.Socket, ...args: Parameters<net.Socket["write"]>) {
    if (!socket.writableCorked) {
      socket.cork();
      setImmediate(uncork);
    }
    return write.apply(this, args);
  } as net.Socket["write"];
}

/** The whole of `input` as a single chunk once it has ended; its error, if any, passed on. */
export function inOnePiece(input: Readable): Readable {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  input.on("data", (chunk: Buffer) => chunks.push(chunk));
  input.once("end", () => output.end(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
  input.once("error", (error) => output.emit("error", error));
  return output;
}
