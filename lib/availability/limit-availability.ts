import type { Database } from "@/db/client";
import { getConfig, type RateLimitRules } from "@/lib/config/env";
import { availabilityChecks, consumeRateLimits, type RateVerdict } from "@/lib/rate-limit";

/**
 * Counts a look at a salon's free times (the JSON API, the salon page, the details form's check)
 * against its limits: the client's address and the salon.
 */
export async function limitAvailability(
  db: Database,
  salonSlug: string,
  caller: { clientIp?: string; rules?: RateLimitRules; now?: Date },
): Promise<RateVerdict> {
  const checks = availabilityChecks(caller.rules ?? getConfig().rateLimits, { ip: caller.clientIp, salon: salonSlug.slice(0, 100) });
  return consumeRateLimits(db, checks, caller.now);
}
