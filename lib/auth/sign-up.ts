import { z } from "zod";
import type { Database } from "@/db/client";
import { owners } from "@/db/schema";
import type { SignedInOwner } from "./authenticate";
import { hashPassword } from "./password";
import { getConfig, type RateLimitRules } from "@/lib/config/env";
import { consumeRateLimits, signUpChecks } from "@/lib/rate-limit";
import { oneLineText } from "@/lib/text/plain-text";
import { signInSchema } from "./schemas";

// Owner sign-up. An "email already registered" answer is unavoidable (the owner must be told),
// so sign-up is a way to learn which emails have accounts — one that sign-in never offers. It is
// therefore throttled harder than sign-in: a few attempts per address per hour
// (RATE_LIMIT_SIGN_UP_IP), counted in the database so the limit holds across app instances.
// Unlike sign-in, an unknown address shares one bucket: a lock-out of the odd client without an
// address costs less than an unthrottled way to probe for accounts.

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

export const signUpSchema = z.object({
  name: oneLineText("Name", { min: 1, max: 100, required: "Please enter your name" }),
  // Same normalisation as sign-in (trimmed, lower-case), so the account signs in as typed.
  email: signInSchema.shape.email,
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `Password must be at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(MAX_PASSWORD_LENGTH, `Password must be at most ${MAX_PASSWORD_LENGTH} characters`),
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export type SignUpResult =
  | { status: "ok"; owner: SignedInOwner }
  | { status: "email_taken" }
  | { status: "rate_limited"; retryAfterSeconds: number };

/**
 * Creates an owner account (argon2id hash) unless the email is registered already. Every attempt
 * counts against the caller's address first, whether or not it succeeds.
 */
export async function signUpOwner(
  db: Database,
  input: SignUpInput & { ip?: string },
  options: { now?: Date; rules?: RateLimitRules } = {},
): Promise<SignUpResult> {
  const checks = signUpChecks(options.rules ?? getConfig().rateLimits, { ip: input.ip });
  const verdict = await consumeRateLimits(db, checks, options.now);
  if (!verdict.allowed) return { status: "rate_limited", retryAfterSeconds: verdict.retryAfterSeconds };

  const passwordHash = await hashPassword(input.password);
  // The unique index decides a race between two sign-ups with one email; no check-then-insert.
  const [owner] = await db
    .insert(owners)
    .values({ name: input.name, email: input.email, passwordHash })
    .onConflictDoNothing({ target: owners.email })
    .returning({ id: owners.id, email: owners.email, name: owners.name });
  return owner ? { status: "ok", owner } : { status: "email_taken" };
}
