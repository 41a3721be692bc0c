import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type { Database } from "@/db/client";
import { errorFields, log } from "@/lib/log";
import type { Nudge } from "../nudge";
import { purgeFinishedEvents } from "../purge";
import { addBatch, emptyDrainResult, runChannelBatch, runEventBatch, type DrainResult, type RelaySettings } from "../relay";
import type { DeliveredHook, OutboxChannel } from "../types";

// The embedded relay: the relay core run by the server process itself (or its relay worker)
// when Inngest is not configured. It runs lanes — drain loops with their own lease holders,
// claiming side by side with SKIP LOCKED:
//   event lanes    fan out due events (inline channels delivered at once, queued ones handed on);
//   channel lanes  one set per channel, each delivering that channel's due deliveries.
// So a slow mail server keeps only its own lane busy: the dashboard and the fan-out of new
// bookings go on. A lane drains until nothing is due, then sleeps until woken (a nudge after a
// commit, or an event lane that handed it work) or its poll timer, whichever comes first. A
// wake-up that arrives while a lane drains is remembered and causes one more drain, so it is
// never lost between the drain's last claim and the sleep.

export interface EmbeddedRelayOptions {
  channels: OutboxChannel[];
  settings: RelaySettings;
  /** Safety-net poll interval of every lane. */
  pollMs: number;
  /**
   * A lane woken within this long of its last drain's start waits out the rest before it drains
   * again (EMBEDDED_RELAY_GATHER_MS), so under a stream of bookings it takes several per batch
   * instead of paying a claim and a completion for each; a lane that was quiet drains at once.
   */
  gatherMs?: number;
  /** Event lanes (EMBEDDED_RELAY_CONCURRENCY). */
  eventLanes: number;
  /** Lanes per channel (EMBEDDED_RELAY_CHANNEL_LANES). */
  channelLanes: number;
  /** Finished events older than this are purged (OUTBOX_RETENTION_DAYS), at most every purgeEveryMs. */
  retentionDays: number;
  purgeEveryMs?: number;
  /**
   * Cron work of the app (queueing day sheets), run by the first event lane after a drain at most
   * every `everyMs`, as the Inngest cron does it every minute. It returns how many events it
   * queued; when any, the lane drains again at once.
   */
  cron?: { name: string; everyMs: number; run(now: Date): Promise<number> }[];
  holder?: string;
  /** Stop on SIGTERM/SIGINT (the server passes true; tests leave it off). */
  handleSignals?: boolean;
  onDelivered?: DeliveredHook;
  /** Called after each drain that did any work, with the lane's kind ("events" or the channel). */
  onDrain?: (result: DrainResult, lane: string) => void;
  now?: () => Date;
  random?: () => number;
}

export interface EmbeddedRelay {
  readonly holder: string;
  /**
   * Asks for a drain now (the nudge handler). Salons named get a batch of their own ahead of the
   * next batch of all salons; channels named wake their lanes. Cheap at any rate.
   */
  wake(nudge?: Partial<Nudge>): void;
  /** Stops claiming, lets the batches in hand finish, then resolves. Idempotent. */
  stop(): Promise<void>;
}

const ERROR_BACKOFF_MAX_MS = 30_000;
// Rows per purge are bounded (1,000 per batch): one pass never holds the relay up for long.
const PURGE_MAX_BATCHES = 50;

/** A lease holder name unique to this process (and to this call): host, pid and a random suffix. */
export function relayHolderId(prefix = "relay"): string {
  return `${prefix}-${hostname()}-${process.pid}-${randomBytes(4).toString("hex")}`;
}

interface Lane {
  wakeRequested: boolean;
  sleeper: (() => void) | null;
  /** Waiting out the gather gap: it drains within gatherMs and sees whatever is due by then. */
  gathering: boolean;
}

