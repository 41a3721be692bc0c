// The polling publisher of the transactional outbox: claim due events, fan them out to the
// channels, record the outcome. Framework-free: the Inngest function and the embedded driver
// both call drainOutbox / runRelayBatch with a database and a set of channels.
import type { Database } from "@/db/client";
import { getConfig } from "@/lib/config/env";
import { claimDueEvents } from "./claim";
import { completeClaimedEvents } from "./complete";
import { deliverClaimedEvents } from "./deliver";
import type { OutboxChannel } from "./types";

export { claimDueEvents } from "./claim";
export { purgeSentEvents } from "./purge";
export { outboxStats, retryDeadEvent } from "./admin";
export type { ChannelContext, ChannelResult, ClaimedEvent, OutboxChannel, OutboxEvent } from "./types";

export interface RelayOptions {
  /** Who holds the lease: unique per relay process or run (hostname-pid-random). */
  holder: string;
  channels: OutboxChannel[];
  /** Events per claim; default env OUTBOX_BATCH_SIZE or 200. */
  batchSize?: number;
  /** Stop claiming after this long; default env OUTBOX_BUDGET_MS or 30000. */
  budgetMs?: number;
  /** How long a claim is ours before another relay may take it over; default 60000. */
  leaseMs?: number;
  /** Failures before an event is dead; default env OUTBOX_MAX_ATTEMPTS or 8. */
  maxAttempts?: number;
  now?: () => Date;
  /** Called per channel delivery with commit-to-delivered latency (metrics). */
  onDelivered?: (channel: string, latencyMs: number) => void;
  /** A channel call slower than this counts as failed; default half the lease. */
  channelTimeoutMs?: number;
  /** Jitter source for the backoff (tests). */
  random?: () => number;
  /** Drain only this salon's events (a salon's own Inngest run); every salon's when absent. */
  salonId?: string;
}

export interface DrainResult {
  claimed: number;
  sent: number;
  retried: number;
  dead: number;
  batches: number;
  budgetExhausted: boolean;
}

/** A drain that has done nothing yet: the start of a sum of batches (addBatch). */
export function emptyDrainResult(): DrainResult {
  return { claimed: 0, sent: 0, retried: 0, dead: 0, batches: 0, budgetExhausted: false };
}

/** Adds one batch's counts to a running total (the drivers sum their batches with it). */
export function addBatch(total: DrainResult, batch: DrainResult): void {
  total.claimed += batch.claimed;
  total.sent += batch.sent;
  total.retried += batch.retried;
  total.dead += batch.dead;
  total.batches += batch.batches;
}

interface ResolvedOptions extends Required<Omit<RelayOptions, "onDelivered" | "random" | "salonId">> {
  onDelivered?: RelayOptions["onDelivered"];
  random?: RelayOptions["random"];
  salonId?: string;
}

function resolveOptions(options: RelayOptions): ResolvedOptions {
  const leaseMs = options.leaseMs ?? 60_000;
  const config = getConfig().relay;
  return {
    ...options,
    batchSize: options.batchSize ?? config.batchSize,
    budgetMs: options.budgetMs ?? config.budgetMs,
    leaseMs,
    maxAttempts: options.maxAttempts ?? config.maxAttempts,
    now: options.now ?? (() => new Date()),
    channelTimeoutMs: options.channelTimeoutMs ?? Math.floor(leaseMs / 2),
  };
}

/** Exactly one claim → deliver → complete. `more` says whether another batch is likely due. */
export async function runRelayBatch(db: Database, options: RelayOptions): Promise<DrainResult & { more: boolean }> {
  const o = resolveOptions(options);
  let deadLettered = 0;
  const events = await claimDueEvents(db, {
    holder: o.holder,
    limit: o.batchSize,
    leaseMs: o.leaseMs,
    now: o.now(),
    salonId: o.salonId,
    maxAttempts: o.maxAttempts,
    onDeadLettered: (count) => (deadLettered = count),
  });
  // Whatever the claim dead-lettered counts as dead, and took a place in the batch.
  const full = events.length + deadLettered >= o.batchSize;
  if (events.length === 0) return { ...emptyDrainResult(), dead: deadLettered, more: full };
  const outcomes = await deliverClaimedEvents(db, events, {
    channels: o.channels,
    now: o.now,
    channelTimeoutMs: o.channelTimeoutMs,
    onDelivered: o.onDelivered,
  });
  const done = await completeClaimedEvents(db, outcomes, {
    holder: o.holder,
    now: o.now(),
    maxAttempts: o.maxAttempts,
    random: o.random,
  });
  return {
    claimed: events.length,
    sent: done.sent,
    retried: done.retried,
    dead: done.dead + deadLettered,
    batches: 1,
    budgetExhausted: false,
    // A full batch means more may be waiting; so does a sent event with a successor of its
    // booking, which has just become due. (Released events wait behind a failure's backoff.)
    more: full || outcomes.events.some((e) => e.kind === "sent" && e.event.hasLater),
  };
}

/** Runs batches until nothing is due or the time budget is spent (checked between batches). */
export async function drainOutbox(db: Database, options: RelayOptions): Promise<DrainResult> {
  const o = resolveOptions(options);
  const started = performance.now();
  const total = emptyDrainResult();
  for (;;) {
    const batch = await runRelayBatch(db, o);
    addBatch(total, batch);
    if (!batch.more) return total;
    if (performance.now() - started >= o.budgetMs) {
      total.budgetExhausted = true;
      return total;
    }
  }
}
