// A small pool of SMTP connections, built on nodemailer's SMTPConnection, for the relay's mail.
// nodemailer's own pool closes a connection on any failed send, so a server answering "451 try
// later" to every message cost a new connection (and TLS handshake) per message; and it offers no
// way to stop one message's send. Here a connection survives any answer the server gives (4xx or
// 5xx: RSET, then reuse), each message has its own deadline, and a message that passes it has its
// connection closed, so no send goes on in the background after its outcome was reported.
import net from "node:net";
import SMTPConnection from "nodemailer/lib/smtp-connection";
import shared from "nodemailer/lib/shared";

export interface SmtpPoolOptions {
  /** smtp:// or smtps:// with optional user:password and nodemailer's query options. */
  url: string;
  maxConnections: number;
  /** A message with no final answer this long after its send began fails (acceptance unknown). */
  messageTimeoutMs: number;
  /** Connecting, greeting and logging in must finish within this. */
  connectTimeoutMs?: number;
  /** A connection is replaced after this many messages (some servers limit them). */
  maxMessagesPerConnection?: number;
}

export interface SmtpEnvelope {
  from: string;
  to: string[];
}

/** Why a message was not accepted, and whether trying again can help. */
export class SmtpSendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly details: { responseCode?: number; command?: string; code?: string; response?: string } = {},
  ) {
    super(message);
    this.name = "SmtpSendError";
  }
}

export interface SmtpPool {
  send(message: Buffer, envelope: SmtpEnvelope): Promise<void>;
  close(): Promise<void>;
  /** Connections opened since the pool was made (reuse shows as few). */
  readonly connectionsOpened: number;
}

