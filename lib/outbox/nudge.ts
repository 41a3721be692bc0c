import { errorFields, log } from "@/lib/log";

// Wakes the relay after a commit. The composition root installs the handler at start-up — the
// embedded driver's in-process wake-up, or Inngest's `outbox/pending` event — and none when
// there is nobody to wake (Inngest mode without an event key): a nudge then costs nothing.
// Nudges are coalesced (at most one in flight, plus one queued, which carries every salon and
// channel nudged meanwhile) and never throw: the relay's poll or cron is the safety net, so a
// failed nudge must never fail a booking.

export interface Nudge {
  /** Salons whose events were committed since the last nudge (empty: unknown, drain all). */
  salonIds: string[];
  /** Channels with deliveries made due outside the relay (an owner's Retry). */
  channels: string[];
}

type NudgeHandler = (nudge: Nudge) => Promise<void> | void;

interface NudgeState {
  handler: NudgeHandler | null;
  inFlight: boolean;
  queued: boolean;
  salonIds: Set<string>;
  channels: Set<string>;
}

// On globalThis: route bundles and the instrumentation hook load this module separately, and all
// of them must reach the one handler the composition root installed.
const holder = globalThis as unknown as { __outboxNudge?: NudgeState };
function state(): NudgeState {
  const s = (holder.__outboxNudge ??= { handler: null, inFlight: false, queued: false, salonIds: new Set(), channels: new Set() });
  // A state object made by an earlier version of this module (dev hot reload) lacks the sets.
  s.salonIds ??= new Set();
  s.channels ??= new Set();
  return s;
}

export function setNudgeHandler(handler: NudgeHandler | null): void {
  state().handler = handler;
}

/**
 * Best-effort, coalesced wake-up of the relay. Call after the transaction has committed, with the
 * salon whose event it wrote, so that salon's events can be drained on their own (fairness).
 */
export function nudgeRelay(salonId?: string, channels: string[] = []): void {
  const s = state();
  if (!s.handler) return;
  if (salonId) s.salonIds.add(salonId);
  for (const channel of channels) s.channels.add(channel);
  if (s.inFlight) {
    s.queued = true;
    return;
  }
  s.inFlight = true;
  void (async () => {
    try {
      do {
        s.queued = false;
        const nudge = { salonIds: [...s.salonIds], channels: [...s.channels] };
        s.salonIds.clear();
        s.channels.clear();
        await s.handler?.(nudge);
      } while (s.queued);
    } catch (error) {
      log.warn("relay nudge failed; the relay's poll will catch up", errorFields(error));
    } finally {
      s.inFlight = false;
    }
  })();
}
