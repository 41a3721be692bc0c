import { errorFields, log } from "@/lib/log";

// Wakes the relay after a commit. The active relay mode installs the handler at start-up:
// the embedded driver an in-process signal, Inngest mode one `outbox/pending` event per salon.
// Nudges are coalesced (at most one in flight, plus one queued, which carries every salon nudged
// meanwhile) and never throw: the relay's cron or poll is the safety net, so a failed nudge must
// never fail a booking.

/** Called with the salons whose events were committed since the last call (empty: unknown). */
type NudgeHandler = (salonIds: string[]) => Promise<void> | void;

const state = globalThis as unknown as {
  __outboxNudge?: { handler: NudgeHandler | null; inFlight: boolean; queued: boolean; salonIds: Set<string> };
};
const nudgeState = (state.__outboxNudge ??= { handler: null, inFlight: false, queued: false, salonIds: new Set() });
// A state object made by an earlier version of this module (dev hot reload) lacks the set.
nudgeState.salonIds ??= new Set();

export function setNudgeHandler(handler: NudgeHandler | null): void {
  nudgeState.handler = handler;
}

/**
 * Best-effort, coalesced wake-up of the relay. Call after the transaction has committed, with the
 * salon whose event it wrote, so that salon's events can be drained on their own (fairness).
 */
export function nudgeRelay(salonId?: string): void {
  if (!nudgeState.handler) return;
  if (salonId) nudgeState.salonIds.add(salonId);
  if (nudgeState.inFlight) {
    nudgeState.queued = true;
    return;
  }
  nudgeState.inFlight = true;
  void (async () => {
    try {
      do {
        nudgeState.queued = false;
        const salonIds = [...nudgeState.salonIds];
        nudgeState.salonIds.clear();
        await nudgeState.handler?.(salonIds);
      } while (nudgeState.queued);
    } catch (error) {
      log.warn("relay nudge failed; the relay's poll will catch up", errorFields(error));
    } finally {
      nudgeState.inFlight = false;
    }
  })();
}
