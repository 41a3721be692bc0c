// Where the customer's manage link points. Emails are read outside the app, so their links need
// the public origin (config.appUrl: APP_URL, or http://localhost:${PORT} for a local run).

/** The manage page's path for a token. */
export function manageBookingPath(token: string): string {
  return `/b/${encodeURIComponent(token)}`;
}

/** The absolute manage link for an email. */
export function manageBookingUrl(baseUrl: string, token: string): string {
  return `${baseUrl}${manageBookingPath(token)}`;
}
