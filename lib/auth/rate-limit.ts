import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { signInAttempts } from "@/db/schema";

// Sign-in throttling kept in the database, so every app instance counts against the same limit.
// An attempt is counted BEFORE the password is checked: a burst of parallel guesses cannot slip
// past the limit between a check and a later write. A successful sign-in forgives its attempt.

export interface SignInLimit {
  /** Attempts allowed per window; the next one locks the key. */
  maxAttempts: number;
  windowMs: number;
  lockMs: number;
}

export const SIGN_IN_LIMITS = {
  // One account: five wrong passwords in 15 minutes, then 15 minutes locked.
  email: { maxAttempts: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
  // One address: looser, because an office or a phone carrier puts many people behind one IP.
  ip: { maxAttempts: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
} satisfies Record<string, SignInLimit>;

export interface SignInKeys {
  email: string;
  /** Omitted when the client's address is unknown: one shared "unknown" bucket would let anyone lock out everyone. */
  ip?: string;
}

export type SignInAttemptVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const MAX_KEY_LENGTH = 300;

export function signInAttemptKeys(keys: SignInKeys): { key: string; limit: SignInLimit }[] {
  const out = [{ key: `email:${keys.email.trim().toLowerCase()}`.slice(0, MAX_KEY_LENGTH), limit: SIGN_IN_LIMITS.email }];
  if (keys.ip) out.push({ key: `ip:${keys.ip}`.slice(0, MAX_KEY_LENGTH), limit: SIGN_IN_LIMITS.ip });
  return out;
}

/**
 * Counts one sign-in attempt against the email and the IP and says whether it may proceed.
 * A locked key stays locked until its lock expires; attempts while locked do not extend it.
 */
export async function consumeSignInAttempt(
  db: Database,
  keys: SignInKeys,
  now: Date = new Date(),
): Promise<SignInAttemptVerdict> {
  return consumeRateLimit(db, signInAttemptKeys(keys), now);
}

/**
 * Counts one attempt against each key under its own limit, in the same table as sign-ins (so
 * other throttles, such as sign-up's, hold across instances too). Refused when any key is locked.
 */
export async function consumeRateLimit(
  db: Database,
  entries: { key: string; limit: SignInLimit }[],
  now: Date = new Date(),
): Promise<SignInAttemptVerdict> {
  let retryAfterMs = 0;
  for (const { key, limit } of entries) {
    const nowIso = now.toISOString();
    const windowStart = new Date(now.getTime() - limit.windowMs).toISOString();
    const lockUntil = new Date(now.getTime() + limit.lockMs).toISOString();
    const locked = sql`sign_in_attempts.locked_until is not null and sign_in_attempts.locked_until > ${nowIso}::timestamptz`;
    const expired = sql`sign_in_attempts.window_started_at <= ${windowStart}::timestamptz`;
    const [row] = await db
      .insert(signInAttempts)
      .values({ key, failures: 1, windowStartedAt: now })
      .onConflictDoUpdate({
        target: signInAttempts.key,
        set: {
          failures: sql`case when ${locked} then sign_in_attempts.failures when ${expired} then 1 else sign_in_attempts.failures + 1 end`,
          windowStartedAt: sql`case when ${locked} then sign_in_attempts.window_started_at when ${expired} then ${nowIso}::timestamptz else sign_in_attempts.window_started_at end`,
          lockedUntil: sql`case when ${locked} then sign_in_attempts.locked_until
            when not (${expired}) and sign_in_attempts.failures + 1 > ${limit.maxAttempts} then ${lockUntil}::timestamptz
            else null end`,
        },
      })
      .returning({ lockedUntil: signInAttempts.lockedUntil });
    if (row.lockedUntil && row.lockedUntil.getTime() > now.getTime()) {
      retryAfterMs = Math.max(retryAfterMs, row.lockedUntil.getTime() - now.getTime());
    }
  }
  return retryAfterMs > 0 ? { allowed: false, retryAfterSeconds: Math.ceil(retryAfterMs / 1000) } : { allowed: true };
}

/**
 * After a correct password: the account's count starts again, and the IP gets its attempt back.
 * The IP's count is not wiped, or an attacker could reset it by signing in to an account of their own.
 */
export async function forgiveSignInAttempt(db: Database, keys: SignInKeys): Promise<void> {
  const [emailKey, ipKey] = signInAttemptKeys(keys);
  await db.delete(signInAttempts).where(eq(signInAttempts.key, emailKey.key));
  if (ipKey) {
    await db
      .update(signInAttempts)
      .set({ failures: sql`greatest(sign_in_attempts.failures - 1, 0)` })
      .where(sql`${signInAttempts.key} = ${ipKey.key} and sign_in_attempts.locked_until is null`);
  }
}

/** Deletes rows whose window and lock are long over, in one bounded batch; returns how many went. */
export async function purgeStaleSignInAttempts(db: Database, now: Date = new Date(), batch = 1000): Promise<number> {
  const cutoff = new Date(now.getTime() - 24 * 60 * 60_000).toISOString();
  const deleted = await db
    .delete(signInAttempts)
    .where(
      sql`${signInAttempts.key} in (select key from sign_in_attempts
        where window_started_at < ${cutoff}::timestamptz
          and (locked_until is null or locked_until < ${cutoff}::timestamptz)
        limit ${batch})`,
    )
    .returning({ key: signInAttempts.key });
  return deleted.length;
}
