// Whether Postgres answers, for the page proxy: a page must not hang for the pool's connect timeout
// (or longer) while the database is away, but answer 503 at once and work again when it returns.
// One small connection of its own, asked at most once per `okForMs` while the database answers,
// and never waited on for longer than `timeoutMs`.
import postgres from "postgres";

export interface DatabaseProbe {
  /** True when the database answered `select 1` within the timeout (recently, or just now). */
  reachable(): Promise<boolean>;
  close(): Promise<void>;
}

export interface DatabaseProbeOptions {
  /** After a good answer, trust it for this long without asking again. */
  okForMs: number;
  /** An answer later than this counts as down. */
  timeoutMs: number;
  now?: () => number;
}

export function createDatabaseProbe(url: string, options: DatabaseProbeOptions): DatabaseProbe {
  const now = options.now ?? Date.now;
  const sql = postgres(url, {
    max: 1,
    idle_timeout: 30,
    connect_timeout: Math.max(1, Math.ceil(options.timeoutMs / 1000)),
    // `select 1` needs no array types: no type lookup on each new connection.
    fetch_types: false,
    onnotice: () => {},
  });
  let okAt = -Infinity;
  let asking: Promise<boolean> | null = null;

  const ask = async (): Promise<boolean> => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), options.timeoutMs);
    });
    try {
      const answered = await Promise.race([sql`select 1`.then(() => true, () => false), late]);
      if (answered) okAt = now();
      return answered;
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    reachable() {
      if (now() - okAt < options.okForMs) return Promise.resolve(true);
      // Requests arriving together share one question.
      asking ??= ask().finally(() => {
        asking = null;
      });
      return asking;
    },
    close: () => sql.end({ timeout: 1 }),
  };
}

const holder = globalThis as unknown as { __salonPageProbe?: { url: string; probe: DatabaseProbe } };

/** The process's probe for `url` (kept on globalThis, like the runtime, across dev reloads). */
export function pageDatabaseProbe(url: string): DatabaseProbe {
  if (holder.__salonPageProbe?.url !== url) {
    holder.__salonPageProbe = { url, probe: createDatabaseProbe(url, { okForMs: 1_000, timeoutMs: 900 }) };
  }
  return holder.__salonPageProbe.probe;
}

/** Closes and forgets the process's probe (tests; the server keeps it for its life). */
export async function closePageDatabaseProbe(): Promise<void> {
  const held = holder.__salonPageProbe;
  holder.__salonPageProbe = undefined;
  await held?.probe.close();
}
