import { existsSync } from "node:fs";
import { getDatabaseHandle, type Database } from "@/db/client";
import { getConfig, type AppConfig } from "@/lib/config/env";
import type { RelayHealth } from "@/lib/health/report";
import { errorFields, log } from "@/lib/log";
import { defaultMailDir } from "@/lib/mail/dev-mailbox";
import { createMailTransport } from "@/lib/mail/transport";
import { createRelayMetrics, observeDelivery, recordRelayOutcome, type RelayMetrics } from "@/lib/metrics/registry";
import { createBookingChannels } from "@/lib/notifications/channels";
import { createSalonSignalHub, type SalonSignalHub } from "@/lib/notifications/hub";
import { subscribeToSalonSignals } from "@/lib/notifications/signals";
import { daySheetCronTask } from "@/lib/day-sheet/cron";
import { relayHolderId, startEmbeddedRelay, type EmbeddedRelay, type EmbeddedRelayOptions } from "@/lib/outbox/drivers/embedded";
import { setNudgeHandler, type Nudge } from "@/lib/outbox/nudge";
import type { OutboxChannel, RelaySettings } from "@/lib/outbox/relay";
import type { RelayMode } from "@/lib/config/relay-mode";
import { relayWorkerEntry } from "@/lib/relay-worker/entry";
import { publishRelayNudge, RELAY_NUDGE_CHANNEL } from "@/lib/relay-worker/nudge-signal";
import { startRelayWorker, type RelayWorker, type RelayWorkerEntry } from "@/lib/relay-worker/supervisor";

// The composition root: the one place that builds the process's long-lived parts — database,
// delivery channels (with their mail transport), the dashboard's signal hub, metrics and the
// relay mode — from the configuration, and hands them to the code that needs them. lib/ modules
// take these as parameters; only this module keeps them, on globalThis so a dev hot reload (and
// every route bundle) finds the same ones.

export interface Runtime {
  config: AppConfig;
  relaySettings: RelaySettings;
  /** The booking notification channels, built on first use (they own the SMTP pool). */
  channels(): OutboxChannel[];
  channelNames: string[];
  metrics: RelayMetrics;
  /** One LISTEN per process, fanned out to every dashboard stream. */
  signals: SalonSignalHub;
  db(): Promise<Database>;
  relay: RelayState;
}

export interface RelayState {
  mode: RelayMode;
  /** Whether this process started its relay (the instrumentation hook ran). */
  running: boolean;
  /** Where the relay's lanes run: this process, its relay worker, or a separate `npm run relay` (null: Inngest, or not started). */
  where: "server" | "worker" | "external" | null;
  /** The lanes, when they run in this process. */
  embedded: EmbeddedRelay | null;
  /** The relay worker, when the lanes run in one (Postgres). */
  worker: RelayWorker | null;
}

const CHANNEL_NAMES = ["dashboard", "owner-email", "customer-email"];

const holder = globalThis as unknown as { __salonRuntime?: Runtime };

/** The process's runtime, built on first use from the configuration. */
export function getRuntime(): Runtime {
  return (holder.__salonRuntime ??= createRuntime(getConfig()));
}

/** What a test puts in place of the process's own parts. */
export interface RuntimeOverrides {
  db?: () => Promise<Database>;
  channels?: () => OutboxChannel[];
}

