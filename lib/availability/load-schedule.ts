import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { salons, services, type Salon, type Service } from "@/db/schema";
import { UnknownEntityError } from "@/lib/booking/errors";
import type { ScheduleInput, StylistSchedule } from "./compute-slots";
import { isUuid } from "@/lib/uuid";
import { isCalendarDate } from "./wall-clock";

// Reads what the availability core needs for one salon, service and date range. Every query is
// scoped to the salon, so an id from another salon is simply unknown.

// A booking blocks at most 720 minutes of service plus 240 of buffer; look back a day to be safe.
const LOOKBACK_MS = 86_400_000;

export async function findSalonById(db: Database, salonId: string): Promise<Salon | undefined> {
  if (!isUuid(salonId)) return undefined;
  const [salon] = await db.select().from(salons).where(eq(salons.id, salonId)).limit(1);
  return salon;
}

export async function findSalonBySlug(db: Database, slug: string): Promise<Salon | undefined> {
  const [salon] = await db.select().from(salons).where(eq(salons.slug, slug)).limit(1);
  return salon;
}

export interface LoadedSchedule {
  service: Service;
  stylistNames: Map<string, string>;
  input: Omit<ScheduleInput, "now">;
}

/** Salon-local dates, inclusive; or `on`: the salon-local date of that instant (the salon's zone is read with it). */
export type ScheduleQuery = { serviceId: string; stylistId?: string } & ({ from: string; to: string } | { on: Date });

/**
 * The salon's schedule for a service between two salon-local dates (inclusive): the active
 * stylists (or the one asked for) with their hours, days off and active bookings.
 * Throws UnknownEntityError for a service or stylist that is not an active one of this salon.
 */
export async function loadSchedule(db: Database, salon: Salon, q: ScheduleQuery): Promise<LoadedSchedule> {
  const found = await selectSalonSchedule(db, eq(salons.id, salon.id), q);
  if (!found) throw new UnknownEntityError("salon");
  return found.schedule;
}

/**
 * The salon with this slug and its schedule, read in one statement (the booking path's one read).
 * Undefined for an unknown slug; UnknownEntityError as in loadSchedule.
 */
export async function loadSalonSchedule(
  db: Database,
  slug: string,
  q: ScheduleQuery,
): Promise<{ salon: Salon; schedule: LoadedSchedule } | undefined> {
  return selectSalonSchedule(db, eq(salons.slug, slug), q);
}

type HourRow = [stylistId: string, name: string, weekday: number | null, startTime: string | null, endTime: string | null];
type OffRow = [stylistId: string, startDate: string, endDate: string];
type BusyRow = [stylistId: string, startMs: number, endMs: number];

/**
 * One round trip for the salon, its service and every stylist's hours, days off and bookings: the
 * stylists' rows come back as JSON arrays beside the salon and service columns. Every subquery is
 * scoped to the salon of the row, so an id from another salon is simply unknown.
 *
 * Local dates and midnights are computed in SQL from the salon's zone. What comes back is a
 * superset of what the availability core looks at — days off a day wider, bookings a few hours
 * wider — so Postgres's and the JavaScript runtime's time-zone data may disagree without losing
 * anything; the core picks the exact days and overlaps itself.
 */
