import { isIP } from "node:net";

/**
 * The client's address for sign-in throttling. Next.js sets X-Forwarded-For to the socket's
 * address when no proxy did; behind a proxy that appends to the header, the last entry is the one
 * the proxy saw (the entries before it are whatever the client claimed). Unknown → undefined.
 */
export function clientIpFromHeaders(headers: Headers): string | undefined {
  const forwarded = headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
  const candidate = forwarded || headers.get("x-real-ip")?.trim();
  if (!candidate) return undefined;
  const unwrapped = candidate.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
  return isIP(unwrapped) ? unwrapped : undefined;
}