/** A runtime over a configuration; the process's is getRuntime()'s, tests make their own. */
export function createRuntime(config: AppConfig, overrides: RuntimeOverrides = {}): Runtime {
  let channels: OutboxChannel[] | undefined;
  const metrics = createRelayMetrics();
  const db =
    overrides.db ??
    (async () => {
      const { handle, ready } = getDatabaseHandle();
      await ready;
      return handle.db;
    });
  return {
    config,
    relaySettings: relaySettingsFrom(config),
    channels: overrides.channels ?? (() =>
      (channels ??= createBookingChannels({
        transport: createMailTransport({
          smtpUrl: config.mail.smtpUrl,
          mailDir: defaultMailDir(),
          maxConnections: config.mail.maxConnections,
          messageTimeoutMs: config.mail.messageTimeoutMs,
          connectTimeoutMs: config.mail.connectTimeoutMs,
        }),
        from: config.mail.from,
        messageIdDomain: config.mail.messageIdDomain,
        appUrl: config.appUrl,
      }))),
    channelNames: CHANNEL_NAMES,
    metrics,
    signals: createSalonSignalHub(async (onSignal) => {
      const { handle, ready } = getDatabaseHandle();
      await ready;
      return subscribeToSalonSignals(handle, onSignal);
    }),
    db,
    relay: { mode: config.relay.mode, running: false, where: null, embedded: null, worker: null },
  };
}

/** The relay core's settings, as the configuration gives them. */
export function relaySettingsFrom(config: Pick<AppConfig, "relay">): RelaySettings {
  const r = config.relay;
  return { batchSize: r.batchSize, channelBatchSize: r.channelBatchSize, budgetMs: r.budgetMs, leaseMs: r.leaseMs, retry: r.retry };
}

/** What startRelay is told by its caller. */
export interface StartRelayOptions {
  sendNudgeEvent(nudge: Nudge): Promise<unknown>;
  handleSignals?: boolean;
  /** The relay worker's program, when the embedded relay runs in one (Postgres): relayWorkerEntry() unless a test passes one. */
  worker?: RelayWorkerEntry;
}

/** Starts the runtime's one relay mode, once; instrumentation.ts does it for the process's runtime. */
export function startRelay(runtime: Runtime, options: StartRelayOptions): RelayState {
  const { config } = runtime;
  const state = runtime.relay;
  if (state.running) return state;
  state.running = true;
  for (const warning of config.relay.warnings) log.warn("relay configuration", { warning });

  if (config.relay.mode === "inngest") {
    // The Inngest function (served at /api/inngest) is the relay; a nudge is an event for it —
    // when there is a key to send it with (or a dev server). Otherwise the cron drives the relay
    // and a booking does not pay for a send that cannot succeed.
    const canSend = Boolean(config.inngest.eventKey) || Boolean(config.inngest.dev && config.inngest.dev !== "0" && config.inngest.dev !== "false");
    setNudgeHandler(canSend ? (nudge) => withTimeout(options.sendNudgeEvent(nudge), NUDGE_SEND_TIMEOUT_MS, "outbox/pending send") : null);
    log.info("relay mode", { mode: "inngest", reason: config.relay.reason, served: "/api/inngest", nudges: canSend });
    return state;
  }

  if (config.relay.mode === "external") {
    // A separate `npm run relay` process delivers; it listens for this NOTIFY (one per coalesced
    // nudge, after the commit, never inside a booking's transaction) and polls as a safety net.
    state.where = "external";
    setNudgeHandler(async (nudge) => publishRelayNudge(await runtime.db(), nudge));
    log.info("relay mode", { mode: "external", reason: config.relay.reason, nudges: RELAY_NUDGE_CHANNEL });
    return state;
  }

  const entry = config.database.url ? (options.worker ?? relayWorkerEntry(config)) : null;
  if (entry && !existsSync(entry.script)) {
    log.error("relay worker program missing (npm run build makes it): the relay runs in the server process", { script: entry.script });
  } else if (entry) {
    log.info("relay mode", { mode: "embedded", reason: config.relay.reason, process: "worker" });
    state.where = "worker";
    state.worker = startRelayWorker({
      entry,
      handleSignals: options.handleSignals ?? true,
      nice: config.relay.workerNice,
      onDrain: (message) => {
        for (const [channel, latencyMs] of message.delivered) observeDelivery(runtime.metrics, channel, latencyMs);
        recordRelayOutcome(runtime.metrics, "embedded", message.result);
      },
    });
    setNudgeHandler((nudge) => state.worker?.wake(nudge));
    return state;
  }

  // PGlite: the database lives in this process (one process owns its data folder), so the relay
  // does too. (And, as a fallback, a production server whose worker program was not built.)
  log.info("relay mode", { mode: "embedded", reason: config.relay.reason, process: "server" });
  state.where = "server";
  // Installed at once: a nudge before the database is ready is harmless, the first drain runs anyway.
  setNudgeHandler((nudge) => state.embedded?.wake(nudge));
  // Not awaited: start-up must not block on (or fail with) the database; the driver starts when it is ready.
  void runtime
    .db()
    .then((db) => {
      if (!state.running) return;
      state.embedded = startEmbeddedRelayFor(runtime, db, {
        handleSignals: options.handleSignals ?? true,
        onDelivered: (channel, latencyMs) => observeDelivery(runtime.metrics, channel, latencyMs),
        onDrain: (result) => recordRelayOutcome(runtime.metrics, "embedded", result),
      });
    })
    .catch((error) => {
      log.error("embedded relay could not start: database unavailable", errorFields(error));
    });
  return state;
}

