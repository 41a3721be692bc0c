// Retry timing for failed events: exponential backoff with "full jitter" (AWS Architecture
// Blog, "Exponential Backoff And Jitter"), so relays that failed together do not retry together.

export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_CAP_MS = 15 * 60_000;

/** Delay before the next try after `attempts` failed tries (1 = the first failure). */
export function backoffDelayMs(attempts: number, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attempts, 1) - 1, 30);
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** exponent);
  return Math.floor(random() * ceiling);
}

/** The longest a caller may have to wait after `attempts` failures; tests fast-forward by this. */
export function maxBackoffDelayMs(attempts: number): number {
  return backoffDelayMs(attempts, () => 1);
}
