import { and, eq, gt, lt, ne, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { owners, ownerSessions } from "@/db/schema";
import { isUuid } from "@/lib/uuid";
import type { SignedInOwner } from "./authenticate";

// Owner sessions that the server can end. The session cookie is an Auth.js JWT, which by itself
// stays valid until it expires wherever a copy of it is; so each sign-in also writes a row here, the
// JWT carries its id, and an owner request is honoured only while that row exists. Signing out
// deletes the row; a password change deletes every other row of the owner.

/** However often it is used, a session ends this long after its sign-in. */
export const SESSION_MAX_AGE_MS = 30 * 24 * 60 * 60_000;

/** Records a new session for the owner (at sign-in); returns its id. Expired rows of the owner go. */
export async function startOwnerSession(db: Database, ownerId: string, now: Date = new Date()): Promise<string> {
  const [row] = await db.insert(ownerSessions).values({ ownerId, createdAt: now }).returning({ id: ownerSessions.id });
  await db
    .delete(ownerSessions)
    .where(and(eq(ownerSessions.ownerId, ownerId), lt(ownerSessions.createdAt, new Date(now.getTime() - SESSION_MAX_AGE_MS))));
  return row.id;
}

/** Ends one session (sign-out). */
export async function endOwnerSession(db: Database, sessionId: string): Promise<void> {
  if (!isUuid(sessionId)) return;
  await db.delete(ownerSessions).where(eq(ownerSessions.id, sessionId));
}

/** Ends every session of the owner except `keep` (a password change keeps the browser that made it). */
export async function endOtherOwnerSessions(db: Database, ownerId: string, keep: string): Promise<void> {
  await db.delete(ownerSessions).where(and(eq(ownerSessions.ownerId, ownerId), ne(ownerSessions.id, keep)));
}

/**
 * The owner of a live session: the account still exists, the session row still exists and is
 * younger than SESSION_MAX_AGE_MS. One statement; null otherwise.
 */
export async function findSessionOwner(
  db: Database,
  ownerId: string,
  sessionId: string,
  now: Date = new Date(),
): Promise<SignedInOwner | null> {
  if (!isUuid(ownerId) || !isUuid(sessionId)) return null;
  const [owner] = await db
    .select({ id: owners.id, email: owners.email, name: owners.name })
    .from(ownerSessions)
    .innerJoin(owners, eq(owners.id, ownerSessions.ownerId))
    .where(
      and(
        eq(ownerSessions.id, sessionId),
        eq(ownerSessions.ownerId, ownerId),
        gt(ownerSessions.createdAt, sql`${new Date(now.getTime() - SESSION_MAX_AGE_MS).toISOString()}::timestamptz`),
      ),
    )
    .limit(1);
  return owner ?? null;
}
