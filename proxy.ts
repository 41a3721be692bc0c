import { NextResponse, type NextRequest } from "next/server";
import { getConfig } from "@/lib/config/env";
import { pageDatabaseProbe } from "@/lib/health/database-probe";
import { unavailablePage } from "@/lib/http/unavailable-page";
import { newNonce, pageSecurityHeaders } from "@/lib/http/security-headers";

// Runs before every page (not the API, not static files): a fresh CSP nonce per request, passed to
// Next.js on the request's own CSP header (it reads the nonce from there for its scripts), and the
// page's security headers on the response. See lib/http/security-headers.ts and next.config.mjs.
// On Postgres, a page asked for while the database does not answer is a 503 at once (checked by a
// probe that asks at most once a second while all is well), not a request that hangs and then fails.
export async function proxy(request: NextRequest) {
  const config = getConfig();
  const nonce = newNonce();
  const headers = pageSecurityHeaders({ nonce, https: config.appUrl.startsWith("https:"), development: config.nodeEnv === "development" });
  const url = config.database.url;
  if (url && (request.method === "GET" || request.method === "HEAD") && !(await pageDatabaseProbe(url).reachable())) {
    return unavailablePage(headers);
  }
  const forwarded = new Headers(request.headers);
  forwarded.set("x-nonce", nonce);
  forwarded.set("content-security-policy", headers["Content-Security-Policy"]);
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico).*)",
      // Link prefetches fetch data, not documents: no policy applies to them.
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
