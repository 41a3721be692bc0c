import type { Database } from "@/db/client";
import type { OutboxChannel } from "@/lib/outbox/relay";
import { setNudgeHandler } from "@/lib/outbox/nudge";
import { observeDelivery, recordRelayOutcome } from "@/lib/metrics/registry";
import { getConfig, type AppConfig } from "@/lib/config/env";
import type { RelayMode } from "@/lib/config/relay-mode";
import { startEmbeddedRelay, type EmbeddedRelay } from "./embedded";
import { errorFields, log } from "@/lib/log";

// Start-up of the one relay mode of this process, called from instrumentation.ts. Guarded on
// globalThis so a dev hot reload (or a second register() call) never starts a second driver.

export interface RelayRuntimeDeps {
  getDb(): Promise<Database>;
  /** The process's delivery channels (shared with the Inngest function). */
  getChannels(): OutboxChannel[];
  /** Sends `outbox/pending`, one event per salon nudged (inngest.send); the nudge in Inngest mode. */
  sendNudgeEvent(salonIds: string[]): Promise<unknown>;
  /** Default: the process's configuration. */
  config?: AppConfig;
  /** Stop the embedded driver on SIGTERM/SIGINT; default true. */
  handleSignals?: boolean;
}

export interface ActiveRelay {
  mode: RelayMode;
  /** The embedded driver, once the database is ready (embedded mode only). */
  embedded: EmbeddedRelay | null;
  stop(): Promise<void>;
}

const NUDGE_SEND_TIMEOUT_MS = 5_000;

const globalForRelay = globalThis as unknown as { __salonRelay?: ActiveRelay };

/** The relay this process started, if any. */
export function activeRelay(): ActiveRelay | null {
  return globalForRelay.__salonRelay ?? null;
}

/** What /api/health reports: the mode in force, and whether this process has started it. */
export function relayStatus(config: Pick<AppConfig, "relay"> = getConfig()): { mode: RelayMode; running: boolean } {
  const active = activeRelay();
  if (active) return { mode: active.mode, running: true };
  return { mode: config.relay.mode, running: false };
}

// A hung event API must not hold the coalesced nudge forever: give up, the cron catches up.
function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Starts the relay mode chosen by the environment, once per process; logs which one. */
export function startRelay(deps: RelayRuntimeDeps): ActiveRelay {
  const existing = activeRelay();
  if (existing) return existing;

  const config = deps.config ?? getConfig();
  const decision = config.relay;
  for (const warning of decision.warnings) log.warn("relay configuration", { warning });

  if (decision.mode === "inngest") {
    // The Inngest function (served at /api/inngest) is the relay; a nudge is an event for it.
    setNudgeHandler(async (salonIds) => {
      await withTimeout(deps.sendNudgeEvent(salonIds), NUDGE_SEND_TIMEOUT_MS, "outbox/pending send");
    });
    const active: ActiveRelay = {
      mode: "inngest",
      embedded: null,
      async stop() {
        setNudgeHandler(null);
        globalForRelay.__salonRelay = undefined;
      },
    };
    globalForRelay.__salonRelay = active;
    log.info("relay mode", { mode: "inngest", reason: decision.reason, served: "/api/inngest" });
    return active;
  }

  const settings = config.relay;
  const lanes = config.relay.lanes;
  log.info("relay mode", { mode: "embedded", reason: decision.reason });
  let stopping = false;
  const active: ActiveRelay = {
    mode: "embedded",
    embedded: null,
    async stop() {
      stopping = true;
      setNudgeHandler(null);
      await active.embedded?.stop();
      globalForRelay.__salonRelay = undefined;
    },
  };
  globalForRelay.__salonRelay = active;
  // Installed at once: a nudge before the database is ready is harmless, the first drain runs anyway.
  setNudgeHandler((salonIds) => active.embedded?.wake(salonIds));

  // Not awaited: start-up must not block on (or fail with) the database; the driver starts when it is ready.
  void deps
    .getDb()
    .then((db) => {
      if (stopping) return;
      active.embedded = startEmbeddedRelay(db, {
        channels: deps.getChannels(),
        pollMs: settings.pollMs,
        lanes,
        batchSize: settings.batchSize,
        budgetMs: settings.budgetMs,
        maxAttempts: settings.maxAttempts,
        handleSignals: deps.handleSignals ?? true,
        onDelivered: observeDelivery,
        onDrain: (result) => recordRelayOutcome("embedded", result),
      });
      log.info("embedded relay started", {
        holder: active.embedded.holder,
        pollMs: settings.pollMs,
        lanes,
        batchSize: settings.batchSize,
        budgetMs: settings.budgetMs,
      });
    })
    .catch((error) => {
      log.error("embedded relay could not start: database unavailable", errorFields(error));
    });
  return active;
}