/** Starts the in-process relay on `db`; the caller wires `wake` to the nudge. */
export function startEmbeddedRelay(db: Database, options: EmbeddedRelayOptions): EmbeddedRelay {
  const holder = options.holder ?? relayHolderId("embedded");
  const purgeEveryMs = options.purgeEveryMs ?? 3_600_000;
  const relayOptions = {
    channels: options.channels,
    settings: options.settings,
    onDelivered: options.onDelivered,
    now: options.now,
    random: options.random,
  };
  let stopping = false;
  const nudgedSalons = new Set<string>(); // salons to give a batch of their own, first come first
  const sleeping = new Set<() => void>(); // every sleep, including error back-offs (for stop)
  const eventLanes: Lane[] = [];
  const channelLanes = new Map<string, Lane[]>();
  let lastPurgeAt = 0;

  // Every lane drains once at start: work may have been committed while we were down.
  const newLane = (): Lane => ({ wakeRequested: true, sleeper: null, gathering: false });

  /** Wakes one idle lane of the set (or marks one busy lane for another drain). */
  function wakeOne(lanes: Lane[]): void {
    // A lane about to drain takes this work too: waking another would undo its gathering.
    if (lanes.some((lane) => lane.gathering)) return;
    const idle = lanes.find((lane) => lane.sleeper);
    const lane = idle ?? lanes[0];
    if (!lane) return;
    lane.wakeRequested = true;
    lane.sleeper?.();
  }

  function wake(nudge: Partial<Nudge> = {}): void {
    for (const salonId of nudge.salonIds ?? []) nudgedSalons.add(salonId);
    if (!nudge.channels?.length || nudge.salonIds?.length) wakeOne(eventLanes);
    for (const channel of nudge.channels ?? []) wakeOne(channelLanes.get(channel) ?? []);
  }

  // A wake-up cuts an idle sleep short but not an error back-off: a database that is down must
  // not be hammered once per booking.
  function sleep(lane: Lane, ms: number, wakeable: boolean): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        if (lane.sleeper === done) lane.sleeper = null;
        sleeping.delete(done);
        resolve();
      }
      sleeping.add(done);
      if (wakeable) lane.sleeper = done;
    });
  }

  // One event drain: batches until nothing more is due, the budget is spent, or stop() was called.
  // Written over runEventBatch so that stop() waits for one batch, not a whole drain.
  async function drainEvents(laneHolder: string): Promise<DrainResult> {
    const total = emptyDrainResult();
    const startedAt = Date.now();
    let backlog = false;
    const handOn = (channels: string[]) => {
      for (const channel of channels) wakeOne(channelLanes.get(channel) ?? []);
    };
    for (;;) {
      // Behind a backlog (the last batch came back full), the salons nudged since go first, one
      // batch each, then every salon's. Without one, a batch of every salon's events takes
      // whatever is due at once, and the nudged salons are forgotten.
      if (backlog) {
        const salonIds = [...nudgedSalons];
        nudgedSalons.clear();
        for (const salonId of salonIds) {
          const batch = await runEventBatch(db, { ...relayOptions, holder: laneHolder, salonId });
          addBatch(total, batch);
          handOn(batch.channelsWithWork);
          if (stopping) return total;
        }
      }
      const batch = await runEventBatch(db, { ...relayOptions, holder: laneHolder });
      addBatch(total, batch);
      handOn(batch.channelsWithWork);
      backlog = batch.claimed >= options.settings.batchSize;
      if (!backlog) nudgedSalons.clear();
      if (!batch.more || stopping) break;
      if (Date.now() - startedAt >= options.settings.budgetMs) {
        total.budgetExhausted = true;
        break;
      }
    }
    return total;
  }

  // One channel drain, likewise batch by batch.
  async function drainChannel(channel: OutboxChannel, laneHolder: string): Promise<DrainResult> {
    const total = emptyDrainResult();
    const startedAt = Date.now();
    for (;;) {
      const batch = await runChannelBatch(db, channel, { ...relayOptions, holder: laneHolder });
      addBatch(total, batch);
      if (!batch.more || stopping) return total;
      if (Date.now() - startedAt >= options.settings.budgetMs) {
        total.budgetExhausted = true;
        return total;
      }
    }
  }

  async function purgeIfDue(): Promise<void> {
    if (Date.now() - lastPurgeAt < purgeEveryMs) return;
    lastPurgeAt = Date.now();
    const purged = await purgeFinishedEvents(db, { retentionDays: options.retentionDays, maxBatches: PURGE_MAX_BATCHES });
    if (purged > 0) log.info("purged finished outbox events", { purged, holder });
  }

  const cronRanAt = new Map<string, number>();
  async function runCron(lane: Lane): Promise<void> {
    for (const task of options.cron ?? []) {
      if (Date.now() - (cronRanAt.get(task.name) ?? 0) < task.everyMs) continue;
      cronRanAt.set(task.name, Date.now());
      const queued = await task.run(options.now?.() ?? new Date());
      if (queued > 0) lane.wakeRequested = true;
    }
  }

  async function loop(lane: Lane, name: string, laneHolder: string, drain: () => Promise<DrainResult>, housekeeping?: () => Promise<void>): Promise<void> {
    let failures = 0;
    let drainedAt = -Infinity;
    while (!stopping) {
      if (!lane.wakeRequested) await sleep(lane, options.pollMs, true);
      if (stopping) break;
      // Woken soon after the last drain: let more work gather (what arrives meanwhile is seen by
      // this drain; a wake-up during the wait needs nothing more).
      const gather = drainedAt + (options.gatherMs ?? 0) - Date.now();
      if (gather > 0) {
        lane.gathering = true;
        await sleep(lane, gather, false);
        lane.gathering = false;
      }
      if (stopping) break;
      drainedAt = Date.now();
      lane.wakeRequested = false;
      try {
        const result = await drain();
        if (result.batches > 0) options.onDrain?.(result, name);
        // A spent budget means work is still due: go again, after letting the event loop breathe.
        if (result.budgetExhausted) {
          lane.wakeRequested = true;
          await new Promise((resolve) => setImmediate(resolve));
        }
        await housekeeping?.();
        failures = 0;
      } catch (error) {
        // The database is unreachable or a statement failed: log the cause, back off, try again.
        failures += 1;
        const delay = Math.min(ERROR_BACKOFF_MAX_MS, options.pollMs * 2 ** Math.min(failures - 1, 10));
        log.error("embedded relay drain failed", { holder: laneHolder, lane: name, failures, retryInMs: delay, ...errorFields(error) });
        if (!stopping) await sleep(lane, delay, false);
      }
    }
  }

  const loops: Promise<void>[] = [];
  for (let i = 0; i < Math.max(1, options.eventLanes); i++) {
    const lane = newLane();
    eventLanes.push(lane);
    const laneHolder = `${holder}-e${i}`;
    const housekeeping = async () => {
      await purgeIfDue();
      await runCron(lane);
    };
    loops.push(loop(lane, "events", laneHolder, () => drainEvents(laneHolder), i === 0 ? housekeeping : undefined));
  }
  for (const channel of options.channels) {
    const lanes: Lane[] = [];
    channelLanes.set(channel.name, lanes);
    for (let i = 0; i < Math.max(1, options.channelLanes); i++) {
      const lane = newLane();
      lanes.push(lane);
      const laneHolder = `${holder}-${channel.name}-${i}`;
      loops.push(loop(lane, channel.name, laneHolder, () => drainChannel(channel, laneHolder)));
    }
  }
  const running = Promise.all(loops);

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
