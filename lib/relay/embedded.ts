import type { Database } from "@/db/client";
import { addBatch, emptyDrainResult, purgeSentEvents, runRelayBatch, type DrainResult, type OutboxChannel } from "@/lib/outbox/relay";
import { relayHolderId, relaySettings } from "./config";
import { errorFields, log } from "@/lib/log";

// The embedded relay: the same relay core the Inngest function runs, driven in-process by the
// Next.js server when Inngest is not configured. It drains until nothing is due, then sleeps
// until a nudge (a booking just committed) or the poll timer (the safety net), whichever comes
// first. A nudge that arrives while a drain runs is remembered and causes one more drain, so a
// wake-up is never lost between the drain's last claim and the sleep.
//
// It runs several lanes — drain loops with their own lease holders, claiming side by side with
// SKIP LOCKED — so a booking committed while one lane is busy sending a batch of emails is claimed
// by an idle lane at once instead of waiting for that batch. A nudge wakes one idle lane; per-booking
// order holds across lanes because a later event is never claimed while an earlier one is unsent.

export interface EmbeddedRelayOptions {
  channels: OutboxChannel[];
  /** Safety-net poll interval; default EMBEDDED_RELAY_POLL_MS or 2000. */
  pollMs?: number;
  /** Drain loops side by side; default 1 (the server passes EMBEDDED_RELAY_CONCURRENCY). */
  lanes?: number;
  batchSize?: number;
  /** Per-drain budget, after which the driver yields before draining again; default OUTBOX_BUDGET_MS. */
  budgetMs?: number;
  maxAttempts?: number;
  leaseMs?: number;
  /** How often sent rows past retention are purged; default hourly. */
  purgeEveryMs?: number;
  holder?: string;
  /** Stop on SIGTERM/SIGINT (the server passes true; tests leave it off). */
  handleSignals?: boolean;
  onDelivered?: (channel: string, latencyMs: number) => void;
  /** Called after each drain that did any work. */
  onDrain?: (result: DrainResult) => void;
}

export interface EmbeddedRelay {
  readonly holder: string;
  /**
   * Ask for a drain now (the nudge handler), with the salons whose events were just committed:
   * each gets a batch of its own ahead of the next batch of all salons. Cheap at any rate.
   */
  wake(salonIds?: string[]): void;
  /** Stops claiming, lets the current batch finish, then resolves. Idempotent. */
  stop(): Promise<void>;
}

const ERROR_BACKOFF_MAX_MS = 30_000;
// Rows per purge are bounded (1,000 per batch): one pass never holds the relay up for long.
const PURGE_MAX_BATCHES = 50;

