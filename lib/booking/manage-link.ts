// Where the customer's manage link points. Emails are read outside the app, so their links need
// the public origin: APP_URL, or http://localhost:${PORT or 3000} for a local run.

/** The app's public origin without a trailing slash; a bad APP_URL is a configuration error. */
export function appBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.APP_URL?.trim();
  if (!configured) return `http://localhost:${env.PORT?.trim() || 3000}`;
  let url: URL;
  try {
    url = new URL(configured);
  } catch {
    throw new Error("APP_URL must be an absolute http:// or https:// URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("APP_URL must be an absolute http:// or https:// URL");
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/** The manage page's path for a token. */
export function manageBookingPath(token: string): string {
  return `/b/${encodeURIComponent(token)}`;
}

/** The absolute manage link for an email. */
export function manageBookingUrl(baseUrl: string, token: string): string {
  return `${baseUrl}${manageBookingPath(token)}`;
}
