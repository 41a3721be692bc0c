// The dashboard's fan-out signal: "salon X has new notifications". Postgres LISTEN/NOTIFY
// carries it across app instances; on PGlite the same NOTIFY reaches listeners of the one
// in-process database. The payload is only the salon id — listeners read the rows themselves.
import { sql } from "drizzle-orm";
import type { Database, DatabaseHandle } from "@/db/client";
import { isUuid } from "@/lib/uuid";

export const SALON_SIGNAL_CHANNEL = "salon_notifications";

/** One NOTIFY per distinct salon, all in one statement (never one per booking commit). */
export async function publishSalonSignals(db: Database, salonIds: string[]): Promise<void> {
  const distinct = [...new Set(salonIds.filter((id) => isUuid(id)))];
  if (distinct.length === 0) return;
  await db.execute(
    sql`select pg_notify(${SALON_SIGNAL_CHANNEL}, s) from unnest(${`{${distinct.join(",")}}`}::text[]) as s`,
  );
}

/** Calls onSignal with a salon id for every signal; returns the unsubscribe function. */
export async function subscribeToSalonSignals(
  handle: DatabaseHandle,
  onSignal: (salonId: string) => void,
): Promise<() => Promise<void>> {
  const deliver = (payload: string | undefined) => {
    if (payload && isUuid(payload)) onSignal(payload);
  };
  if (handle.driver === "pglite") {
    const unlisten = await handle.pglite.listen(SALON_SIGNAL_CHANNEL, deliver);
    return () => unlisten();
  }
  // postgres.js keeps one dedicated connection for all listeners of this Sql instance.
  const { unlisten } = await handle.sql.listen(SALON_SIGNAL_CHANNEL, deliver);
  return () => unlisten();
}
