// The polling publisher of the transactional outbox. Two kinds of batch, both framework-free, run
// by the embedded driver and the Inngest function alike:
//   runEventBatch    claim due events → deliver inline channels → write every channel's delivery
//   runChannelBatch  claim one channel's due deliveries → deliver → record each outcome
// Each channel's deliveries have their own state and schedule, so channels never wait on each other.
import type { Database } from "@/db/client";
import { retryOnDeadlock } from "@/lib/db-errors";
import { claimDueDeliveries, type ClaimedDelivery } from "./claim-deliveries";
import { claimDueEvents } from "./claim-events";
import { completeDeliveries, extendDeliveryLeases, type DeliveryOutcome } from "./complete-deliveries";
import { completeFanOut } from "./complete-events";
import { errorMessage, fanOutEvents, latencySince } from "./fan-out";
import { afterFailure, giveUpReason, isExpired, type RetryPolicy } from "./retry-policy";
import type { ChannelResult, DeliveredHook, OutboxChannel } from "./types";

export type { ChannelContext, ChannelResult, FailureClass, OutboxChannel, OutboxEvent } from "./types";

/** How the relay runs; every value comes from the configuration (lib/config/env.ts) or a test. */
export interface RelaySettings {
  /** Events per fan-out claim. */
  batchSize: number;
  /** Deliveries per channel claim. */
  channelBatchSize: number;
  /** A run (an Inngest invocation, one embedded drain) stops claiming after this long. */
  budgetMs: number;
  /** How long a claim is ours before another relay may take it over. */
  leaseMs: number;
  retry: RetryPolicy;
}

export interface RelayOptions {
  /** Who holds the lease: unique per relay process or lane (hostname-pid-random). */
  holder: string;
  channels: OutboxChannel[];
  settings: RelaySettings;
  now?: () => Date;
  onDelivered?: DeliveredHook;
  /** Jitter source for the backoff (tests). */
  random?: () => number;
  /** Fan out only this salon's events (a salon's own Inngest run); every salon's when absent. */
  salonId?: string;
}

export interface DrainResult {
  /** Events claimed for fan-out. */
  claimed: number;
  /** Events finished (every channel delivered or given up). */
  done: number;
  /** Channel deliveries that went through, at fan-out or in a channel lane. */
  delivered: number;
  /** Channel deliveries that failed and wait for their retry. */
  retried: number;
  /** Channel deliveries given up (permanent failure, horizon, expiry, lapsed leases). */
  givenUp: number;
  batches: number;
  budgetExhausted: boolean;
}

/** A drain that has done nothing yet: the start of a sum of batches (addBatch). */
export function emptyDrainResult(): DrainResult {
  return { claimed: 0, done: 0, delivered: 0, retried: 0, givenUp: 0, batches: 0, budgetExhausted: false };
}

/** Adds one batch's counts to a running total (the drivers sum their batches with it). */
export function addBatch(total: DrainResult, batch: DrainResult): void {
  total.claimed += batch.claimed;
  total.done += batch.done;
  total.delivered += batch.delivered;
  total.retried += batch.retried;
  total.givenUp += batch.givenUp;
  total.batches += batch.batches;
}

/** A batch's counts, whether another batch is likely due, and which channel lanes got work. */
export type BatchResult = DrainResult & { more: boolean; channelsWithWork: string[] };

/** One event batch: claim → inline channels → every channel's delivery written. */
export async function runEventBatch(db: Database, options: RelayOptions): Promise<BatchResult> {
  const now = options.now ?? (() => new Date());
  const { settings } = options;
  const events = await claimDueEvents(db, {
    holder: options.holder,
    limit: settings.batchSize,
    leaseMs: settings.leaseMs,
    now: now(),
    salonId: options.salonId,
    maxLeaseLapses: settings.retry.maxLeaseLapses,
  });
  if (events.length === 0) return { ...emptyDrainResult(), more: false, channelsWithWork: [] };
  const plan = await fanOutEvents(db, events, {
    channels: options.channels,
    now,
    policy: settings.retry,
    inlineTimeoutMs: Math.floor(settings.leaseMs / 2),
    onDelivered: options.onDelivered,
    random: options.random,
  });
  // A completion that Postgres cancels as a deadlock wrote nothing, so it is safe to run again; left
  // unrecorded, what was delivered would be delivered again once its lease lapsed.
  const written = await retryOnDeadlock(() => completeFanOut(db, plan, { holder: options.holder, now: now() }));
  let delivered = 0;
  for (const list of plan.delivered.values()) delivered += list.ids.length;
  return {
    claimed: events.length,
    done: written.done,
    delivered,
    retried: plan.other.filter((d) => d.status === "pending").length,
    givenUp: plan.other.filter((d) => d.status === "given_up").length,
    batches: 1,
    budgetExhausted: false,
    // A full batch means more may be waiting; so does an event with a successor of its aggregate,
    // which has just become claimable.
    more: events.length >= settings.batchSize || events.some((e) => e.hasLater),
    channelsWithWork: [...plan.channelsWithWork],
  };
}

