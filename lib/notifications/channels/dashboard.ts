import { sql } from "drizzle-orm";
import { executePrepared } from "@/db/prepared";
import { BOOKING_REMINDER_EVENT } from "@/lib/booking/events";
import { pgErrorCode } from "@/lib/db-errors";
import { errorFields, log } from "@/lib/log";
import type { OutboxChannel } from "@/lib/outbox/relay";
import { SALON_SIGNAL_CHANNEL } from "../signals";

export const DASHBOARD_CHANNEL = "dashboard";

/**
 * The owner's live dashboard: an inline channel, delivered while the event is fanned out. It
 * writes a whole batch's notifications in one statement — keyed by event id, so a re-delivery
 * inserts nothing — and, in the same statement, signals each salon that got new rows once.
 * NOTIFY is delivered at commit, so a listener that wakes up always finds the rows; and a batch
 * that inserted nothing new wakes nobody. Never expires: the feed is the record of what happened.
 */
export function createDashboardChannel(): OutboxChannel {
  return {
    name: DASHBOARD_CHANNEL,
    mode: "inline",
    // A reminder is the customer's: nothing happened that the owner needs to see.
    appliesTo: (event) => event.aggregateType === "booking" && event.eventType !== BOOKING_REMINDER_EVENT,
    async deliver(events, { db }) {
      const ids = `{${events.map((e) => e.id).join(",")}}`;
      try {
        await executePrepared(db, sql`
          with inserted as (
            insert into owner_notifications (event_id, owner_id, salon_id, booking_id, event_type, payload)
            select o.id, s.owner_id, o.salon_id, o.aggregate_id, o.event_type, o.payload
            from outbox o join salons s on s.id = o.salon_id
            where o.id = any(${ids}::bigint[])
            on conflict (event_id) do nothing
            returning salon_id
          )
          select pg_notify(${SALON_SIGNAL_CHANNEL}, salon_id::text)
          from (select distinct salon_id from inserted) as salons_with_news
        `);
      } catch (error) {
        // The database's own message goes to the log; owners see only the code in last_error.
        log.error("dashboard channel: insert failed", errorFields(error));
        const failure = `could not store the notification (database error ${pgErrorCode(error) ?? "unknown"})`;
        return events.map((e) => ({ eventId: e.id, ok: false as const, error: failure, failure: "transient" as const }));
      }
      return events.map((e) => ({ eventId: e.id, ok: true as const }));
    },
  };
}
