import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { getConfig, type AppConfig } from "@/lib/config/env";

// The relay's settings, as the config module checked them (bounded, so a typo cannot make one run
// outlive a serverless platform's limit or claim an unbounded batch: a bad value stops the start).

export interface RelaySettings {
  batchSize: number;
  budgetMs: number;
  maxAttempts: number;
  pollMs: number;
}

/** OUTBOX_BATCH_SIZE, OUTBOX_BUDGET_MS, OUTBOX_MAX_ATTEMPTS and EMBEDDED_RELAY_POLL_MS. */
export function relaySettings(config: Pick<AppConfig, "relay"> = getConfig()): RelaySettings {
  const { batchSize, budgetMs, maxAttempts, pollMs } = config.relay;
  return { batchSize, budgetMs, maxAttempts, pollMs };
}

/** A lease holder name unique to this process (and to this call): host, pid and a random suffix. */
export function relayHolderId(prefix = "relay"): string {
  return `${prefix}-${hostname()}-${process.pid}-${randomBytes(4).toString("hex")}`;
}
