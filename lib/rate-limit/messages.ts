/** "a minute", "3 minutes", "an hour": how long to wait, rounded up, for a page's message. */
export function waitFor(retryAfterSeconds: number): string {
  if (retryAfterSeconds <= 60) return "a minute";
  const minutes = Math.ceil(retryAfterSeconds / 60);
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.ceil(minutes / 60);
  return hours === 1 ? "an hour" : `${hours} hours`;
}

/** The message a page shows in place of a 429. */
export function rateLimitedMessage(retryAfterSeconds: number): string {
  return `Too many requests from your network or for these details just now. Please wait ${waitFor(retryAfterSeconds)} and try again.`;
}