async function selectSalonSchedule(
  db: Database,
  salonFilter: SQL,
  q: ScheduleQuery,
): Promise<{ salon: Salon; schedule: LoadedSchedule } | undefined> {
  if (!isUuid(q.serviceId)) throw new UnknownEntityError("serviceId");
  if (q.stylistId !== undefined && !isUuid(q.stylistId)) throw new UnknownEntityError("stylistId");
  let from: SQL;
  let to: SQL;
  if ("on" in q) {
    from = to = sql`(${q.on.toISOString()}::timestamptz at time zone ${salons.timeZone})::date`;
  } else {
    if (!isCalendarDate(q.from) || !isCalendarDate(q.to)) throw new RangeError("schedule dates must be YYYY-MM-DD");
    from = sql`${q.from}::date`;
    to = sql`${q.to}::date`;
  }
  const stylistFilter = q.stylistId ? sql`and st.id = ${q.stylistId}::uuid` : sql``;
  // Local midnight starting `from`, and two days after `to` (a slot's buffered block may run past
  // midnight), each widened by a few hours.
  const windowStart = sql`(((${from})::timestamp at time zone ${salons.timeZone}) - interval '6 hours')`;
  const windowEnd = sql`((((${to}) + 2)::timestamp at time zone ${salons.timeZone}) + interval '6 hours')`;

  const [row] = await db
    .select({
      salon: salons,
      service: services,
      hours: sql<HourRow[] | string | null>`(
        select json_agg(json_build_array(st.id, st.name, wh.weekday, wh.start_time, wh.end_time)
                        order by st.name, st.id, wh.weekday, wh.start_time)
        from stylists st left join working_hours wh on wh.stylist_id = st.id
        where st.salon_id = ${salons.id} and st.active ${stylistFilter})`,
      daysOff: sql<OffRow[] | string | null>`(
        select json_agg(json_build_array(t.stylist_id, t.start_date, t.end_date))
        from time_off t join stylists st on st.id = t.stylist_id
        where st.salon_id = ${salons.id} and st.active ${stylistFilter}
          and t.start_date <= (${to}) + 1 and t.end_date >= (${from}) - 1)`,
      busy: sql<BusyRow[] | string | null>`(
        select json_agg(json_build_array(b.stylist_id,
                        (extract(epoch from b.starts_at) * 1000)::float8,
                        (extract(epoch from b.blocked_until) * 1000)::float8))
        from bookings b
        where b.salon_id = ${salons.id} ${q.stylistId ? sql`and b.stylist_id = ${q.stylistId}::uuid` : sql``}
          and b.status <> 'cancelled'
          and b.starts_at > ${windowStart} - ${`${LOOKBACK_MS} milliseconds`}::interval
          and b.starts_at < ${windowEnd}
          and b.blocked_until > ${windowStart})`,
    })
    .from(salons)
    .leftJoin(services, and(eq(services.id, q.serviceId), eq(services.salonId, salons.id), eq(services.active, true)))
    .where(salonFilter)
    .limit(1)
    .prepare("salon_schedule")
    .execute();
  if (!row) return undefined;

  const { salon, service } = row;
  if (!service) throw new UnknownEntityError("serviceId");
  const hourRows = jsonRows<HourRow>(row.hours);
  if (q.stylistId && hourRows.length === 0) throw new UnknownEntityError("stylistId");

  const byId = new Map<string, StylistSchedule>();
  const stylistNames = new Map<string, string>();
  for (const [stylistId, name, weekday, startTime, endTime] of hourRows) {
    let schedule = byId.get(stylistId);
    if (!schedule) {
      schedule = { stylistId, hours: [], daysOff: [], busy: [] };
      byId.set(stylistId, schedule);
      stylistNames.set(stylistId, name);
    }
    if (weekday !== null && startTime !== null && endTime !== null) schedule.hours.push({ weekday, startTime, endTime });
  }
  for (const [stylistId, startDate, endDate] of jsonRows<OffRow>(row.daysOff)) byId.get(stylistId)?.daysOff.push({ startDate, endDate });
  for (const [stylistId, start, end] of jsonRows<BusyRow>(row.busy)) byId.get(stylistId)?.busy.push({ start: new Date(start), end: new Date(end) });

  return {
    salon,
    schedule: {
      service,
      stylistNames,
      input: {
        rules: {
          timeZone: salon.timeZone,
          bufferMinutes: salon.bufferMinutes,
          minNoticeMinutes: salon.minNoticeMinutes,
          bookingHorizonDays: salon.bookingHorizonDays,
        },
        durationMinutes: service.durationMinutes,
        stylists: [...byId.values()],
      },
    },
  };
}

/** A json column: postgres.js and PGlite hand it over parsed; null (no rows) is an empty list. */
function jsonRows<T>(value: T[] | string | null): T[] {
  if (value === null) return [];
  return typeof value === "string" ? (JSON.parse(value) as T[]) : value;
}
