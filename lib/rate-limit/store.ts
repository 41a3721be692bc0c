import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { executePrepared } from "@/db/prepared";
import { resultRows } from "@/db/rows";
import type { RateRule } from "@/lib/config/security";
import { errorFields, log } from "@/lib/log";

// Fixed-window rate limits kept in the database (table rate_limits), so every app instance counts
// against the same limit. One check is one statement, whatever it counts against: an upsert of one
// row per key that adds this hit and returns the new totals, with no read before the write for a
// burst of parallel requests to slip through. A window is aligned to the clock (every 10 minutes
// on the 10 minutes, say), so a client can at most double a limit across a window's edge.

export interface RateCheck {
  /** "<scope>:<digest>" (rateKey): what is being counted. */
  key: string;
  rule: RateRule;
  /** "limit" (default) refuses the request past the rule's max; "count" only reports it. */
  mode?: "limit" | "count";
}

export type RateVerdict =
  | { allowed: true; over: Set<string> }
  | { allowed: false; retryAfterSeconds: number; over: Set<string> };

/** A key for a scope and the thing limited in it; the thing is hashed (no email or token stored). */
export function rateKey(scope: string, value: string): string {
  return `${scope}:${createHash("sha256").update(value).digest("base64url").slice(0, 22)}`;
}

/** When the window containing `now` ends, for a window of `seconds` aligned to the epoch. */
export function windowEnd(now: Date, seconds: number): Date {
  const size = seconds * 1000;
  return new Date(Math.floor(now.getTime() / size) * size + size);
}

/**
 * Counts one hit against each check and says whether the request may go on: refused when any
 * "limit" check is past its max (Retry-After: until the latest such window ends). `over` holds
 * every key past its max, "count" checks included. Keys are written in sorted order, so two
 * statements never lock the same rows in opposite orders.
 */
export async function consumeRateLimits(db: Database, checks: RateCheck[], now: Date = new Date()): Promise<RateVerdict> {
  const byKey = new Map<string, RateCheck>();
  for (const check of checks) byKey.set(check.key, check);
  if (byKey.size === 0) return { allowed: true, over: new Set() };
  const ordered = [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const rows = sql.join(
    ordered.map((c) => sql`(${c.key}, ${windowEnd(now, c.rule.windowSeconds).toISOString()}::timestamptz, 1)`),
    sql`, `,
  );
  // A row from an earlier window starts again at 1; one from a later window (another instance's
  // clock ahead of ours) keeps counting in that window.
  const result = await executePrepared(
    db,
    sql`insert into rate_limits as r (key, window_end, hits) values ${rows}
        on conflict (key) do update set
          hits = case when r.window_end >= excluded.window_end then r.hits + 1 else 1 end,
          window_end = greatest(r.window_end, excluded.window_end)
        returning r.key, r.hits, (extract(epoch from r.window_end) * 1000)::float8 as window_end_ms`,
  );
  const over = new Set<string>();
  let refused = false;
  let retryAfterMs = 0;
  for (const row of resultRows<{ key: string; hits: number; window_end_ms: number }>(result)) {
    const check = byKey.get(row.key);
    if (!check || Number(row.hits) <= check.rule.max) continue;
    over.add(row.key);
    if ((check.mode ?? "limit") === "limit") {
      refused = true;
      retryAfterMs = Math.max(retryAfterMs, Number(row.window_end_ms) - now.getTime());
    }
  }
  maybePurge(db, now);
  if (!refused) return { allowed: true, over };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)), over };
}

/** Gives one hit back to each key (a sign-in that turned out to be the owner's), never below 0. */
export async function refundRateLimits(db: Database, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await db.execute(
    sql`update rate_limits set hits = greatest(hits - 1, 0) where key in (${sql.join(
      keys.map((k) => sql`${k}`),
      sql`, `,
    )})`,
  );
}

/** Deletes rows whose window is over, in one bounded batch; returns how many went. */
export async function purgeExpiredRateLimits(db: Database, now: Date = new Date(), batch = 1000): Promise<number> {
  const result = await db.execute(
    sql`delete from rate_limits where key in (
          select key from rate_limits where window_end < ${now.toISOString()}::timestamptz limit ${batch})
        returning key`,
  );
  return resultRows(result).length;
}

// Housekeeping rides along with about one check in a thousand instead of needing a job of its own;
// it is not awaited, so the request that carries it does not wait for it.
const PURGE_EVERY = 1000;

function maybePurge(db: Database, now: Date): void {
  if (Math.random() * PURGE_EVERY >= 1) return;
  purgeExpiredRateLimits(db, now).catch((error) => log.warn("rate limit purge failed", errorFields(error)));
}