/** The embedded driver's lanes over the runtime's channels and settings: the server's relay on PGlite, the relay worker's on Postgres. */
export function startEmbeddedRelayFor(
  runtime: Runtime,
  db: Database,
  hooks: Pick<EmbeddedRelayOptions, "handleSignals" | "onDelivered" | "onDrain">,
): EmbeddedRelay {
  const { config } = runtime;
  const relay = startEmbeddedRelay(db, {
    channels: runtime.channels(),
    settings: runtime.relaySettings,
    pollMs: config.relay.pollMs,
    gatherMs: config.relay.gatherMs,
    eventLanes: config.relay.eventLanes,
    channelLanes: config.relay.channelLanes,
    retentionDays: config.relay.retentionDays,
    // The owner's day sheets are queued by the relay's housekeeping, wherever the relay runs.
    cron: [daySheetCronTask(db)],
    holder: relayHolderId("embedded"),
    ...hooks,
  });
  log.info("embedded relay started", {
    holder: relay.holder,
    pollMs: config.relay.pollMs,
    gatherMs: config.relay.gatherMs,
    eventLanes: config.relay.eventLanes,
    channelLanes: config.relay.channelLanes,
    batchSize: config.relay.batchSize,
    budgetMs: config.relay.budgetMs,
  });
  return relay;
}

/** The relay's part of /api/health. */
export function relayHealth(state: RelayState): RelayHealth {
  return {
    mode: state.mode,
    running: state.running,
    ...(state.where ? { process: state.where } : {}),
    ...(state.worker ? { worker: { ready: state.worker.ready, restarts: Math.max(0, state.worker.starts - 1) } } : {}),
  };
}

/** Stops the relay a runtime started (tests, shutdown). */
export async function stopRelay(runtime: Runtime): Promise<void> {
  setNudgeHandler(null);
  runtime.relay.running = false;
  await Promise.all([runtime.relay.embedded?.stop(), runtime.relay.worker?.stop()]);
  runtime.relay.embedded = null;
  runtime.relay.worker = null;
}

/** Forgets the process's runtime without stopping anything (tests that change the configuration and start no relay). */
export function forgetRuntimeForTests(): void {
  holder.__salonRuntime = undefined;
}

/** Forgets the process's runtime (tests that change the configuration). */
export async function resetRuntimeForTests(): Promise<void> {
  const runtime = holder.__salonRuntime;
  holder.__salonRuntime = undefined;
  if (!runtime) return;
  await stopRelay(runtime);
  await runtime.signals.close();
}

const NUDGE_SEND_TIMEOUT_MS = 5_000;

// A hung event API must not hold the coalesced nudge forever: give up, the cron catches up.
async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  try {
    await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