// Outcomes a channel reports while it works are written in small groups, so a message the mail
// server accepted is on record within moments even if the rest of its batch is slow, and a relay
// killed mid-batch repeats only what was in flight.
const FLUSH_EVERY_MS = 20;
const FLUSH_AT_COUNT = 64;

/** One batch of one channel's due deliveries: claim → deliver → record each outcome as it comes. */
export async function runChannelBatch(db: Database, channel: OutboxChannel, options: RelayOptions): Promise<BatchResult> {
  const now = options.now ?? (() => new Date());
  const { settings } = options;
  const policy = settings.retry;
  const claimed = await claimDueDeliveries(db, {
    channel: channel.name,
    holder: options.holder,
    limit: settings.channelBatchSize,
    leaseMs: settings.leaseMs,
    now: now(),
  });
  const result: BatchResult = { ...emptyDrainResult(), batches: claimed.length > 0 ? 1 : 0, more: false, channelsWithWork: [] };
  if (claimed.length === 0) return result;

  const honours = channel.honoursExpiry === true;
  const byId = new Map(claimed.map((c) => [c.event.id, c]));
  const outcomes: DeliveryOutcome[] = [];
  const toDeliver: ClaimedDelivery[] = [];
  const startedAt = now();
  for (const c of claimed) {
    if (c.leaseLapses >= policy.maxLeaseLapses) {
      outcomes.push(gaveUp(c, "lease", c.lastError, policy, false));
    } else if (isExpired(c.event.expiresAt, honours, startedAt)) {
      outcomes.push(gaveUp(c, "expired", c.lastError, policy, false));
    } else if (c.attempts > 0 && c.giveUpAt && c.giveUpAt.getTime() <= startedAt.getTime()) {
      // Retried for the whole horizon already (a delivery never tried is tried once, however late).
      outcomes.push(gaveUp(c, "transient", c.lastError, policy, false));
    } else {
      toDeliver.push(c);
    }
  }

  const recorder = createRecorder(db, channel.name, options.holder, now, result);
  recorder.add(outcomes);
  const pending = new Set(toDeliver.map((c) => c.event.id));
  const toOutcome = (r: ChannelResult): DeliveryOutcome | undefined => {
    const c = byId.get(r.eventId);
    if (!c || !pending.delete(r.eventId)) return undefined; // unknown, or reported twice
    if (r.ok) {
      const latencyMs = latencySince(c.event.dueAt, now());
      options.onDelivered?.(channel.name, latencyMs);
      return { eventId: r.eventId, status: "delivered", latencyMs };
    }
    const next = afterFailure(r.failure, c.attempts + 1, c.giveUpAt, c.event.expiresAt, honours, now(), policy, options.random);
    return next.kind === "retry"
      ? { eventId: r.eventId, status: "pending", nextAttemptAt: next.at, error: r.error, failure: "transient" }
      : gaveUp(c, next.failure, r.error, policy, true);
  };

  if (toDeliver.length > 0) {
    // A slow channel keeps what it holds: the leases of unfinished deliveries are extended while it works.
    const heartbeat = setInterval(() => {
      void extendDeliveryLeases(db, channel.name, [...pending], {
        holder: options.holder,
        leaseExpiresAt: new Date(now().getTime() + settings.leaseMs),
      }).catch(() => {});
    }, Math.max(1_000, Math.floor(settings.leaseMs / 3)));
    let results: ChannelResult[];
    try {
      results = await channel.deliver(
        toDeliver.map((c) => c.event),
        {
          db,
          now: now(),
          report: (r) => {
            const outcome = toOutcome(r);
            if (outcome) recorder.add([outcome]);
          },
        },
      );
    } catch (error) {
      // A channel that throws has sent nothing it did not report: what is left failed, transiently.
      results = [...pending].map((eventId) => ({ eventId, ok: false as const, error: errorMessage(error), failure: "transient" as const }));
    } finally {
      clearInterval(heartbeat);
    }
    const rest: DeliveryOutcome[] = [];
    for (const r of results) {
      const outcome = toOutcome(r);
      if (outcome) rest.push(outcome);
    }
    for (const eventId of [...pending]) {
      const outcome = toOutcome({ eventId, ok: false, error: "channel returned no result", failure: "transient" });
      if (outcome) rest.push(outcome);
    }
    recorder.add(rest);
  }
  const successors = await recorder.close();
  // A full batch means more may be waiting; so does a finished delivery's successor on this
  // channel, which has just become claimable. (One written after this batch finished wakes the lane
  // itself: the fan-out that wrote it hands it on.)
  result.more = claimed.length >= settings.channelBatchSize || successors > 0;
  return result;
}

