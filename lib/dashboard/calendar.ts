import { and, asc, eq, gte, inArray, isNull, lt, sql } from "drizzle-orm";
import { DateTime } from "luxon";
import type { Database } from "@/db/client";
import { bookings, ownerNotifications, salons, services, stylists, effectiveHours, type BookingStatus } from "@/db/schema";
import { addDays, daysBetween, eachDate, wallClockInstant, weekdayOf } from "@/lib/availability/wall-clock";
import { localePatterns } from "@/lib/salons/format";
import { findOwnedSalon, isOwnerId, type OwnedSalon, type OwnerId } from "./owner-scope";
import type { CalendarView } from "./schemas";

// The owner's calendar: one salon's bookings per stylist for a day or a week, in the SALON's zone
// (the owner's browser may be anywhere). Bookings are placed by their salon-local start date and
// wall-clock minutes, so a 10:00 booking in London sits at 10:00 however the viewer's clock reads.

export interface CalendarBooking {
  id: string;
  reference: string;
  status: BookingStatus;
  customerName: string;
  serviceName: string;
  /** Salon-local date of the start, YYYY-MM-DD. */
  date: string;
  /** ISO 8601 with the salon's offset. */
  startLocal: string;
  endLocal: string;
  /** On the salon's wall clock, written its locale's way: "14:00" or "2:00 PM". */
  startTime: string;
  endTime: string;
  /** Wall-clock minutes after midnight of `date`; the end passes 1440 when the booking runs past midnight. */
  startMinute: number;
  endMinute: number;
  /** The owner has an unread notification about it: it arrived (or changed) since they last looked. */
  isNew: boolean;
}

export interface CalendarStylist {
  id: string;
  name: string;
  bookings: CalendarBooking[];
}

export interface SalonCalendar {
  salon: OwnedSalon;
  view: CalendarView;
  /** The day asked for (day view) or a day of the week shown (week view). */
  date: string;
  /** The days shown, Monday first in week view. */
  days: string[];
  /** Today in the salon's zone. */
  today: string;
  previous: string;
  next: string;
  stylists: CalendarStylist[];
  /** Hours the day view spans (minutes after midnight, whole hours): opening hours and every booking. */
  dayRange: { startMinute: number; endMinute: number };
}

const DEFAULT_RANGE = { startMinute: 9 * 60, endMinute: 17 * 60 };
const DAY_MINUTES = 24 * 60;

/** The days a view shows: the date itself, or its ISO week (Monday to Sunday). */
export function calendarDays(view: CalendarView, date: string): string[] {
  if (view === "day") return [date];
  const monday = addDays(date, 1 - weekdayOf(date));
  return eachDate(monday, addDays(monday, 6));
}

/**
 * One salon's calendar for the owner, or undefined when the salon is not theirs (the caller shows
 * a 404: another owner's salon id reveals nothing, not even that it exists).
 */
