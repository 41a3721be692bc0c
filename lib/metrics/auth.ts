import { createHash, timingSafeEqual } from "node:crypto";

export interface MetricsAccess {
  /** METRICS_TOKEN. */
  token?: string;
  /** METRICS_PUBLIC: the operator chose to serve metrics without a token. */
  public: boolean;
  /** NODE_ENV=production. */
  production: boolean;
}

/**
 * Whether a request may read /api/metrics: with `Authorization: Bearer <METRICS_TOKEN>` when a
 * token is configured (compared in constant time, as hashes of equal length); without one, only
 * outside production or when the operator opted in with METRICS_PUBLIC.
 */
export function metricsRequestAllowed(authorization: string | null, access: MetricsAccess): boolean {
  const expected = access.token?.trim();
  if (!expected) return access.public || !access.production;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match) return false;
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(match[1]), digest(expected));
}
