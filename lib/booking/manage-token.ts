import { createHash, randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { bookingManageTokens } from "@/db/schema";

// The customer's manage link /b/{token}. A token is 32 random bytes (256 bits), base64url; only
// its sha256 is stored, so a leaked database (or outbox payload) holds no usable link. A booking
// may have several valid tokens: the confirmation page and every email mint their own.

const TOKEN_BYTES = 32;
/** 32 bytes in unpadded base64url. Anything else is refused before the database is asked. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function newManageToken(): string {
  return randomBytes(TOKEN_BYTES).toString("base64url");
}

export function isWellFormedManageToken(token: unknown): token is string {
  return typeof token === "string" && TOKEN_SHAPE.test(token);
}

export function hashManageToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Stores a new token's hash for a booking and returns the token (shown once, never stored raw). */
export async function mintManageToken(db: Database, bookingId: string): Promise<string> {
  const token = newManageToken();
  await db.insert(bookingManageTokens).values({ tokenHash: hashManageToken(token), bookingId });
  return token;
}

/** One new token for each of these (existing) bookings, in one statement: booking id → token. */
export async function mintManageTokens(db: Database, bookingIds: string[]): Promise<Map<string, string>> {
  const minted = new Map([...new Set(bookingIds)].map((id) => [id, newManageToken()]));
  if (minted.size > 0) {
    await db
      .insert(bookingManageTokens)
      .values([...minted].map(([bookingId, token]) => ({ tokenHash: hashManageToken(token), bookingId })));
  }
  return minted;
}

/** Forgets tokens whose email never went out (best effort: an unsent token is merely unused). */
export async function revokeManageToken(db: Database, token: string): Promise<void> {
  await db.delete(bookingManageTokens).where(eq(bookingManageTokens.tokenHash, hashManageToken(token)));
}

/** The booking a token opens, or null for a malformed, guessed, truncated or unknown token. */
export async function findBookingIdByManageToken(db: Database, token: unknown): Promise<string | null> {
  if (!isWellFormedManageToken(token)) return null;
  const [row] = await db
    .select({ bookingId: bookingManageTokens.bookingId })
    .from(bookingManageTokens)
    .where(eq(bookingManageTokens.tokenHash, hashManageToken(token)))
    .limit(1);
  return row?.bookingId ?? null;
}
