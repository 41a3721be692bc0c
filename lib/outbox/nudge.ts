// Wakes the relay after a commit. The active relay mode installs the handler at start-up:
// the embedded driver an in-process signal, Inngest mode an `outbox/pending` event.
// Nudges are coalesced (at most one in flight, plus one queued) and never throw: the relay's
// cron or poll is the safety net, so a failed nudge must never fail a booking.

type NudgeHandler = () => Promise<void> | void;

const state = globalThis as unknown as {
  __outboxNudge?: { handler: NudgeHandler | null; inFlight: boolean; queued: boolean };
};
const nudgeState = (state.__outboxNudge ??= { handler: null, inFlight: false, queued: false });

export function setNudgeHandler(handler: NudgeHandler | null): void {
  nudgeState.handler = handler;
}

/** Best-effort, coalesced wake-up of the relay. Call after the transaction has committed. */
export function nudgeRelay(): void {
  if (!nudgeState.handler) return;
  if (nudgeState.inFlight) {
    nudgeState.queued = true;
    return;
  }
  nudgeState.inFlight = true;
  void (async () => {
    try {
      do {
        nudgeState.queued = false;
        await nudgeState.handler?.();
      } while (nudgeState.queued);
    } catch (error) {
      console.warn(JSON.stringify({ msg: "relay nudge failed; the relay's poll will catch up", error: String(error) }));
    } finally {
      nudgeState.inFlight = false;
    }
  })();
}
