import type { Database } from "@/db/client";
import { isUuid } from "@/lib/uuid";
import { addBatch, emptyDrainResult, purgeSentEvents, runRelayBatch, type OutboxChannel } from "@/lib/outbox/relay";
import { recordRelayOutcome } from "@/lib/metrics/registry";
import { relayHolderId, relaySettings, type RelaySettings } from "@/lib/relay/config";
import { inngest, OUTBOX_PENDING_EVENT } from "./client";

// The outbox relay as an Inngest function: a cron every minute (the safety net) and the
// `outbox/pending` event (the nudge sent after each booking commit).
//
// Steps: one `relay-batch-<n>` step per claim→deliver→complete batch, until a batch reports that
// nothing more is due or the run's time budget is spent, so a retried run replays finished
// batches from Inngest's memo instead of redoing them; inside a batch that is retried, the
// per-channel deliveries rows make the relay skip channels that already succeeded.
//
// Fairness between salons: every booking's nudge names its salon, and a nudge run drains that
// salon's events only (claims filtered by salon, on outbox_salon_due_idx). The singleton key is
// the salon, so each salon has at most one run at a time, and a burst from one salon keeps its own
// run busy while another salon's booking starts a run of its own at once instead of waiting
// behind the burst. The cron (and a nudge without a salon) drains every salon, oldest due first,
// under a key of its own: the safety net for nudges that were skipped or lost.
//
// Runs do not pile up: `singleton: { mode: "skip" }` drops any trigger that arrives while a run
// with the same key is active — that run is draining everything of that key that is due anyway.
// A nudge skipped in the few milliseconds after the active run's last claim is caught by the next
// nudge or, at worst, the next minute's cron. We prefer that to `concurrency: { limit: 1 }`, which
// would queue one run per nudge (one per booking burst) behind the active one. So at most one run
// per salon with fresh bookings, plus the cron's, is active at once, each bounded by its budget.
//
// Purging sent rows past retention happens on the cron runs only, so that nudge runs end right
// after their last claim (keeping the skip window above short).

export interface RelayFunctionDeps {
  getDb(): Promise<Database>;
  getChannels(): OutboxChannel[];
  settings?: () => RelaySettings;
  onDelivered?: (channel: string, latencyMs: number) => void;
}

/** Upper bound on batch steps per run (Inngest caps a run's steps; the budget normally ends it first). */
export const MAX_BATCH_STEPS = 100;
const CRON_EVENT = "inngest/scheduled.timer";
/** The singleton key: a nudge's salon, or one shared key for the cron and salon-less nudges. */
export const RELAY_SINGLETON_KEY = `has(event.data.salonId) ? event.data.salonId : "all-salons"`;

/** The salon a nudge names, if it names a well-formed one; otherwise the run drains every salon. */
function salonOf(event: { name: string; data?: unknown }): string | undefined {
  const salonId = event.name === OUTBOX_PENDING_EVENT ? (event.data as { salonId?: unknown } | undefined)?.salonId : undefined;
  return typeof salonId === "string" && isUuid(salonId) ? salonId : undefined;
}

/** Builds the relay function over injectable database and channels (tests pass their own). */
export function createRelayOutboxFunction(deps: RelayFunctionDeps) {
  return inngest.createFunction(
    {
      id: "relay-outbox",
      name: "Relay the booking outbox",
      triggers: [{ cron: "* * * * *" }, { event: OUTBOX_PENDING_EVENT }],
      singleton: { key: RELAY_SINGLETON_KEY, mode: "skip" },
      retries: 3,
    },
    async ({ event, step }) => {
      const settings = (deps.settings ?? relaySettings)();
      const salonId = salonOf(event);
      const totals = { ...emptyDrainResult(), purged: 0 };
      // Time spent is summed from the batches' memoised results, not read from the clock, so a
      // replayed run takes the same path (a run's steps may be spread over several requests).
      let spentMs = 0;
      for (let n = 1; n <= MAX_BATCH_STEPS; n++) {
        const batch = await step.run(`relay-batch-${n}`, async () => {
          const startedAt = Date.now();
          const result = await runRelayBatch(await deps.getDb(), {
            holder: relayHolderId("inngest"),
            channels: deps.getChannels(),
            batchSize: settings.batchSize,
            budgetMs: settings.budgetMs,
            maxAttempts: settings.maxAttempts,
            onDelivered: deps.onDelivered,
            salonId,
          });
          recordRelayOutcome("inngest", result);
          return { ...result, elapsedMs: Date.now() - startedAt };
        });
        addBatch(totals, batch);
        spentMs += batch.elapsedMs;
        if (!batch.more) break;
        if (spentMs >= settings.budgetMs || n === MAX_BATCH_STEPS) {
          totals.budgetExhausted = true;
          break;
        }
      }
      if (event.name === CRON_EVENT) {
        totals.purged = await step.run("purge-sent", async () => purgeSentEvents(await deps.getDb(), { maxBatches: 20 }));
      }
      return totals;
    },
  );
}
