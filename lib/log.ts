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
 * Drizzle's "Failed query: <sql> params: <values>" is cut to its first words: the values of a
 * failed insert are a customer's name, email and note, and never belong in a log.
 */
export function errorFields(error: unknown): { error: string; code?: string } {
  const parts: string[] = [];
  let code: string | undefined;
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 5; depth++) {
    const message = e instanceof Error ? e.message : String(e);
    parts.push(message.startsWith("Failed query:") ? "query failed" : message);
    const c = (e as { code?: unknown }).code;
    if (code === undefined && (typeof c === "string" || typeof c === "number")) code = String(c);
    e = (e as { cause?: unknown }).cause;
  }
  return code === undefined ? { error: parts.join(" <- ") } : { error: parts.join(" <- "), code };
}

/** Tests that change LOG_LEVEL start over with this. */
export function resetLoggerForTests(): void {
  threshold = undefined;
}
