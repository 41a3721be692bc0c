import { sql } from "drizzle-orm";
import type { Database, DatabaseHandle } from "@/db/client";
import type { Nudge } from "@/lib/outbox/nudge";
import { isUuid } from "@/lib/uuid";

// The nudge between processes that share nothing but Postgres: servers with RELAY_MODE=external
// NOTIFY after a commit (coalesced by lib/outbox/nudge.ts: one statement per nudge in flight,
// never one inside a booking's transaction), and `npm run relay` LISTENs. The relay worker of an
// embedded server gets its nudges over IPC instead, which costs no database round trip.

export const RELAY_NUDGE_CHANNEL = "outbox_pending";

// NOTIFY payloads are capped at 8000 bytes: past this many salons, say "all" (an empty list).
const MAX_SALONS = 100;
const CHANNEL_NAME = /^[a-z][a-z0-9-]{0,39}$/;

/** Sends a nudge to the relay processes listening on this database. */
export async function publishRelayNudge(db: Database, nudge: Nudge): Promise<void> {
  const salonIds = nudge.salonIds.filter(isUuid);
  const payload = {
    salonIds: salonIds.length > MAX_SALONS ? [] : salonIds,
    channels: nudge.channels.filter((c) => CHANNEL_NAME.test(c)).slice(0, 20),
  };
  await db.execute(sql`select pg_notify(${RELAY_NUDGE_CHANNEL}, ${JSON.stringify(payload)})`);
}

/** Reads a nudge's payload; anything malformed is an empty nudge (drain everything). */
export function parseRelayNudge(payload: string | undefined): Nudge {
  try {
    const value = JSON.parse(payload ?? "") as Partial<Nudge>;
    const salonIds = Array.isArray(value.salonIds) ? value.salonIds.filter((id): id is string => typeof id === "string" && isUuid(id)) : [];
    const channels = Array.isArray(value.channels) ? value.channels.filter((c): c is string => typeof c === "string" && CHANNEL_NAME.test(c)) : [];
    return { salonIds, channels };
  } catch {
    return { salonIds: [], channels: [] };
  }
}

/** Calls onNudge for every nudge published on this Postgres database; returns the unsubscribe function. */
export async function subscribeToRelayNudges(handle: DatabaseHandle, onNudge: (nudge: Nudge) => void): Promise<() => Promise<void>> {
  if (handle.driver !== "postgres") throw new Error("relay nudges between processes need Postgres");
  const { unlisten } = await handle.sql.listen(RELAY_NUDGE_CHANNEL, (payload) => onNudge(parseRelayNudge(payload)));
  return () => unlisten();
}
