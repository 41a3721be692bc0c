import path from "node:path";
import { z } from "zod";
import { decideRelayMode, type RelayModeDecision } from "./relay-mode";
import { parseRateRule, parseTrustedProxies, type RateRule, type TrustedProxies } from "./security";

// The one reader of the environment (create-t3-app's env.js): every setting is parsed and checked
// here, once, and the rest of the code gets a typed config. A bad setting stops the server at start
// with one line naming every problem, instead of a 500 on the first request that needs it.

type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join("; ")}`);
    this.name = "ConfigError";
  }
}

/** An unset or blank variable is "not set". */
const text = z
  .string()
  .optional()
  .transform((v) => v?.trim() || undefined);

function wholeNumber(fallback: number, min: number, max: number) {
  return text.transform((v, ctx) => {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) {
      ctx.addIssue({ code: "custom", message: `must be a whole number from ${min} to ${max}, not ${JSON.stringify(v)}` });
      return z.NEVER;
    }
    return n;
  });
}

function flag(fallback: boolean) {
  return text.transform((v, ctx) => {
    if (v === undefined) return fallback;
    const lower = v.toLowerCase();
    if (["true", "1", "yes", "on"].includes(lower)) return true;
    if (["false", "0", "no", "off"].includes(lower)) return false;
    ctx.addIssue({ code: "custom", message: `must be true or false, not ${JSON.stringify(v)}` });
    return z.NEVER;
  });
}

function urlWithProtocols(protocols: string[], example: string) {
  return text.transform((v, ctx) => {
    if (v === undefined) return undefined;
    let url: URL;
    try {
      url = new URL(v);
    } catch {
      ctx.addIssue({ code: "custom", message: `must be a URL like ${example}` });
      return z.NEVER;
    }
    if (!protocols.includes(url.protocol)) {
      ctx.addIssue({ code: "custom", message: `must start with ${protocols.map((p) => `${p}//`).join(" or ")}` });
      return z.NEVER;
    }
    return v;
  });
}

/** A rate-limit rule such as "20/10m", or "off" (lib/config/security.ts). */
function rateRule(fallback: string) {
  return text.transform((v, ctx) => {
    try {
      return parseRateRule(v ?? fallback);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: (error as Error).message });
      return z.NEVER;
    }
  });
}

const trustedProxies = text.transform((v, ctx) => {
  try {
    return parseTrustedProxies(v);
  } catch (error) {
    ctx.addIssue({ code: "custom", message: (error as Error).message });
    return z.NEVER;
  }
});

const LOG_LEVELS = ["debug", "info", "warn", "error", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const envSchema = z.object({
  NODE_ENV: text.pipe(z.enum(["development", "production", "test"]).optional()),
  PORT: wholeNumber(3000, 1, 65_535),
  APP_URL: urlWithProtocols(["http:", "https:"], "https://book.example.com"),
  DATA_DIR: text,
  LOG_LEVEL: text.pipe(z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(", ")}` }).optional()),

  DATABASE_URL: urlWithProtocols(["postgres:", "postgresql:"], "postgres://user:password@host:5432/salon"),
  DATABASE_POOL_MAX: wholeNumber(10, 1, 500),
  DATABASE_PREPARE: flag(true),
  DATABASE_CONNECT_TIMEOUT_MS: wholeNumber(2_000, 100, 60_000),
  DATABASE_STATEMENT_TIMEOUT_MS: wholeNumber(10_000, 100, 3_600_000),

  AUTH_SECRET: text,

  SMTP_URL: urlWithProtocols(["smtp:", "smtps:"], "smtps://user:password@smtp.example.com:465"),
  MAIL_FROM: text,
  MAIL_MESSAGE_ID_DOMAIN: text,
  SMTP_MAX_CONNECTIONS: wholeNumber(8, 1, 100),
  SMTP_TIMEOUT_MS: wholeNumber(30_000, 100, 600_000),
  SMTP_CONNECT_TIMEOUT_MS: wholeNumber(10_000, 100, 120_000),

  RELAY_MODE: text.pipe(z.enum(["inngest", "embedded", "external"], { message: 'must be "inngest", "embedded" or "external"' }).optional()),
  EMBEDDED_RELAY_POLL_MS: wholeNumber(2_000, 50, 300_000),
  EMBEDDED_RELAY_GATHER_MS: wholeNumber(50, 0, 1_000),
  EMBEDDED_RELAY_CONCURRENCY: wholeNumber(2, 1, 32),
  EMBEDDED_RELAY_CHANNEL_LANES: wholeNumber(1, 1, 32),
  RELAY_WORKER_NICE: wholeNumber(10, 0, 19),
  OUTBOX_BATCH_SIZE: wholeNumber(200, 1, 5_000),
  OUTBOX_CHANNEL_BATCH_SIZE: wholeNumber(100, 1, 5_000),
  OUTBOX_BUDGET_MS: wholeNumber(30_000, 1_000, 600_000),
  OUTBOX_LEASE_MS: wholeNumber(60_000, 1_000, 3_600_000),
  OUTBOX_RETRY_BASE_MS: wholeNumber(2_000, 1, 3_600_000),
  OUTBOX_RETRY_CAP_MS: wholeNumber(600_000, 1, 86_400_000),
  OUTBOX_RETRY_HORIZON_SECONDS: wholeNumber(86_400, 1, 30 * 86_400),
  OUTBOX_MAX_LEASE_LAPSES: wholeNumber(5, 1, 100),
  OUTBOX_RETENTION_DAYS: wholeNumber(30, 0, 3_650),

  INNGEST_DEV: text,
  INNGEST_BASE_URL: urlWithProtocols(["http:", "https:"], "http://127.0.0.1:8288"),
  INNGEST_EVENT_KEY: text,
  INNGEST_SIGNING_KEY: text,

  METRICS_TOKEN: text,
  METRICS_PUBLIC: flag(false),

  TRUSTED_PROXIES: trustedProxies,
  TRUSTED_PROXY_HOPS: wholeNumber(0, 0, 10),

  // Defaults: what one customer, or one office behind one address, does in a busy hour, with room
  // to spare; an attacker from one address or with one email gets a handful. docs/security.md.
  RATE_LIMIT_BOOKING_IP: rateRule("20/10m"),
  RATE_LIMIT_BOOKING_EMAIL: rateRule("10/1h"),
  RATE_LIMIT_BOOKING_SALON: rateRule("300/10m"),
  RATE_LIMIT_CONFIRMATION_EMAIL: rateRule("3/1h"),
  RATE_LIMIT_AVAILABILITY_IP: rateRule("120/1m"),
  RATE_LIMIT_AVAILABILITY_SALON: rateRule("1200/1m"),
  RATE_LIMIT_MANAGE_IP: rateRule("120/10m"),
  RATE_LIMIT_MANAGE_TOKEN: rateRule("60/10m"),
  RATE_LIMIT_SIGN_IN_ACCOUNT_IP: rateRule("5/15m"),
  RATE_LIMIT_SIGN_IN_ACCOUNT: rateRule("50/15m"),
  RATE_LIMIT_SIGN_IN_IP: rateRule("30/15m"),
  RATE_LIMIT_SIGN_UP_IP: rateRule("5/1h"),
});

