import { runInngestRelay, NUDGE_EVENT, type InngestRelayDeps } from "@/lib/outbox/drivers/inngest";
import { inngest } from "./client";

// The outbox relay as an Inngest function: a cron every minute (the safety net) and the
// `outbox/pending` event (the nudge sent after each commit). What a run does is in
// lib/outbox/drivers/inngest.ts.
//
// Runs do not pile up: `singleton: { mode: "skip" }` drops any trigger that arrives while a run
// with the same key is active — that run is draining everything of that key that is due anyway.
// The key is the nudge's salon, so each salon has at most one run at a time and a burst from one
// salon keeps its own run busy, while another salon's booking starts a run of its own at once.
// The cron (and a nudge without a salon) has a key of its own. A nudge skipped in the moment after
// the active run's last claim is caught by the next nudge or, at worst, the next minute's cron.
// We prefer that to `concurrency: { limit: 1 }`, which would queue one run per nudge behind the
// active one. Purging finished rows happens on the cron runs only, so that nudge runs end right
// after their last claim (keeping the skip window short).

/** The singleton key: a nudge's salon, or one shared key for the cron and salon-less nudges. */
export const RELAY_SINGLETON_KEY = `has(event.data.salonId) ? event.data.salonId : "all-salons"`;

/** Builds the relay function over injected dependencies (the composition root's, or a test's). */
export function createRelayOutboxFunction(deps: InngestRelayDeps) {
  return inngest.createFunction(
    {
      id: "relay-outbox",
      name: "Relay the booking outbox",
      triggers: [{ cron: "* * * * *" }, { event: NUDGE_EVENT }],
      singleton: { key: RELAY_SINGLETON_KEY, mode: "skip" },
      retries: 3,
    },
    async ({ event, step }) =>
      runInngestRelay(event, { run: (id, fn) => step.run(id, fn) as Promise<Awaited<ReturnType<typeof fn>>> }, deps),
  );
}