interface PooledConnection {
  smtp: SMTPConnection;
  messages: number;
  broken: boolean;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

export function createSmtpPool(options: SmtpPoolOptions): SmtpPool {
  const url = new URL(options.url);
  if (url.protocol !== "smtp:" && url.protocol !== "smtps:") throw new Error("SMTP_URL must start with smtp:// or smtps://");
  const parsed = shared.parseConnectionUrl(options.url) as SMTPConnection.Options & { auth?: { user: string; pass: string } };
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const maxMessages = options.maxMessagesPerConnection ?? 1_000;
  const idle: PooledConnection[] = [];
  const waiting: ((connection: PooledConnection | Error) => void)[] = [];
  let open = 0;
  let opened = 0;
  let closed = false;

  function connect(): Promise<PooledConnection> {
    opened += 1;
    const smtp = new SMTPConnection({
      ...parsed,
      connectionTimeout: connectTimeoutMs,
      greetingTimeout: connectTimeoutMs,
      // Inactivity on the socket; each message's own deadline is enforced below.
      socketTimeout: options.messageTimeoutMs + connectTimeoutMs,
    });
    const pooled: PooledConnection = { smtp, messages: 0, broken: false };
    // An error or close outside a send (the server hung up an idle connection) retires it.
    smtp.on("error", () => (pooled.broken = true));
    smtp.on("end", () => (pooled.broken = true));
    return new Promise((resolve, reject) => {
      const fail = (error: Error) => {
        pooled.broken = true;
        smtp.close();
        reject(classify(error));
      };
      smtp.once("error", fail);
      smtp.connect(() => {
        const socket = (smtp as unknown as { _socket?: net.Socket })._socket;
        // Nagle would hold the message's last small write for the previous one's delayed ACK.
        socket?.setNoDelay(true);
        if (socket) writeOncePerLoopTurn(socket);
        const ready = () => {
          smtp.removeListener("error", fail);
          resolve(pooled);
        };
        if (parsed.auth?.user) smtp.login(parsed.auth, (error) => (error ? fail(error) : ready()));
        else ready();
      });
    });
  }

  async function acquire(): Promise<PooledConnection> {
    if (closed) throw new SmtpSendError("mail transport closed", false);
    while (idle.length > 0) {
      const connection = idle.pop()!;
      if (!connection.broken) return connection;
      open -= 1;
    }
    if (open < options.maxConnections) {
      open += 1;
      try {
        return await connect();
      } catch (error) {
        open -= 1;
        wakeWaiter();
        throw error;
      }
    }
    const next = await new Promise<PooledConnection | Error>((resolve) => waiting.push(resolve));
    if (next instanceof Error) throw next;
    return next;
  }

  /** A connection is free (or a slot is): hand it to the oldest waiter. */
  function release(connection: PooledConnection | null): void {
    if (connection && !connection.broken && connection.messages < maxMessages && !closed) {
      const waiter = waiting.shift();
      if (waiter) waiter(connection);
      else idle.push(connection);
      return;
    }
    if (connection) {
      open -= 1;
      if (connection.broken) connection.smtp.close();
      else connection.smtp.quit();
    }
    wakeWaiter();
  }

  function wakeWaiter(): void {
    const waiter = waiting.shift();
    if (!waiter) return;
    if (closed) return waiter(new SmtpSendError("mail transport closed", false));
    open += 1;
    connect().then(waiter, (error: Error) => {
      open -= 1;
      waiter(error);
    });
  }

  async function send(message: Buffer, envelope: SmtpEnvelope): Promise<void> {
    const connection = await acquire();
    connection.messages += 1;
    try {
      await sendOn(connection, message, envelope);
    } catch (error) {
      if (error instanceof SmtpSendError && error.details.responseCode && !connection.broken) {
        // The server answered: the connection is fine. Reset the transaction and keep it.
        await resetOrRetire(connection);
      } else {
        connection.broken = true;
      }
      throw error;
    } finally {
      release(connection);
    }
  }

  function sendOn(connection: PooledConnection, message: Buffer, envelope: SmtpEnvelope): Promise<void> {
    return new Promise((resolve, reject) => {
      let settled = false;
      const timer = setTimeout(() => {
        if (settled) return;
        settled = true;
        // Closing the connection ends the send: nothing goes on after this outcome is reported.
        connection.broken = true;
        connection.smtp.close();
        reject(new SmtpSendError(`no answer from the mail server within ${options.messageTimeoutMs} ms (acceptance unknown)`, false, { code: "ETIMEDOUT" }));
      }, options.messageTimeoutMs);
      const onError = (error: Error) => finish(error);
      connection.smtp.once("error", onError);
      const finish = (error: Error | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        connection.smtp.removeListener("error", onError);
        if (error) reject(classify(error));
        else resolve();
      };
      connection.smtp.send(envelope, message, (error) => finish(error ?? null));
    });
  }

  function resetOrRetire(connection: PooledConnection): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        connection.broken = true;
        resolve();
      }, connectTimeoutMs);
      connection.smtp.reset((error) => {
        clearTimeout(timer);
        if (error) connection.broken = true;
        resolve();
      });
    });
  }

  return {
    send,
    async close() {
      closed = true;
      for (const waiter of waiting.splice(0)) waiter(new SmtpSendError("mail transport closed", false));
      for (const connection of idle.splice(0)) {
        open -= 1;
        connection.smtp.quit();
      }
    },
    get connectionsOpened() {
      return opened;
    },
  };
}

/**
 * A failure as the relay should treat it: permanent when the server refused the recipient (5xx to
 * RCPT TO) or this message (5xx after DATA); transient for every "try later" (4xx), a refused,
 * broken or silent connection, a failed login or a refused sender (both configuration, which an
 * operator can fix within the retry horizon).
 */
export function classify(error: Error): SmtpSendError {
  if (error instanceof SmtpSendError) return error;
  const e = error as Error & { responseCode?: number; command?: string; code?: string; response?: string; rejectedErrors?: Error[] };
  // All recipients refused: nodemailer reports the last RCPT answer; take the first refusal's.
  const rcpt = e.rejectedErrors?.[0] as (Error & { responseCode?: number; response?: string }) | undefined;
  const responseCode = rcpt?.responseCode ?? e.responseCode;
  const response = (rcpt?.response ?? e.response ?? "").trim();
  const command = rcpt ? "RCPT TO" : e.command;
  const refused = responseCode !== undefined && responseCode >= 500 && (command === "RCPT TO" || command === "DATA");
  // A message nodemailer itself refuses (empty, larger than the server allows) will not get better.
  const unsendable = responseCode === undefined && e.code === "EMESSAGE";
  const what = response ? `${command ?? "SMTP"} answered ${response}` : e.message;
  return new SmtpSendError(what, refused || unsendable, { responseCode, command, code: e.code, response: response || undefined });
}

/**
 * Writes made before the event loop next polls go out in one syscall. SMTPConnection writes the
 * end of DATA (".") on its own, a tick behind the body: without Nagle that was one more packet per
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