export const MIN_AUTH_SECRET_LENGTH = 32;

export interface AppConfig {
  nodeEnv: "development" | "production" | "test";
  production: boolean;
  port: number;
  /** The app's public origin, no trailing slash: links in emails, the Inngest serve origin. */
  appUrl: string;
  /** Absolute folder for the embedded database, the dev mailbox and a generated auth secret. */
  dataDir: string;
  logLevel: LogLevel;
  database: {
    /** Postgres URL; absent → embedded PGlite in `${dataDir}/pglite`. */
    url?: string;
    poolMax: number;
    /** Named prepared statements for the hot queries (db/prepared.ts). */
    prepare: boolean;
    /** A connection attempt fails after this (the server is down or unreachable). */
    connectTimeoutMs: number;
    /** Postgres cancels a statement that runs longer (statement_timeout). */
    statementTimeoutMs: number;
  };
  auth: {
    /** AUTH_SECRET; absent outside production (a generated one is kept in dataDir). */
    secret?: string;
  };
  mail: {
    /** smtp:// or smtps://; absent → the dev mailbox (not in production). */
    smtpUrl?: string;
    from: string;
    messageIdDomain: string;
    maxConnections: number;
    /** A message the server has not answered this long after its send began fails (acceptance unknown). */
    messageTimeoutMs: number;
    connectTimeoutMs: number;
    /** The dev mailbox is used (no SMTP_URL, not production). */
    devMailbox: boolean;
  };
  relay: RelayModeDecision & {
    /** Embedded driver: the lanes' safety-net poll, event lanes, lanes per channel. */
    pollMs: number;
    /** Embedded driver: how long a lane woken soon after a drain lets work gather before the next. */
    gatherMs: number;
    eventLanes: number;
    channelLanes: number;
    /** How much lower the relay worker's CPU priority is than the server's (niceness added). */
    workerNice: number;
    batchSize: number;
    channelBatchSize: number;
    budgetMs: number;
    leaseMs: number;
    retry: { baseMs: number; capMs: number; horizonMs: number; maxLeaseLapses: number };
    retentionDays: number;
  };
  inngest: {
    /** INNGEST_DEV as the SDK reads it: unset, "1", or the dev server's URL. */
    dev?: string;
    baseUrl?: string;
    eventKey?: string;
    signingKey?: string;
  };
  metrics: {
    token?: string;
    /** METRICS_PUBLIC: an operator's explicit choice to serve /api/metrics without a token in production. */
    public: boolean;
  };
  /** Who the client is: the socket's peer, unless proxies in front are configured. */
  proxies: TrustedProxies;
  /** Fixed-window limits per client address, email, salon, manage link or account (lib/rate-limit). */
  rateLimits: RateLimitRules;
}

