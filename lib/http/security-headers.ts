// The security headers of the app's pages, built per request by proxy.ts (the CSP carries a fresh
// nonce, which Next.js reads from the request's CSP header and puts on its own scripts). The
// headers that do not change per request are set on every response, API and static files too,
// by next.config.mjs.

export interface PageHeaderOptions {
  nonce: string;
  /** APP_URL is https: send HSTS, and upgrade any http subresource. */
  https: boolean;
  /** `next dev`: React needs eval for its debugging aids, and HMR a websocket. */
  development: boolean;
}

/** The Content-Security-Policy of a page. */
export function pageContentSecurityPolicy({ nonce, https, development }: PageHeaderOptions): string {
  const directives = [
    "default-src 'self'",
    // 'strict-dynamic': scripts that a nonced script loads (Next.js's chunks) run; nothing else does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    // style="…" attributes (the day calendar's grid, a dev-mailbox message) are not script.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${development ? " ws: wss:" : ""}`,
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** Headers a page response gets on top of next.config.mjs's: its CSP and, behind https, HSTS. */
export function pageSecurityHeaders(options: PageHeaderOptions): Record<string, string> {
  return {
    "Content-Security-Policy": pageContentSecurityPolicy(options),
    ...(options.https ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}

/** A fresh nonce: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
