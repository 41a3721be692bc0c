import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { owners } from "@/db/schema";
import { hashPassword, verifyPassword } from "./password";
import { getConfig, type RateLimitRules } from "@/lib/config/env";
import { consumeRateLimits, refundRateLimits, signInChecks } from "@/lib/rate-limit";

export interface SignedInOwner {
  id: string;
  email: string;
  name: string;
}

export type AuthenticateResult =
  | { status: "ok"; owner: SignedInOwner }
  | { status: "invalid" }
  | { status: "rate_limited"; retryAfterSeconds: number };

// Verified against when the email is unknown, so a wrong email costs as long as a wrong password
// and response times do not tell which owners exist.
let decoyHash: Promise<string> | undefined;

/**
 * Checks an owner's email and password, counting the attempt against the sign-in limits first
 * (before the password is checked, so a burst of parallel guesses cannot slip past the limit).
 * A correct password gives this attempt back to the account and the address.
 */
export async function authenticateOwner(
  db: Database,
  input: { email: string; password: string; ip?: string },
  options: { now?: Date; rules?: RateLimitRules } = {},
): Promise<AuthenticateResult> {
  const checks = signInChecks(options.rules ?? getConfig().rateLimits, { email: input.email, ip: input.ip });
  const verdict = await consumeRateLimits(db, checks, options.now);
  if (!verdict.allowed) return { status: "rate_limited", retryAfterSeconds: verdict.retryAfterSeconds };

  const [owner] = await db
    .select({ id: owners.id, email: owners.email, name: owners.name, passwordHash: owners.passwordHash })
    .from(owners)
    .where(eq(owners.email, input.email.trim().toLowerCase()))
    .limit(1);
  decoyHash ??= hashPassword("decoy password that matches nothing");
  const ok = await verifyPassword(owner?.passwordHash ?? (await decoyHash), input.password);
  if (!owner || !ok) return { status: "invalid" };
  // Not a reset: whoever else has been guessing this account keeps their count.
  await refundRateLimits(db, checks.map((c) => c.key));
  return { status: "ok", owner: { id: owner.id, email: owner.email, name: owner.name } };
}
