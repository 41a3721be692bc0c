// A real SMTP server on a random local port (the smtp-server package) for tests and the relay
// benchmark. It can be told to accept, refuse (5xx), defer (4xx) or drop the connection, and to
// take its time before answering a message.
import type { Socket } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export type SmtpSinkMode = "accept" | "reject" | "defer" | "drop";

export interface SmtpSink {
  url: string;
  mode: SmtpSinkMode;
  /** Per-recipient override of `mode` (e.g. fail one owner's mail only); undefined → `mode`. */
  modeFor?: (recipient: string) => SmtpSinkMode | undefined;
  /** Message-ID of every accepted message, in arrival order (duplicates kept). */
  messageIds: string[];
  /** Raw accepted messages, when started with keepMessages. */
  raw: Buffer[];
  /** Per accepted message: did it travel over TLS (smtps or STARTTLS)? */
  overTls: boolean[];
  /** Transactions refused, deferred or dropped so far. */
  refusals: number;
  /** Connections clients opened so far. */
  connections: number;
  /** Wait this long before answering each message's DATA (a slow server); 0 by default. */
  answerDelayMs: number;
  /** When each Message-ID was accepted (ms since epoch), in arrival order. */
  acceptedAt: number[];
  /** Hangs up every connection that is waiting for an answer (a relay process killed mid-send). */
  dropWaiting(): void;
  parsed(): Promise<ParsedMail[]>;
  waitForMessages(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const MESSAGE_ID = /^message-id:[ \t]*(<[^>\r\n]+>)/im;

export interface SmtpSinkOptions {
  keepMessages?: boolean;
  /** Implicit TLS (smtps://) with smtp-server's built-in self-signed certificate. */
  secure?: boolean;
  /** Offer STARTTLS on a plain connection (same certificate). */
  startTls?: boolean;
}

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const keep = options.keepMessages ?? true;
  const sockets = new Set<Socket>();
  const waitingSockets = new Set<Socket>();
  const socketOf = new Map<string, Socket>();
  const sink: SmtpSink = {
    url: "",
    mode: "accept",
    messageIds: [],
    raw: [],
    overTls: [],
    refusals: 0,
    connections: 0,
    answerDelayMs: 0,
    acceptedAt: [],
    dropWaiting() {
      for (const socket of waitingSockets) socket.destroy();
      waitingSockets.clear();
    },
    parsed: () => Promise.all(sink.raw.map((m) => simpleParser(m))),
    async waitForMessages(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (sink.messageIds.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} messages, got ${sink.messageIds.length}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };

  const modeOf = (recipient: string | undefined): SmtpSinkMode =>
    (recipient !== undefined ? sink.modeFor?.(recipient) : undefined) ?? sink.mode;
  const refuse = (mode: SmtpSinkMode): Error | null => {
    if (mode === "reject") return Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 });
    if (mode === "defer") return Object.assign(new Error("Try again later"), { responseCode: 451 });
    return null;
  };

  const server = new SMTPServer({
    onConnect(session, callback) {
      // The session's socket, so a slow answer can be abandoned when the client goes away.
      const socket = [...sockets].find((s) => s.remotePort === session.remotePort);
      if (socket) socketOf.set(session.id, socket);
      callback();
    },
    authOptional: true,
    secure: options.secure ?? false,
    disabledCommands: options.startTls ? ["AUTH"] : ["STARTTLS", "AUTH"],
    logger: false,
    disableReverseLookup: true,
    size: 5 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      const error = refuse(modeOf(address.address));
      if (error) sink.refusals++;
      callback(error ?? undefined);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if (modeOf(session.envelope.rcptTo[0]?.address) === "drop") {
          // Hang up before answering the DATA: the client cannot know whether we took it.
          sink.refusals++;
          for (const socket of sockets) socket.destroy();
          return;
        }
        const accept = () => {
          const message = Buffer.concat(chunks);
          const head = message.subarray(0, Math.min(message.length, 8192)).toString("latin1");
          sink.messageIds.push(MESSAGE_ID.exec(head)?.[1] ?? "");
          sink.acceptedAt.push(Date.now());
          if (keep) sink.raw.push(message);
          sink.overTls.push(Boolean(session.secure));
          callback();
        };
        if (sink.answerDelayMs <= 0) return accept();
        // A slow server: the answer comes later, unless the client hangs up first.
        const socket = socketOf.get(session.id);
        if (socket) waitingSockets.add(socket);
        const timer = setTimeout(() => {
          if (socket) waitingSockets.delete(socket);
          if (socket?.destroyed) return;
          accept();
        }, sink.answerDelayMs);
        socket?.once("close", () => clearTimeout(timer));
      });
    },
  });
  server.server.on("connection", (socket: Socket) => {
    sink.connections++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.server.address();
  if (!address || typeof address === "string") throw new Error("SMTP sink has no port");
  sink.url = `${options.secure ? "smtps" : "smtp"}://127.0.0.1:${address.port}`;
  return sink;
}
