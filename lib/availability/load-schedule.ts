import { and, asc, eq, gt, gte, lt, lte, ne, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { bookings, salons, services, stylists, timeOff, workingHours, type Salon, type Service } from "@/db/schema";
import { UnknownEntityError } from "@/lib/booking/errors";
import type { ScheduleInput, StylistSchedule } from "./compute-slots";
import { addDays, wallClockInstant } from "./wall-clock";

// Reads what the availability core needs for one salon, service and date range. Every query is
// scoped to the salon, so an id from another salon is simply unknown.

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A booking blocks at most 720 minutes of service plus 240 of buffer; look back a day to be safe.
const LOOKBACK_MS = 86_400_000;

export function isUuid(value: string): boolean {
  return UUID_RE.test(value);
}

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

/**
 * The salon's schedule for a service between two salon-local dates (inclusive): the active
 * stylists (or the one asked for) with their hours, days off and active bookings.
 * Throws UnknownEntityError for a service or stylist that is not an active one of this salon.
 */
export async function loadSchedule(
  db: Database,
  salon: Salon,
  q: { serviceId: string; stylistId?: string; from: string; to: string },
): Promise<LoadedSchedule> {
  if (!isUuid(q.serviceId)) throw new UnknownEntityError("serviceId");
  if (q.stylistId !== undefined && !isUuid(q.stylistId)) throw new UnknownEntityError("stylistId");
  const windowStart = new Date(wallClockInstant(q.from, "00:00", salon.timeZone));
  // Slots start before the end of `to`, and their buffered block may run past midnight.
  const windowEnd = new Date(wallClockInstant(addDays(q.to, 2), "00:00", salon.timeZone));
  const stylistFilter = q.stylistId
    ? and(eq(stylists.salonId, salon.id), eq(stylists.active, true), eq(stylists.id, q.stylistId))
    : and(eq(stylists.salonId, salon.id), eq(stylists.active, true));

  const [serviceRows, hourRows, offRows, busyRows] = await Promise.all([
    db
      .select()
      .from(services)
      .where(and(eq(services.id, q.serviceId), eq(services.salonId, salon.id), eq(services.active, true)))
      .limit(1),
    db
      .select({
        stylistId: stylists.id,
        name: stylists.name,
        weekday: workingHours.weekday,
        startTime: workingHours.startTime,
        endTime: workingHours.endTime,
      })
      .from(stylists)
      .leftJoin(workingHours, eq(workingHours.stylistId, stylists.id))
      .where(stylistFilter)
      .orderBy(asc(stylists.name), asc(stylists.id), asc(workingHours.weekday), asc(workingHours.startTime)),
    db
      .select({ stylistId: timeOff.stylistId, startDate: timeOff.startDate, endDate: timeOff.endDate })
      .from(timeOff)
      .innerJoin(stylists, eq(stylists.id, timeOff.stylistId))
      .where(and(stylistFilter, lte(timeOff.startDate, q.to), gte(timeOff.endDate, q.from))),
    db
      .select({ stylistId: bookings.stylistId, start: bookings.startsAt, end: bookings.blockedUntil })
      .from(bookings)
      .where(
        and(
          eq(bookings.salonId, salon.id),
          q.stylistId ? eq(bookings.stylistId, q.stylistId) : sql`true`,
          ne(bookings.status, "cancelled"),
          gt(bookings.startsAt, new Date(windowStart.getTime() - LOOKBACK_MS)),
          lt(bookings.startsAt, windowEnd),
          gt(bookings.blockedUntil, windowStart),
        ),
      ),
  ]);

  const service = serviceRows[0];
  if (!service) throw new UnknownEntityError("serviceId");
  if (q.stylistId && hourRows.length === 0) throw new UnknownEntityError("stylistId");

  const byId = new Map<string, StylistSchedule>();
  const stylistNames = new Map<string, string>();
  for (const row of hourRows) {
    let schedule = byId.get(row.stylistId);
    if (!schedule) {
      schedule = { stylistId: row.stylistId, hours: [], daysOff: [], busy: [] };
      byId.set(row.stylistId, schedule);
      stylistNames.set(row.stylistId, row.name);
    }
    if (row.weekday !== null && row.startTime !== null && row.endTime !== null) {
      schedule.hours.push({ weekday: row.weekday, startTime: row.startTime, endTime: row.endTime });
    }
  }
  for (const off of offRows) byId.get(off.stylistId)?.daysOff.push({ startDate: off.startDate, endDate: off.endDate });
  for (const b of busyRows) byId.get(b.stylistId)?.busy.push({ start: b.start, end: b.end });

  return {
    service,
    stylistNames,
    input: {
      rules: { timeZone: salon.timeZone, bufferMinutes: salon.bufferMinutes, minNoticeMinutes: salon.minNoticeMinutes },
      durationMinutes: service.durationMinutes,
      stylists: [...byId.values()],
    },
  };
}