function gaveUp(c: ClaimedDelivery, failure: "transient" | "permanent" | "expired" | "lease", lastError: string | null, policy: RetryPolicy, attempted: boolean): DeliveryOutcome {
  return { eventId: c.event.id, status: "given_up", error: giveUpReason(failure, lastError, policy), failure, attempted };
}

/**
 * Writes outcomes in small groups, one statement at a time, and adds what it wrote to `result`;
 * close() says how many finished deliveries have a successor waiting on the channel.
 */
function createRecorder(db: Database, channel: string, holder: string, now: () => Date, result: DrainResult) {
  let buffer: DeliveryOutcome[] = [];
  let successors = 0;
  let writing: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let failure: unknown;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (buffer.length === 0) return;
    const batch = buffer;
    buffer = [];
    writing = writing.then(async () => {
      try {
        // Cancelled as a deadlock, it wrote nothing: run it again rather than leave accepted mail unrecorded.
        const counts = await retryOnDeadlock(() => completeDeliveries(db, channel, batch, { holder, now: now() }));
        result.delivered += counts.delivered;
        result.retried += counts.retried;
        result.givenUp += counts.givenUp;
        result.done += counts.done;
        successors += counts.successors;
      } catch (error) {
        failure ??= error;
      }
    });
  };
  return {
    add(outcomes: DeliveryOutcome[]) {
      if (outcomes.length === 0) return;
      buffer.push(...outcomes);
      if (buffer.length >= FLUSH_AT_COUNT) flush();
      else timer ??= setTimeout(flush, FLUSH_EVERY_MS);
    },
    async close(): Promise<number> {
      flush();
      await writing;
      // Unrecorded outcomes leave their deliveries leased: they are tried again once the lease lapses.
      if (failure) throw failure;
      return successors;
    },
  };
}

/** Runs event batches until nothing is due or the budget is spent (checked between batches). */
export async function drainEvents(db: Database, options: RelayOptions): Promise<DrainResult & { channelsWithWork: string[] }> {
  const started = performance.now();
  const total = { ...emptyDrainResult(), channelsWithWork: [] as string[] };
  const withWork = new Set<string>();
  for (;;) {
    const batch = await runEventBatch(db, options);
    addBatch(total, batch);
    for (const c of batch.channelsWithWork) withWork.add(c);
    if (!batch.more) break;
    if (performance.now() - started >= options.settings.budgetMs) {
      total.budgetExhausted = true;
      break;
    }
  }
  total.channelsWithWork = [...withWork];
  return total;
}

/** Runs one channel's batches until nothing of it is due or the budget is spent. */
export async function drainChannel(db: Database, channel: OutboxChannel, options: RelayOptions): Promise<DrainResult> {
  const started = performance.now();
  const total = emptyDrainResult();
  for (;;) {
    const batch = await runChannelBatch(db, channel, options);
    addBatch(total, batch);
    if (!batch.more) return total;
    if (performance.now() - started >= options.settings.budgetMs) {
      total.budgetExhausted = true;
      return total;
    }
  }
}

/** Everything due, events first, then every channel's deliveries: tests, scripts, the Inngest cron. */
export async function drainOutbox(db: Database, options: RelayOptions): Promise<DrainResult> {
  const total = emptyDrainResult();
  // Until a pass finds nothing: a channel's delivery may make a later delivery of its aggregate due.
  for (;;) {
    const events = await drainEvents(db, options);
    addBatch(total, events);
    let channelBatches = 0;
    for (const channel of options.channels) {
      const drained = await drainChannel(db, channel, options);
      addBatch(total, drained);
      channelBatches += drained.batches;
    }
    if (events.claimed === 0 && channelBatches === 0) return total;
  }
}
