import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { owners } from "@/db/schema";
import { getConfig, type RateLimitRules } from "@/lib/config/env";
import { consumeRateLimits, refundRateLimits, signInChecks } from "@/lib/rate-limit";
import { hashPassword, verifyPassword } from "./password";
import { endOtherOwnerSessions } from "./sessions";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./sign-up";

// An owner changes their password: the current one first (counted against the sign-in limits, so a
// borrowed session cannot be used to guess it), then the new one is stored and every other
// session of the owner ends — a copied cookie stops working the moment the password changes.

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ message: "Please enter your current password" }).min(1, "Please enter your current password").max(1024),
    newPassword: z
      .string({ message: `Password must be at least ${MIN_PASSWORD_LENGTH} characters` })
      .min(MIN_PASSWORD_LENGTH, `Password must be at least ${MIN_PASSWORD_LENGTH} characters`)
      .max(MAX_PASSWORD_LENGTH, `Password must be at most ${MAX_PASSWORD_LENGTH} characters`),
  })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ["newPassword"], message: "Choose a password other than the current one" });
export type ChangePasswordInput = z.input<typeof changePasswordSchema>;

export type ChangePasswordResult =
  | { status: "ok" }
  | { status: "invalid"; fieldErrors: Record<string, string[]> }
  | { status: "wrong_password" }
  | { status: "rate_limited"; retryAfterSeconds: number }
  | { status: "not_found" };

export async function changeOwnerPassword(
  db: Database,
  who: { ownerId: string; sessionId: string; ip?: string },
  input: ChangePasswordInput,
  options: { rules?: RateLimitRules; now?: Date } = {},
): Promise<ChangePasswordResult> {
  const parsed = changePasswordSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".") || "_"] ??= []).push(issue.message);
    return { status: "invalid", fieldErrors };
  }
  const [owner] = await db.select({ email: owners.email, passwordHash: owners.passwordHash }).from(owners).where(eq(owners.id, who.ownerId)).limit(1);
  if (!owner) return { status: "not_found" };

  const checks = signInChecks(options.rules ?? getConfig().rateLimits, { email: owner.email, ip: who.ip });
  const verdict = await consumeRateLimits(db, checks, options.now);
  if (!verdict.allowed) return { status: "rate_limited", retryAfterSeconds: verdict.retryAfterSeconds };
  if (!(await verifyPassword(owner.passwordHash, parsed.data.currentPassword))) return { status: "wrong_password" };
  await refundRateLimits(db, checks.map((c) => c.key));

  const passwordHash = await hashPassword(parsed.data.newPassword);
  await db.transaction(async (tx) => {
    await tx.update(owners).set({ passwordHash }).where(eq(owners.id, who.ownerId));
    await endOtherOwnerSessions(tx, who.ownerId, who.sessionId);
  });
  return { status: "ok" };
}
