import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Whether a request may read /api/metrics: open when no token is configured, otherwise only
 * with `Authorization: Bearer <METRICS_TOKEN>`. Compared in constant time (hashes of equal length).
 */
export function metricsRequestAllowed(authorization: string | null, token: string | undefined): boolean {
  const expected = token?.trim();
  if (!expected) return true;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match) return false;
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(match[1]), digest(expected));
}
