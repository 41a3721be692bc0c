import { hostname } from "node:os";
import { randomBytes } from "node:crypto";

// Relay settings from the environment, bounded so a typo cannot make one run outlive a
// serverless platform's limit (15 min) or claim an unbounded batch.

type Env = Record<string, string | undefined>;

export interface RelaySettings {
  batchSize: number;
  budgetMs: number;
  maxAttempts: number;
  pollMs: number;
}

function boundedInt(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    console.warn(JSON.stringify({ msg: "ignoring out-of-range relay setting", name, value: raw, min, max, using: fallback }));
    return fallback;
  }
  return value;
}

/** OUTBOX_BATCH_SIZE, OUTBOX_BUDGET_MS, OUTBOX_MAX_ATTEMPTS and EMBEDDED_RELAY_POLL_MS, with their defaults. */
export function relaySettingsFromEnv(env: Env = process.env): RelaySettings {
  return {
    batchSize: boundedInt(env, "OUTBOX_BATCH_SIZE", 200, 1, 5_000),
    budgetMs: boundedInt(env, "OUTBOX_BUDGET_MS", 30_000, 1_000, 600_000),
    maxAttempts: boundedInt(env, "OUTBOX_MAX_ATTEMPTS", 8, 1, 100),
    pollMs: boundedInt(env, "EMBEDDED_RELAY_POLL_MS", 2_000, 50, 300_000),
  };
}

/** EMBEDDED_RELAY_CONCURRENCY: the embedded driver's drain loops (default 4). */
export function embeddedRelayLanesFromEnv(env: Env = process.env): number {
  return boundedInt(env, "EMBEDDED_RELAY_CONCURRENCY", 4, 1, 32);
}

/** A lease holder name unique to this process (and to this call): host, pid and a random suffix. */
export function relayHolderId(prefix = "relay"): string {
  return `${prefix}-${hostname()}-${process.pid}-${randomBytes(4).toString("hex")}`;
}
