import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { resultRows } from "@/db/rows";

// The owner's day sheet: once per salon per local day, at the salon's day-sheet time, an outbox
// event that the owner-email channel turns into the list of that day's bookings. Queued by the
// cron relay (the embedded driver's housekeeping and the Inngest cron function), not by a sleep
// per salon: the salon_day_sheets row is claimed with INSERT … ON CONFLICT DO NOTHING in the same
// statement that writes the event, so any number of relays queue each sheet once.
//
// The time is compared as wall-clock time in the salon's zone. On the day the clocks go forward, a
// time that does not exist (01:30 in London) is reached at the first instant after it (02:00); on
// the day they go back, a time that occurs twice is reached the first time, and the second finds
// the day's row taken. The local date is the one the salon's zone has at that moment.

export const DAY_SHEET_EVENT = "salon.day_sheet";

/** What a day sheet's event carries; the bookings are read when it is sent, so it lists the day as it then is. */
export interface DaySheetPayload {
  salonId: string;
  salonName: string;
  timeZone: string;
  /** The salon's local date, YYYY-MM-DD. */
  localDate: string;
}

/**
 * Queues the day sheet of every salon whose day-sheet time has come today (its local today) and
 * whose sheet for today is not queued yet. Returns the salons queued for (to nudge the relay).
 * Each sheet's event expires at the end of its local day: a sheet for a day gone by is not sent.
 */
export async function queueDueDaySheets(db: Database, now: Date = new Date()): Promise<string[]> {
  const at = now.toISOString();
  const rows = resultRows<{ salon_id: string }>(
    await db.execute(sql`
      with due as (
        select s.id, (${at}::timestamptz at time zone s.time_zone)::date as local_date
        from salons s
        where s.day_sheet_time is not null
          and (${at}::timestamptz at time zone s.time_zone)::time >= s.day_sheet_time
      ), claimed as (
        insert into salon_day_sheets (salon_id, local_date)
        select id, local_date from due
        on conflict (salon_id, local_date) do nothing
        returning salon_id, local_date
      )
      insert into outbox (aggregate_type, aggregate_id, salon_id, event_type, payload, next_attempt_at, expires_at)
      select 'salon', c.salon_id, c.salon_id, ${DAY_SHEET_EVENT},
             json_build_object('salonId', c.salon_id, 'salonName', s.name, 'timeZone', s.time_zone, 'localDate', to_char(c.local_date, 'YYYY-MM-DD')),
             ${at}::timestamptz,
             ((c.local_date + 1)::timestamp at time zone s.time_zone)
      from claimed c join salons s on s.id = c.salon_id
      returning salon_id
    `),
  );
  return rows.map((r) => r.salon_id);
}
