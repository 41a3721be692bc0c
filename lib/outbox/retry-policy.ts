// When a failed delivery is tried again, and when it gives up. Transient failures (a mail server's
// "try later", a timeout, a refused connection) back off exponentially with "full jitter" (AWS
// Architecture Blog, "Exponential Backoff And Jitter"), so relays that failed together do not
// retry together, up to a cap, for as long as the retry horizon — hours, to outlast a real outage.
// A permanent failure gives up at once. Nothing is retried past the event's expiry for channels
// that honour it (a confirmation after the appointment has begun is dropped and recorded).
import type { FailureClass } from "./types";

export interface RetryPolicy {
  /** The first retry waits up to this long; each later one up to twice the one before. */
  baseMs: number;
  /** No retry waits longer than this. */
  capMs: number;
  /** Transient failures are retried until this long after the delivery was first due. */
  horizonMs: number;
  /** A delivery whose lease lapses this many times (it crashes every relay that takes it) gives up. */
  maxLeaseLapses: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseMs: 2_000,
  capMs: 10 * 60_000,
  horizonMs: 24 * 60 * 60_000,
  maxLeaseLapses: 5,
};

/** Delay before the next try after `attempts` failed tries (1 = the first failure). */
export function backoffDelayMs(attempts: number, policy: Pick<RetryPolicy, "baseMs" | "capMs">, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attempts, 1) - 1, 30);
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  return Math.floor(random() * ceiling);
}

/** When a delivery first due at `dueAt` stops being retried: the horizon, or the event's expiry if sooner. */
export function giveUpTime(dueAt: Date, expiresAt: Date | null, honoursExpiry: boolean, policy: Pick<RetryPolicy, "horizonMs">): Date {
  const horizon = dueAt.getTime() + policy.horizonMs;
  if (!honoursExpiry || !expiresAt) return new Date(horizon);
  return new Date(Math.min(horizon, expiresAt.getTime()));
}

/** What becomes of a delivery after a failed try. */
export type AfterFailure =
  | { kind: "retry"; at: Date }
  | { kind: "give_up"; failure: "transient" | "permanent" | "expired" };

export function afterFailure(
  failure: FailureClass,
  attempts: number,
  giveUpAt: Date | null,
  expiresAt: Date | null,
  honoursExpiry: boolean,
  now: Date,
  policy: RetryPolicy,
  random?: () => number,
): AfterFailure {
  if (failure === "permanent") return { kind: "give_up", failure: "permanent" };
  const at = new Date(now.getTime() + backoffDelayMs(attempts, policy, random));
  if (honoursExpiry && expiresAt && at.getTime() >= expiresAt.getTime()) return { kind: "give_up", failure: "expired" };
  if (giveUpAt && at.getTime() > giveUpAt.getTime()) return { kind: "give_up", failure: "transient" };
  return { kind: "retry", at };
}

/** Whether the event is past its use for a channel that honours expiry. */
export function isExpired(expiresAt: Date | null, honoursExpiry: boolean, now: Date): boolean {
  return honoursExpiry && expiresAt !== null && expiresAt.getTime() <= now.getTime();
}

/** The reason recorded when a delivery gives up, with the last error that led to it. */
export function giveUpReason(failure: "transient" | "permanent" | "expired" | "lease", lastError: string | null, policy: RetryPolicy): string {
  const last = lastError ? `: ${lastError}` : "";
  switch (failure) {
    case "permanent":
      return lastError ?? "refused permanently";
    case "expired":
      return `dropped: the event's time had passed before it could be delivered${last}`;
    case "transient":
      return `gave up after retrying for ${formatSpan(policy.horizonMs)}${last}`;
    case "lease":
      return `gave up after ${policy.maxLeaseLapses} relays lost it mid-delivery (crashed or overran)${last}`;
  }
}

function formatSpan(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${Math.round(ms / 1000)} s`;
}
