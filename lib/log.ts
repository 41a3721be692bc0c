import { getConfig, type LogLevel } from "@/lib/config/env";

// The one logger: structured JSON lines through the console (stdout for debug and info, stderr for
// warn and error), one object per line with level, time and msg first. Fields are the caller's; a customer's name,
// email, phone or note never belongs in them (ids and references do).

type Fields = Record<string, unknown>;

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

let threshold: number | undefined;

function enabled(level: Exclude<LogLevel, "silent">): boolean {
  if (threshold === undefined) {
    try {
      threshold = RANK[getConfig().logLevel];
    } catch {
      // A bad configuration is reported by the start-up check; the logger still logs.
      threshold = RANK.info;
    }
  }
  return RANK[level] >= threshold;
}

function write(level: Exclude<LogLevel, "silent">, msg: string, fields?: Fields): void {
  if (!enabled(level)) return;
  console[level](JSON.stringify({ level, time: new Date().toISOString(), msg, ...fields }));
}

export const log = {
  debug: (msg: string, fields?: Fields) => write("debug", msg, fields),
  info: (msg: string, fields?: Fields) => write("info", msg, fields),
  warn: (msg: string, fields?: Fields) => write("warn", msg, fields),
  error: (msg: string, fields?: Fields) => write("error", msg, fields),
};

/**
 * An error as log fields: its message (and its causes'), and a driver's code when it has one.
 * A failed query's parameters never get in: Drizzle's error message lists them ("params: Ada
 * Lovelace,ada@example.com,…"), and they are the customer's name, email, phone and note.
 */
export function errorFields(error: unknown): { error: string; code?: string } {
  const parts: string[] = [];
  let code: string | undefined;
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 5; depth++) {
    parts.push(e instanceof Error ? withoutQueryParams(e) : String(e));
    const c = (e as { code?: unknown }).code;
    if (code === undefined && (typeof c === "string" || typeof c === "number")) code = String(c);
    e = (e as { cause?: unknown }).cause;
  }
  return code === undefined ? { error: parts.join(" <- ") } : { error: parts.join(" <- "), code };
}

const MAX_QUERY_CHARS = 300;

/** A query error's statement (shortened) without its parameters; any other error's own message. */
function withoutQueryParams(error: Error): string {
  const { query, params } = error as { query?: unknown; params?: unknown };
  if (typeof query === "string" && params !== undefined) {
    const statement = query.replace(/\s+/g, " ").trim();
    return `Failed query: ${statement.length > MAX_QUERY_CHARS ? `${statement.slice(0, MAX_QUERY_CHARS)}…` : statement}`;
  }
  // Belt and braces: any message shaped like one.
  const at = error.message.indexOf("\nparams:");
  return at === -1 ? error.message : error.message.slice(0, at);
}

/** Tests that change LOG_LEVEL start over with this. */
export function resetLoggerForTests(): void {
  threshold = undefined;
}
