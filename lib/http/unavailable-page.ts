import { UNAVAILABLE_RETRY_AFTER_SECONDS } from "./responses";

// The page a visitor sees while the database is away: a plain 503 that says nothing was lost and
// when to try again. No script and no style, so the page's CSP allows it as it is.
const HTML = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Briefly unavailable</title></head>
<body>
<main>
<h1>Briefly unavailable</h1>
<p>We cannot reach the booking system right now. Nothing you did was lost. Please try again in a moment.</p>
<p><a href="">Try again</a></p>
</main>
</body>
</html>
`;

export function unavailablePage(securityHeaders: Record<string, string>): Response {
  return new Response(HTML, {
    status: 503,
    headers: {
      ...securityHeaders,
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "Retry-After": String(UNAVAILABLE_RETRY_AFTER_SECONDS),
    },
  });
}
