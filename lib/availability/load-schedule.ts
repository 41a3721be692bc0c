import { and, eq, sql } from "drizzle-orm";
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
  const found = await selectSalonSchedule(db, { by: "id", salon: salon.id }, q);
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
  return selectSalonSchedule(db, { by: "slug", salon: slug }, q);
}

type HourRow = [stylistId: string, name: string, weekday: number | null, startTime: string | null, endTime: string | null];
type OffRow = [stylistId: string, startDate: string, endDate: string, startTime: string | null, endTime: string | null];
type BusyRow = [stylistId: string, startMs: number, endMs: number];

type SalonKey = { by: "id" | "slug"; salon: string };
type ScheduleShape = { by: SalonKey["by"]; on: boolean; oneStylist: boolean };

async function selectSalonSchedule(
  db: Database,
  salonKey: SalonKey,
  q: ScheduleQuery,
): Promise<{ salon: Salon; schedule: LoadedSchedule } | undefined> {
  if (!isUuid(q.serviceId)) throw new UnknownEntityError("serviceId");
  if (q.stylistId !== undefined && !isUuid(q.stylistId)) throw new UnknownEntityError("stylistId");
  if (!("on" in q) && (!isCalendarDate(q.from) || !isCalendarDate(q.to))) throw new RangeError("schedule dates must be YYYY-MM-DD");

  const statement = scheduleStatement(db, { by: salonKey.by, on: "on" in q, oneStylist: q.stylistId !== undefined });
  const [row] = await statement.execute({
    salon: salonKey.salon,
    serviceId: q.serviceId,
    stylistId: q.stylistId,
    ...("on" in q ? { on: q.on.toISOString() } : { from: q.from, to: q.to }),
  });
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
  for (const [stylistId, startDate, endDate, startTime, endTime] of jsonRows<OffRow>(row.daysOff)) {
    byId.get(stylistId)?.daysOff.push({ startDate, endDate, startTime, endTime });
  }
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

type ScheduleStatement = ReturnType<typeof prepareScheduleStatement>;

// Building the Drizzle query and its SQL text costs about as much CPU as the rest of a booking's
// own work, so each shape is built once per database handle and then only bound. A transaction is
// its own handle: its statements are built for it (reschedule reads one schedule per transaction).
const statementsByDb = new WeakMap<Database, Map<string, ScheduleStatement>>();

function scheduleStatement(db: Database, shape: ScheduleShape): ScheduleStatement {
  let statements = statementsByDb.get(db);
  if (!statements) statementsByDb.set(db, (statements = new Map()));
  const key = `${shape.by}_${shape.on ? "on" : "range"}_${shape.oneStylist ? "stylist" : "all"}`;
  let statement = statements.get(key);
  if (!statement) statements.set(key, (statement = prepareScheduleStatement(db, shape, `salon_schedule_${key}`)));
  return statement;
}

/**
 * One round trip for the salon, its service and every stylist's hours, days off and bookings: the
 * stylists' rows come back as JSON arrays beside the salon and service columns. Every subquery is
 * scoped to the salon of the row, so an id from another salon is simply unknown. Placeholders:
 * `salon` (its id or slug), `serviceId`, `stylistId` (one-stylist shapes), and `on` (an ISO
 * instant) or `from` and `to` (salon-local dates).
 *
 * Local dates and midnights are computed in SQL from the salon's zone. What comes back is a
 * superset of what the availability core looks at — days off a day wider, bookings a few hours
 * wider — so Postgres's and the JavaScript runtime's time-zone data may disagree without losing
 * anything; the core picks the exact days and overlaps itself.
 */
function prepareScheduleStatement(db: Database, shape: ScheduleShape, name: string) {
  const p = sql.placeholder;
  const from = shape.on ? sql`(${p("on")}::timestamptz at time zone ${salons.timeZone})::date` : sql`${p("from")}::date`;
  const to = shape.on ? from : sql`${p("to")}::date`;
  const stylistFilter = shape.oneStylist ? sql`and st.id = ${p("stylistId")}::uuid` : sql``;
  const bookingStylistFilter = shape.oneStylist ? sql`and b.stylist_id = ${p("stylistId")}::uuid` : sql``;
  // Local midnight starting `from`, and two days after `to` (a slot's buffered block may run past
  // midnight), each widened by a few hours.
  const windowStart = sql`(((${from})::timestamp at time zone ${salons.timeZone}) - interval '6 hours')`;
  const windowEnd = sql`((((${to}) + 2)::timestamp at time zone ${salons.timeZone}) + interval '6 hours')`;
  // A booking at an instant looks at the bookings its block (service and buffer) overlaps, and for
  // "any stylist" at the day's others too, which set the stylists' preference order: the day, a few
  // hours wider, and the block, which may run past midnight. Instants need no widening.
  const blockEnd = sql`(${p("on")}::timestamptz + make_interval(mins => ${services.durationMinutes} + ${salons.bufferMinutes}))`;
  const dayEnd = sql`((((${to}) + 1)::timestamp at time zone ${salons.timeZone}) + interval '6 hours')`;
  const busyFrom = shape.on && shape.oneStylist ? sql`${p("on")}::timestamptz` : windowStart;
  const busyUntil = !shape.on ? windowEnd : shape.oneStylist ? blockEnd : sql`greatest(${dayEnd}, ${blockEnd})`;

  return db
    .select({
      salon: salons,
      service: services,
      hours: sql<HourRow[] | string | null>`(
        select json_agg(json_build_array(st.id, st.name, wh.weekday, wh.start_time, wh.end_time)
                        order by st.name, st.id, wh.weekday, wh.start_time)
        from stylists st left join effective_hours wh on wh.stylist_id = st.id
        where st.salon_id = ${salons.id} and st.active ${stylistFilter})`,
      daysOff: sql<OffRow[] | string | null>`(
        select json_agg(json_build_array(t.stylist_id, t.start_date, t.end_date, t.start_time, t.end_time))
        from time_off t join stylists st on st.id = t.stylist_id
        where st.salon_id = ${salons.id} and st.active ${stylistFilter}
          and t.start_date <= (${to}) + 1 and t.end_date >= (${from}) - 1)`,
      busy: sql<BusyRow[] | string | null>`(
        select json_agg(json_build_array(b.stylist_id,
                        (extract(epoch from b.starts_at) * 1000)::float8,
                        (extract(epoch from b.blocked_until) * 1000)::float8))
        from bookings b
        where b.salon_id = ${salons.id} ${bookingStylistFilter}
          and b.status <> 'cancelled'
          and b.starts_at > ${busyFrom} - ${`${LOOKBACK_MS} milliseconds`}::interval
          and b.starts_at < ${busyUntil}
          and b.blocked_until > ${busyFrom})`,
    })
    .from(salons)
    .leftJoin(services, and(eq(services.id, p("serviceId")), eq(services.salonId, salons.id), eq(services.active, true)))
    .where(shape.by === "id" ? eq(salons.id, p("salon")) : eq(salons.slug, p("salon")))
    .limit(1)
    .prepare(name);
}

/** A json column: postgres.js and PGlite hand it over parsed; null (no rows) is an empty list. */
function jsonRows<T>(value: T[] | string | null): T[] {
  if (value === null) return [];
  return typeof value === "string" ? (JSON.parse(value) as T[]) : value;
}
