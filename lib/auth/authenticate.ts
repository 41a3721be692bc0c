import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { owners } from "@/db/schema";
import { hashPassword, verifyPassword } from "./password";
import { consumeSignInAttempt, forgiveSignInAttempt, purgeStaleSignInAttempts } from "./rate-limit";

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

/** Checks an owner's email and password, counting the attempt against the sign-in limits first. */
export async function authenticateOwner(
  db: Database,
  input: { email: string; password: string; ip?: string },
  options: { now?: Date } = {},
): Promise<AuthenticateResult> {
  const keys = { email: input.email, ip: input.ip };
  const verdict = await consumeSignInAttempt(db, keys, options.now);
  if (!verdict.allowed) return { status: "rate_limited", retryAfterSeconds: verdict.retryAfterSeconds };

  const [owner] = await db
    .select({ id: owners.id, email: owners.email, name: owners.name, passwordHash: owners.passwordHash })
    .from(owners)
    .where(eq(owners.email, input.email.trim().toLowerCase()))
    .limit(1);
  decoyHash ??= hashPassword("decoy password that matches nothing");
  const ok = await verifyPassword(owner?.passwordHash ?? (await decoyHash), input.password);
  if (!owner || !ok) {
    // Housekeeping rides along now and then instead of needing a job of its own.
    if (Math.random() < 0.02) await purgeStaleSignInAttempts(db, options.now).catch(() => {});
    return { status: "invalid" };
  }
  await forgiveSignInAttempt(db, keys);
  return { status: "ok", owner: { id: owner.id, email: owner.email, name: owner.name } };
}

/** The owner behind a session's subject, or null when the account no longer exists. */
export async function findSignedInOwner(db: Database, ownerId: string): Promise<SignedInOwner | null> {
  if (!/^[0-9a-f-]{36}$/i.test(ownerId)) return null;
  const [owner] = await db
    .select({ id: owners.id, email: owners.email, name: owners.name })
    .from(owners)
    .where(eq(owners.id, ownerId))
    .limit(1);
  return owner ?? null;
}
