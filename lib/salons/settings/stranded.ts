import { and, asc, eq, gt, inArray, lt, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { bookings, services, stylists, timeOff, effectiveHours, type Salon } from "@/db/schema";
import { isDayOff, stretchesOn, type DayOff, type WorkingStretch } from "@/lib/availability/compute-slots";
import { addDays, formatLocal, wallClockInstant } from "@/lib/availability/wall-clock";
import { formatLocalDate, formatLocalTime } from "@/lib/salons/format";
import type { SettingsResult, StrandReason, StrandedBooking } from "./results";
import { MAX_ACKNOWLEDGED_BOOKINGS } from "./schemas";

// Finds the future confirmed bookings a settings change would leave behind: outside the new
// hours, on new time off, with a stylist or service that is being switched off, closer together
// than a new buffer, or outside the hours once the salon's clock moves to another zone.
// "Future" means not yet over (ends after now): an appointment under way still needs its chair.
// Checks answer only what the change itself newly strands, so a booking the owner already chose to
// keep does not block every later, unrelated edit.

const MINUTE_MS = 60_000;

export interface Candidate {
  id: string;
  reference: string;
  customerName: string;
  serviceName: string;
  stylistName: string;
  stylistId: string;
  startsAt: Date;
  endsAt: Date;
}

async function futureConfirmedBookings(db: Database, salonId: string, now: Date, where?: SQL): Promise<Candidate[]> {
  return db
    .select({
      id: bookings.id,
      reference: bookings.reference,
      customerName: bookings.customerName,
      serviceName: services.name,
      stylistName: stylists.name,
      stylistId: bookings.stylistId,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
    })
    .from(bookings)
    .innerJoin(services, eq(services.id, bookings.serviceId))
    .innerJoin(stylists, eq(stylists.id, bookings.stylistId))
    .where(and(eq(bookings.salonId, salonId), eq(bookings.status, "confirmed"), gt(bookings.endsAt, now), where))
    .orderBy(asc(bookings.startsAt), asc(bookings.id));
}

/** Does the appointment (not its buffer, as availability decides) lie inside one working stretch? */
function fitsHours(booking: Candidate, hours: WorkingStretch[], daysOff: DayOff[], timeZone: string): boolean {
  const schedule = { stylistId: booking.stylistId, hours, daysOff, busy: [] };
  const date = formatLocal(booking.startsAt, timeZone).slice(0, 10);
  if (isDayOff(schedule, date)) return false;
  const start = booking.startsAt.getTime();
  const end = booking.endsAt.getTime();
  return stretchesOn(schedule, date, timeZone).some((s) => s.start <= start && end <= s.end);
}

/** A stylist's effective hours now and as a change would leave them. */
export interface WeekChange {
  current: WorkingStretch[];
  proposed: WorkingStretch[];
}

/**
 * Bookings on the given weekdays that fit their stylist's current hours but not the proposed ones,
 * for every stylist in `changes` (one stylist's own hours, or all who follow the salon's).
 */
export async function findBookingsOutsideHours(
  db: Database,
  q: { salon: Salon; weekdays: number[]; changes: Map<string, WeekChange>; now: Date },
): Promise<Candidate[]> {
  if (q.changes.size === 0) return [];
  const { timeZone } = q.salon;
  const weekdayInZone = sql<number>`extract(isodow from ${bookings.startsAt} at time zone ${timeZone})::int`;
  const candidates = await futureConfirmedBookings(
    db,
    q.salon.id,
    q.now,
    and(inArray(bookings.stylistId, [...q.changes.keys()]), inArray(weekdayInZone, q.weekdays)),
  );
  return candidates.filter((b) => {
    const change = q.changes.get(b.stylistId)!;
    return fitsHours(b, change.current, [], timeZone) && !fitsHours(b, change.proposed, [], timeZone);
  });
}

const LAST_INSTANT_MS = Date.parse("9999-12-31T23:59:59.999Z");

/** Bookings of one stylist on any of the salon-local days startDate..endDate. */
export async function findBookingsOnDays(
  db: Database,
  q: { salon: Salon; stylistId: string; startDate: string; endDate: string; startTime?: string; endTime?: string; now: Date },
): Promise<Candidate[]> {
  // Hours off on one day (wall clock) or whole days, midnight to midnight.
  const from = new Date(wallClockInstant(q.startDate, q.startTime ?? "00:00", q.salon.timeZone));
  // At most the end of year 9999: the midnight after 9999-12-31 is written "+010000-…", which Postgres cannot read.
  const until = new Date(
    Math.min(
      q.startTime && q.endTime ? wallClockInstant(q.startDate, q.endTime, q.salon.timeZone) : wallClockInstant(addDays(q.endDate, 1), "00:00", q.salon.timeZone),
      LAST_INSTANT_MS,
    ),
  );
  return futureConfirmedBookings(
    db,
    q.salon.id,
    q.now,
    and(eq(bookings.stylistId, q.stylistId), lt(bookings.startsAt, until), gt(bookings.endsAt, from)),
  );
}

export async function findBookingsOfStylist(db: Database, q: { salon: Salon; stylistId: string; now: Date }): Promise<Candidate[]> {
  return futureConfirmedBookings(db, q.salon.id, q.now, eq(bookings.stylistId, q.stylistId));
}

export async function findBookingsOfService(db: Database, q: { salon: Salon; serviceId: string; now: Date }): Promise<Candidate[]> {
  return futureConfirmedBookings(db, q.salon.id, q.now, eq(bookings.serviceId, q.serviceId));
}

/**
 * Bookings that start less than the new buffer after the same stylist's previous booking ends
 * (but not less than the current buffer: those were already kept). Stored bookings keep the
 * buffer they were made with; the new one applies to bookings made from now on.
 */
export async function findBookingsTooClose(db: Database, q: { salon: Salon; bufferMinutes: number; now: Date }): Promise<Candidate[]> {
  if (q.bufferMinutes <= q.salon.bufferMinutes) return [];
  const all = await futureConfirmedBookings(db, q.salon.id, q.now);
  const lastEndByStylist = new Map<string, number>();
  const tooClose: Candidate[] = [];
  for (const booking of all) {
    const previousEnd = lastEndByStylist.get(booking.stylistId);
    if (previousEnd !== undefined) {
      const gap = booking.startsAt.getTime() - previousEnd;
      if (gap < q.bufferMinutes * MINUTE_MS && gap >= q.salon.bufferMinutes * MINUTE_MS) tooClose.push(booking);
    }
    lastEndByStylist.set(booking.stylistId, Math.max(previousEnd ?? 0, booking.endsAt.getTime()));
  }
  return tooClose;
}

/** Bookings inside their stylist's hours today that would fall outside them with the salon's clock in another zone. */
export async function findBookingsShiftedByZone(db: Database, q: { salon: Salon; timeZone: string; now: Date }): Promise<Candidate[]> {
  if (q.timeZone === q.salon.timeZone) return [];
  const [all, hourRows, offRows] = await Promise.all([
    futureConfirmedBookings(db, q.salon.id, q.now),
    db
      .select({ stylistId: effectiveHours.stylistId, weekday: effectiveHours.weekday, startTime: effectiveHours.startTime, endTime: effectiveHours.endTime })
      .from(effectiveHours)
      .innerJoin(stylists, eq(stylists.id, effectiveHours.stylistId))
      .where(eq(stylists.salonId, q.salon.id)),
    db
      .select({
        stylistId: timeOff.stylistId,
        startDate: timeOff.startDate,
        endDate: timeOff.endDate,
        startTime: timeOff.startTime,
        endTime: timeOff.endTime,
      })
      .from(timeOff)
      .innerJoin(stylists, eq(stylists.id, timeOff.stylistId))
      .where(eq(stylists.salonId, q.salon.id)),
  ]);
  const hoursOf = (id: string) => hourRows.filter((h) => h.stylistId === id);
  const offOf = (id: string) => offRows.filter((o) => o.stylistId === id);
  return all.filter((b) => {
    const hours = hoursOf(b.stylistId);
    const off = offOf(b.stylistId);
    return fitsHours(b, hours, off, q.salon.timeZone) && !fitsHours(b, hours, off, q.timeZone);
  });
}

/** A booking as the owner is shown it: at the salon's local time, written in the salon's locale. */
export function toStrandedBooking(booking: Candidate, salon: Pick<Salon, "timeZone" | "locale">): StrandedBooking {
  const local = formatLocal(booking.startsAt, salon.timeZone);
  return {
    id: booking.id,
    reference: booking.reference,
    customerName: booking.customerName,
    serviceName: booking.serviceName,
    stylistName: booking.stylistName,
    startsAtLocal: local,
    dateLabel: formatLocalDate(local, salon.locale),
    timeLabel: formatLocalTime(local, salon.locale),
  };
}

/**
 * The refusal for a change that strands `found`, or undefined when there is none or the owner has
 * acknowledged every one of them ("keep these bookings anyway"). A booking that appeared since
 * the owner looked is not acknowledged, so it is listed again.
 */
export function strandedRefusal(
  reason: StrandReason,
  found: Candidate[],
  keepBookingIds: string[],
  salon: Pick<Salon, "timeZone" | "locale">,
): Extract<SettingsResult, { status: "stranded" }> | undefined {
  const kept = new Set(keepBookingIds);
  if (found.every((b) => kept.has(b.id))) return undefined;
  return {
    status: "stranded",
    reason,
    total: found.length,
    bookings: found.slice(0, MAX_ACKNOWLEDGED_BOOKINGS).map((b) => toStrandedBooking(b, salon)),
  };
}
