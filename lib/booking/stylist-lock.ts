import { sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";

/**
 * Serialises the writers of one stylist's calendar until the transaction ends. It is not what
 * prevents double booking — the exclusion constraint is — but without it two inserts for one slot
 * can each wait on the other's uncommitted row inside the constraint check, a deadlock Postgres
 * ends by aborting one of them after deadlock_timeout. With it the second writer waits here, then
 * meets the first one's committed row and fails at once with 23P01.
 */
export async function lockStylistCalendar(tx: Database, stylistId: string): Promise<void> {
  await tx.execute(sql`select ${stylistCalendarLock(stylistId)}`);
}

/** The lock as an expression, for a statement that takes it before it writes (see insert-booking). */
export function stylistCalendarLock(stylistId: string): SQL {
  return sql`pg_advisory_xact_lock(hashtextextended(${`stylist-calendar:${stylistId}`}, 0))`;
}
