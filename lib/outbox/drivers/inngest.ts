import type { Database } from "@/db/client";
import { isUuid } from "@/lib/uuid";
import { purgeFinishedEvents } from "../purge";
import { addBatch, emptyDrainResult, runChannelBatch, runEventBatch, type BatchResult, type DrainResult, type RelaySettings } from "../relay";
import type { DeliveredHook, OutboxChannel } from "../types";

// The relay as an Inngest run (inngest/relay-outbox.ts defines the function and its triggers):
// event batches first — `fan-out-1`, `fan-out-2`, … — then each channel's due deliveries —
// `deliver-<channel>-1`, … — one step per batch, until nothing is due or the run's budget is spent.
// A retried run replays finished batches from Inngest's memo instead of redoing them; a retried
// batch finds its deliveries recorded and repeats only what was not. A nudge names its salon and
// its run fans out that salon's events only (fairness between salons); the cron, and a nudge
// without a salon, fans out every salon's. Channel steps take every salon's due deliveries, oldest
// first, whichever run gets there.

export interface InngestRelayDeps {
  getDb(): Promise<Database>;
  channels(): OutboxChannel[];
  settings(): RelaySettings;
  retentionDays(): number;
  holder(): string;
  onDelivered?: DeliveredHook;
  onBatch?: (result: DrainResult) => void;
}

/** The steps of a run, as Inngest's `step` offers them (a batch's result is plain JSON). */
export interface StepRunner {
  run<T>(id: string, fn: () => Promise<T>): Promise<T>;
}

export const NUDGE_EVENT = "outbox/pending";
export const CRON_EVENT = "inngest/scheduled.timer";
/** Upper bound on batch steps per run (Inngest caps a run's steps; the budget normally ends it first). */
export const MAX_BATCH_STEPS = 100;

/** The salon a nudge names, if it names a well-formed one; otherwise the run fans out every salon. */
export function salonOfNudge(event: { name: string; data?: unknown }): string | undefined {
  const salonId = event.name === NUDGE_EVENT ? (event.data as { salonId?: unknown } | undefined)?.salonId : undefined;
  return typeof salonId === "string" && isUuid(salonId) ? salonId : undefined;
}

export async function runInngestRelay(
  event: { name: string; data?: unknown },
  step: StepRunner,
  deps: InngestRelayDeps,
): Promise<DrainResult & { purged: number }> {
  const settings = deps.settings();
  const salonId = salonOfNudge(event);
  const totals = { ...emptyDrainResult(), purged: 0 };
  // Time spent is summed from the batches' memoised results, not read from the clock, so a
  // replayed run takes the same path (a run's steps may be spread over several requests).
  let spentMs = 0;
  let steps = 0;
  const batches = async (prefix: string, run: () => Promise<BatchResult>) => {
    for (let n = 1; ; n++) {
      const batch = await step.run(`${prefix}-${n}`, async () => {
        const startedAt = Date.now();
        const result = await run();
        deps.onBatch?.(result);
        return { ...result, elapsedMs: Date.now() - startedAt };
      });
      addBatch(totals, batch);
      spentMs += batch.elapsedMs;
      steps += 1;
      if (!batch.more) return;
      if (spentMs >= settings.budgetMs || steps >= MAX_BATCH_STEPS) {
        totals.budgetExhausted = true;
        return;
      }
    }
  };
  const options = async () => ({ holder: deps.holder(), channels: deps.channels(), settings, onDelivered: deps.onDelivered });

  await batches("fan-out", async () => runEventBatch(await deps.getDb(), { ...(await options()), salonId }));
  for (const channel of deps.channels()) {
    if (totals.budgetExhausted) break;
    await batches(`deliver-${channel.name}`, async () => runChannelBatch(await deps.getDb(), channel, await options()));
  }
  if (event.name === CRON_EVENT) {
    totals.purged = await step.run("purge-finished", async () =>
      purgeFinishedEvents(await deps.getDb(), { retentionDays: deps.retentionDays(), maxBatches: 20 }),
    );
  }
  return totals;
}
