import type { Database } from "@/db/client";
import { getConfig, type RateLimitRules } from "@/lib/config/env";
import { consumeRateLimits, manageChecks, type RateVerdict } from "@/lib/rate-limit";

/**
 * Counts a manage-link request (its page, an action, /api/v1/manage) against its limits: the
 * client's address and the link. Every request counts, an unknown or malformed token's too, so
 * guessing links spends the guesser's allowance.
 */
export async function limitManageLink(
  db: Database,
  token: string,
  caller: { clientIp?: string; rules?: RateLimitRules; now?: Date },
): Promise<RateVerdict> {
  const checks = manageChecks(caller.rules ?? getConfig().rateLimits, { ip: caller.clientIp, token: token.slice(0, 100) });
  return consumeRateLimits(db, checks, caller.now);
}