export async function loadSalonCalendar(
  db: Database,
  ownerId: OwnerId,
  input: { salonId: string; view: CalendarView; date?: string },
  options: { now?: Date } = {},
): Promise<SalonCalendar | undefined> {
  if (!isOwnerId(ownerId)) return undefined;
  const salon = await findOwnedSalon(db, ownerId, input.salonId);
  if (!salon) return undefined;
  const zone = salon.timeZone;
  const today = DateTime.fromJSDate(options.now ?? new Date(), { zone }).toISODate()!;
  const date = input.date ?? today;
  const days = calendarDays(input.view, date);
  const from = new Date(wallClockInstant(days[0], "00:00", zone));
  const to = new Date(wallClockInstant(addDays(days.at(-1)!, 1), "00:00", zone));

  const [rows, stylistRows, hours] = await Promise.all([
    db
      .select({
        id: bookings.id,
        reference: bookings.reference,
        status: bookings.status,
        customerName: bookings.customerName,
        serviceName: services.name,
        stylistId: bookings.stylistId,
        startsAt: bookings.startsAt,
        endsAt: bookings.endsAt,
      })
      .from(bookings)
      .innerJoin(salons, eq(salons.id, bookings.salonId))
      .innerJoin(services, eq(services.id, bookings.serviceId))
      // The owner filter again, in the statement that reads the bookings.
      .where(and(eq(bookings.salonId, salon.id), eq(salons.ownerId, ownerId), gte(bookings.startsAt, from), lt(bookings.startsAt, to)))
      .orderBy(asc(bookings.startsAt), asc(bookings.id)),
    db
      .select({ id: stylists.id, name: stylists.name, active: stylists.active })
      .from(stylists)
      .where(eq(stylists.salonId, salon.id))
      .orderBy(asc(stylists.createdAt), asc(stylists.name)),
    db
      // Effective hours: the salon's on days its stylists follow them, their own on their own days.
      .select({ start: sql<string | null>`min(${effectiveHours.startTime})`, end: sql<string | null>`max(${effectiveHours.endTime})` })
      .from(effectiveHours)
      .innerJoin(stylists, eq(stylists.id, effectiveHours.stylistId))
      .where(and(eq(stylists.salonId, salon.id), inArray(effectiveHours.weekday, [...new Set(days.map(weekdayOf))]))),
  ]);

  const unread = await unreadBookingIds(db, ownerId, salon.id, rows.map((r) => r.id));
  const placed = rows.map((row) => ({ stylistId: row.stylistId, booking: { ...placeBooking(row, zone, salon.locale), isNew: unread.has(row.id) } }));
  const withBookings = new Set(placed.map((p) => p.stylistId));
  const shown = stylistRows.filter((s) => s.active || withBookings.has(s.id));
  const calendarStylists = shown.map((s) => ({
    id: s.id,
    name: s.name,
    bookings: placed.filter((p) => p.stylistId === s.id).map((p) => p.booking),
  }));

  const step = input.view === "day" ? 1 : 7;
  return {
    salon,
    view: input.view,
    date,
    days,
    today,
    previous: addDays(date, -step),
    next: addDays(date, step),
    stylists: calendarStylists,
    dayRange: dayRange(hours[0] ?? { start: null, end: null }, placed.map((p) => p.booking)),
  };
}

/** Which of these bookings the owner has unread notifications about. */
async function unreadBookingIds(db: Database, ownerId: string, salonId: string, bookingIds: string[]): Promise<Set<string>> {
  if (bookingIds.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ bookingId: ownerNotifications.bookingId })
    .from(ownerNotifications)
    .where(
      and(
        eq(ownerNotifications.ownerId, ownerId),
        eq(ownerNotifications.salonId, salonId),
        isNull(ownerNotifications.readAt),
        inArray(ownerNotifications.bookingId, bookingIds),
      ),
    );
  return new Set(rows.map((r) => r.bookingId));
}

function placeBooking(
  row: { id: string; reference: string; status: BookingStatus; customerName: string; serviceName: string; startsAt: Date; endsAt: Date },
  zone: string,
  locale: string,
): Omit<CalendarBooking, "isNew"> {
  const start = DateTime.fromJSDate(row.startsAt, { zone });
  const end = DateTime.fromJSDate(row.endsAt, { zone });
  const date = start.toISODate()!;
  const wallMinutes = (t: DateTime) => daysBetween(date, t.toISODate()!) * DAY_MINUTES + t.hour * 60 + t.minute;
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    customerName: row.customerName,
    serviceName: row.serviceName,
    date,
    startLocal: start.toISO({ suppressMilliseconds: true })!,
    endLocal: end.toISO({ suppressMilliseconds: true })!,
    startTime: start.setLocale("en-US").toFormat(localePatterns(locale).time),
    endTime: end.setLocale("en-US").toFormat(localePatterns(locale).time),
    startMinute: wallMinutes(start),
    endMinute: Math.max(wallMinutes(end), wallMinutes(start) + 1),
  };
}

const toMinutes = (time: string | null) => {
  if (!time) return undefined;
  const [h, m] = time.split(":").map(Number);
  return h * 60 + m;
};

function dayRange(hours: { start: string | null; end: string | null }, placed: CalendarBooking[]) {
  const starts = [toMinutes(hours.start), ...placed.map((b) => b.startMinute)].filter((m): m is number => m !== undefined);
  const ends = [toMinutes(hours.end), ...placed.map((b) => b.endMinute)].filter((m): m is number => m !== undefined);
  if (starts.length === 0 || ends.length === 0) return DEFAULT_RANGE;
  const startMinute = Math.max(0, Math.floor(Math.min(...starts) / 60) * 60);
  const endMinute = Math.min(DAY_MINUTES, Math.ceil(Math.max(...ends) / 60) * 60);
  return endMinute > startMinute ? { startMinute, endMinute } : DEFAULT_RANGE;
}