/** Starts the in-process relay loop on `db`; the caller wires `wake` to the nudge. */
export function startEmbeddedRelay(db: Database, options: EmbeddedRelayOptions): EmbeddedRelay {
  const settings = relaySettings();
  const pollMs = options.pollMs ?? settings.pollMs;
  const budgetMs = options.budgetMs ?? settings.budgetMs;
  const purgeEveryMs = options.purgeEveryMs ?? 3_600_000;
  const holder = options.holder ?? relayHolderId("embedded");
  const lanes = Math.max(1, Math.floor(options.lanes ?? 1));
  const relayOptions = {
    channels: options.channels,
    batchSize: options.batchSize ?? settings.batchSize,
    maxAttempts: options.maxAttempts ?? settings.maxAttempts,
    leaseMs: options.leaseMs,
    onDelivered: options.onDelivered,
  };

  let stopping = false;
  let wakeRequested = true; // drain once at start: work may have been committed while we were down
  const idle = new Set<() => void>(); // idle sleeps a nudge may end, oldest first
  const nudgedSalons = new Set<string>(); // salons to give a batch of their own, first come first
  const sleeping = new Set<() => void>(); // every sleep, including error back-offs (for stop)
  let lastPurgeAt = 0;

  function wake(salonIds: string[] = []): void {
    for (const salonId of salonIds) nudgedSalons.add(salonId);
    wakeRequested = true;
    const [first] = idle;
    first?.();
  }

  // A nudge cuts an idle sleep short but not an error back-off: a database that is down must
  // not be hammered once per booking.
  function sleep(ms: number, wakeable: boolean): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        idle.delete(done);
        sleeping.delete(done);
        resolve();
      }
      sleeping.add(done);
      if (wakeable) idle.add(done);
    });
  }

  // One drain: batches until nothing more is due, the budget is spent, or stop() was called.
  // Written over runRelayBatch (not drainOutbox) so that stop() waits for one batch, not a whole drain.
  async function drain(laneHolder: string): Promise<DrainResult> {
    const total = emptyDrainResult();
    const startedAt = Date.now();
    let backlog = false;
    for (;;) {
      // Behind a backlog (the last batch came back full), the salons nudged since go first, one
      // batch each, then every salon's. Without one, a batch of every salon's events takes
      // whatever is due at once, and the nudged salons are forgotten.
      if (backlog) {
        for (const salonId of takeNudgedSalons()) {
          addBatch(total, await runRelayBatch(db, { ...relayOptions, holder: laneHolder, budgetMs, salonId }));
          if (stopping) return total;
        }
      }
      const batch = await runRelayBatch(db, { ...relayOptions, holder: laneHolder, budgetMs });
      addBatch(total, batch);
      backlog = batch.claimed >= relayOptions.batchSize;
      if (!backlog) nudgedSalons.clear();
      if (!batch.more || stopping) break;
      if (Date.now() - startedAt >= budgetMs) {
        total.budgetExhausted = true;
        break;
      }
    }
    return total;
  }

  function takeNudgedSalons(): string[] {
    const salonIds = [...nudgedSalons];
    nudgedSalons.clear();
    return salonIds;
  }

  async function purgeIfDue(): Promise<void> {
    if (Date.now() - lastPurgeAt < purgeEveryMs) return;
    lastPurgeAt = Date.now();
    const purged = await purgeSentEvents(db, { maxBatches: PURGE_MAX_BATCHES });
    if (purged > 0) log.info("purged sent outbox events", { purged, holder });
  }

  async function loop(laneHolder: string): Promise<void> {
    let failures = 0;
    while (!stopping) {
      if (!wakeRequested) await sleep(pollMs, true);
      if (stopping) break;
      wakeRequested = false;
      try {
        const result = await drain(laneHolder);
        if (result.batches > 0) options.onDrain?.(result);
        // A spent budget means work is still due: go again, after letting the event loop breathe.
        if (result.budgetExhausted) {
          wakeRequested = true;
          await new Promise((resolve) => setImmediate(resolve));
        }
        await purgeIfDue();
        failures = 0;
      } catch (error) {
        // The database is unreachable or a statement failed: log the cause, back off, try again.
        failures += 1;
        const delay = Math.min(ERROR_BACKOFF_MAX_MS, pollMs * 2 ** Math.min(failures - 1, 10));
        log.error("embedded relay drain failed", { holder: laneHolder, failures, retryInMs: delay, ...errorFields(error) });
        if (!stopping) await sleep(delay, false);
      }
    }
  }

  // Each lane is a lease holder of its own: a lane can only complete what it claimed itself.
  const running = Promise.all(Array.from({ length: lanes }, (_, lane) => loop(lanes === 1 ? holder : `${holder}-${lane}`)));

  const signals: NodeJS.Signals[] = ["SIGTERM", "SIGINT"];
  const onSignal = (signal: NodeJS.Signals) => {
    void stop().then(() => {
      // Nobody else is listening (e.g. not under `next start`): restore the default, exit.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  };
  if (options.handleSignals) for (const signal of signals) process.once(signal, onSignal);

  let stopped: Promise<void> | null = null;
  function stop(): Promise<void> {
    if (!stopped) {
      stopping = true;
      for (const done of [...sleeping]) done();
      if (options.handleSignals) for (const signal of signals) process.removeListener(signal, onSignal);
      stopped = running.then(() => {
        log.info("embedded relay stopped", { holder });
      });
    }
    return stopped;
  }

  return { holder, wake, stop };
}