export interface RateLimitRules {
  bookingPerIp: RateRule | null;
  bookingPerEmail: RateRule | null;
  bookingPerSalon: RateRule | null;
  /** Confirmation emails to one address; bookings past it are made, their email is not sent. */
  confirmationPerEmail: RateRule | null;
  availabilityPerIp: RateRule | null;
  availabilityPerSalon: RateRule | null;
  managePerIp: RateRule | null;
  managePerToken: RateRule | null;
  signInPerAccountAndIp: RateRule | null;
  signInPerAccount: RateRule | null;
  signInPerIp: RateRule | null;
  signUpPerIp: RateRule | null;
}

/** Parses and checks an environment; throws ConfigError naming every bad setting. */
export function loadConfig(env: Env = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  const nodeEnv = e.NODE_ENV ?? "development";
  const production = nodeEnv === "production";

  if (e.AUTH_SECRET !== undefined && e.AUTH_SECRET.length < MIN_AUTH_SECRET_LENGTH) {
    problems.push(`AUTH_SECRET must be at least ${MIN_AUTH_SECRET_LENGTH} characters (openssl rand -base64 32)`);
  }
  if (production && e.AUTH_SECRET === undefined) {
    problems.push("AUTH_SECRET must be set in production (openssl rand -base64 32)");
  }
  let relayMode: RelayModeDecision | undefined;
  try {
    relayMode = decideRelayMode(e);
  } catch (error) {
    problems.push((error as Error).message);
  }
  if (relayMode?.mode === "external" && e.DATABASE_URL === undefined) {
    // PGlite's data folder belongs to the server's process: no other process can relay from it.
    problems.push("RELAY_MODE=external needs DATABASE_URL (a separate relay process cannot open the embedded database)");
  }
  if (e.TRUSTED_PROXIES.list && e.TRUSTED_PROXY_HOPS > 0) {
    problems.push("set TRUSTED_PROXIES or TRUSTED_PROXY_HOPS, not both");
  }
  if (problems.length > 0 || !relayMode) throw new ConfigError(problems);

  return {
    nodeEnv,
    production,
    port: e.PORT,
    appUrl: e.APP_URL ? originOf(e.APP_URL) : `http://localhost:${e.PORT}`,
    // turbopackIgnore: a path from the environment would otherwise make the build trace the whole project.
    dataDir: path.resolve(/*turbopackIgnore: true*/ e.DATA_DIR ?? ".data"),
    logLevel: e.LOG_LEVEL ?? "info",
    database: {
      url: e.DATABASE_URL,
      poolMax: e.DATABASE_POOL_MAX,
      prepare: e.DATABASE_PREPARE,
      connectTimeoutMs: e.DATABASE_CONNECT_TIMEOUT_MS,
      statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
    },
    auth: { secret: e.AUTH_SECRET },
    mail: {
      smtpUrl: e.SMTP_URL,
      from: e.MAIL_FROM ?? "Salon booking <bookings@localhost>",
      messageIdDomain: e.MAIL_MESSAGE_ID_DOMAIN ?? "salon-booking.local",
      maxConnections: e.SMTP_MAX_CONNECTIONS,
      messageTimeoutMs: e.SMTP_TIMEOUT_MS,
      connectTimeoutMs: e.SMTP_CONNECT_TIMEOUT_MS,
      devMailbox: e.SMTP_URL === undefined && !production,
    },
    relay: {
      ...relayMode,
      pollMs: e.EMBEDDED_RELAY_POLL_MS,
      gatherMs: e.EMBEDDED_RELAY_GATHER_MS,
      eventLanes: e.EMBEDDED_RELAY_CONCURRENCY,
      channelLanes: e.EMBEDDED_RELAY_CHANNEL_LANES,
      workerNice: e.RELAY_WORKER_NICE,
      batchSize: e.OUTBOX_BATCH_SIZE,
      channelBatchSize: e.OUTBOX_CHANNEL_BATCH_SIZE,
      budgetMs: e.OUTBOX_BUDGET_MS,
      leaseMs: e.OUTBOX_LEASE_MS,
      retry: {
        baseMs: e.OUTBOX_RETRY_BASE_MS,
        capMs: e.OUTBOX_RETRY_CAP_MS,
        horizonMs: e.OUTBOX_RETRY_HORIZON_SECONDS * 1000,
        maxLeaseLapses: e.OUTBOX_MAX_LEASE_LAPSES,
      },
      retentionDays: e.OUTBOX_RETENTION_DAYS,
    },
    inngest: { dev: e.INNGEST_DEV, baseUrl: e.INNGEST_BASE_URL, eventKey: e.INNGEST_EVENT_KEY, signingKey: e.INNGEST_SIGNING_KEY },
    metrics: { token: e.METRICS_TOKEN, public: e.METRICS_PUBLIC },
    proxies: { ...e.TRUSTED_PROXIES, hops: e.TRUSTED_PROXY_HOPS },
    rateLimits: {
      bookingPerIp: e.RATE_LIMIT_BOOKING_IP,
      bookingPerEmail: e.RATE_LIMIT_BOOKING_EMAIL,
      bookingPerSalon: e.RATE_LIMIT_BOOKING_SALON,
      confirmationPerEmail: e.RATE_LIMIT_CONFIRMATION_EMAIL,
      availabilityPerIp: e.RATE_LIMIT_AVAILABILITY_IP,
      availabilityPerSalon: e.RATE_LIMIT_AVAILABILITY_SALON,
      managePerIp: e.RATE_LIMIT_MANAGE_IP,
      managePerToken: e.RATE_LIMIT_MANAGE_TOKEN,
      signInPerAccountAndIp: e.RATE_LIMIT_SIGN_IN_ACCOUNT_IP,
      signInPerAccount: e.RATE_LIMIT_SIGN_IN_ACCOUNT,
      signInPerIp: e.RATE_LIMIT_SIGN_IN_IP,
      signUpPerIp: e.RATE_LIMIT_SIGN_UP_IP,
    },
  };
}

/** An absolute URL's origin and path without a trailing slash (APP_URL may carry a base path). */
function originOf(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname.replace(/\/+$/, "")}`;
}

const globalForConfig = globalThis as unknown as { __salonConfig?: AppConfig };

/**
 * The process's configuration, read from the environment on first use and kept. Not at import:
 * `next build` imports modules without the production settings (AUTH_SECRET) being present.
 */
export function getConfig(): AppConfig {
  return (globalForConfig.__salonConfig ??= loadConfig(process.env));
}

/** Tests that change the environment start over with this. */
export function resetConfigForTests(): void {
  globalForConfig.__salonConfig = undefined;
}

/** NEXT_RUNTIME / NEXT_PHASE: which Next.js process this is (set by Next.js itself, not an operator). */
export function nextRuntime(): { runtime?: string; phase?: string } {
  return { runtime: process.env.NEXT_RUNTIME, phase: process.env.NEXT_PHASE };
}
