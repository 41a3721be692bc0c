import { addDays, eachDate, formatLocal, wallClockInstant, weekdayOf } from "./wall-clock";

// The pure availability core: salon rules, working hours, time off and existing bookings in,
// free slots out. No database, no clock: `now` is an input, so tests pin it.

export const SLOT_GRID_MINUTES = 15;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const GRID_MS = SLOT_GRID_MINUTES * MINUTE_MS;

export interface Slot {
  start: Date;
  /** start + service duration (the buffer is not part of the customer's appointment). */
  end: Date;
  /** start, ISO 8601 with the salon zone's offset, e.g. 2027-03-14T10:00:00-04:00. */
  local: string;
  /** Stylists free for this slot, in the order "any stylist" should try them. */
  stylistIds: string[];
}

export interface SalonRules {
  timeZone: string;
  bufferMinutes: number;
  minNoticeMinutes: number;
  /** How far ahead customers may book: no slot starts later than now + this many days. */
  bookingHorizonDays: number;
}

/** One working stretch on an ISO weekday, wall-clock HH:MM[:SS] in the salon's zone. */
export interface WorkingStretch {
  weekday: number;
  startTime: string;
  endTime: string;
}

/**
 * Time off, salon-local: whole days (inclusive dates, no times), or part of one day (the same
 * date twice, with wall-clock HH:MM[:SS] times, from inclusive to exclusive).
 */
export interface DayOff {
  startDate: string;
  endDate: string;
  startTime?: string | null;
  endTime?: string | null;
}

/** An existing active booking: [starts_at, blocked_until), the buffer already included. */
export interface BusyInterval {
  start: Date;
  end: Date;
}

export interface StylistSchedule {
  stylistId: string;
  hours: WorkingStretch[];
  daysOff: DayOff[];
  busy: BusyInterval[];
}

export interface ScheduleInput {
  rules: SalonRules;
  durationMinutes: number;
  /** In the salon's listing order; ties in preference keep this order. */
  stylists: StylistSchedule[];
  now: Date;
}

/** A stretch of one date as epoch milliseconds, [start, end). */
export interface StretchSpan {
  start: number;
  end: number;
}

/** The stylist's working stretches on a salon-local date, as instants, earliest first, part-day time off cut out. */
export function stretchesOn(stylist: StylistSchedule, date: string, timeZone: string): StretchSpan[] {
  if (isDayOff(stylist, date)) return [];
  const weekday = weekdayOf(date);
  const stretches = stylist.hours
    .filter((h) => h.weekday === weekday)
    .map((h) => ({ start: wallClockInstant(date, h.startTime, timeZone), end: wallClockInstant(date, h.endTime, timeZone) }))
    .filter((s) => s.start < s.end)
    .sort((a, b) => a.start - b.start);
  const off = hoursOffOn(stylist, date, timeZone);
  return off.length === 0 ? stretches : stretches.flatMap((s) => subtract(s, off));
}

/** A whole day off (time off without times covering the date). */
export function isDayOff(stylist: StylistSchedule, date: string): boolean {
  return stylist.daysOff.some((d) => !d.startTime && d.startDate <= date && date <= d.endDate);
}

/** The part-day time off on a date, as instants: wall-clock times, so a DST night counts real time. */
function hoursOffOn(stylist: StylistSchedule, date: string, timeZone: string): StretchSpan[] {
  return stylist.daysOff
    .filter((d) => d.startTime && d.endTime && d.startDate <= date && date <= d.endDate)
    .map((d) => ({ start: wallClockInstant(date, d.startTime!, timeZone), end: wallClockInstant(date, d.endTime!, timeZone) }))
    .filter((o) => o.start < o.end);
}

/** What is left of a stretch once the spans off are taken out of it, earliest first. */
function subtract(stretch: StretchSpan, off: StretchSpan[]): StretchSpan[] {
  let pieces = [stretch];
  for (const o of off) {
    pieces = pieces.flatMap((p) => {
      if (o.end <= p.start || o.start >= p.end) return [p];
      return [
        { start: p.start, end: o.start },
        { start: o.end, end: p.end },
      ].filter((x) => x.start < x.end);
    });
  }
  return pieces;
}

/** Does [start, start + duration + buffer) overlap any existing booking of the stylist? */
export function overlapsBusy(busy: BusyInterval[], start: number, blockedUntil: number): boolean {
  return busy.some((b) => start < b.end.getTime() && b.start.getTime() < blockedUntil);
}

/** Earliest start the salon's minimum notice allows. */
export function earliestStart(input: ScheduleInput): number {
  return input.now.getTime() + input.rules.minNoticeMinutes * MINUTE_MS;
}

/** Latest start the salon's booking horizon allows. */
export function latestStart(input: Pick<ScheduleInput, "now" | "rules">): number {
  return input.now.getTime() + input.rules.bookingHorizonDays * DAY_MS;
}

/**
 * "Any stylist" preference for one date: the stylist with the fewest bookings that day first,
 * to spread the work; ties keep the salon's listing order.
 */
export function preferenceOrder(input: ScheduleInput, date: string): StylistSchedule[] {
  const dayStart = wallClockInstant(date, "00:00", input.rules.timeZone);
  const dayEnd = wallClockInstant(addDays(date, 1), "00:00", input.rules.timeZone);
  const load = (s: StylistSchedule) => s.busy.filter((b) => b.start.getTime() < dayEnd && b.end.getTime() > dayStart).length;
  return input.stylists
    .map((stylist, index) => ({ stylist, index, load: load(stylist) }))
    .sort((a, b) => a.load - b.load || a.index - b.index)
    .map((x) => x.stylist);
}

/**
 * Free slots from `from` to `to` (salon-local dates, inclusive). Each working stretch offers
 * starts every 15 minutes of elapsed time from its opening, as long as the whole appointment fits
 * before the stretch closes; so on a daylight-saving night the labels stay on the wall-clock grid,
 * the skipped hour offers nothing and the repeated hour is offered twice (two distinct instants).
 */
export function computeSlots(input: ScheduleInput, from: string, to: string): Slot[] {
  const { timeZone, bufferMinutes } = input.rules;
  const durationMs = input.durationMinutes * MINUTE_MS;
  const blockMs = durationMs + bufferMinutes * MINUTE_MS;
  const earliest = earliestStart(input);
  const latest = latestStart(input);
  const byStart = new Map<number, Slot>();

  for (const date of eachDate(from, to)) {
    for (const stylist of preferenceOrder(input, date)) {
      for (const stretch of stretchesOn(stylist, date, timeZone)) {
        const busy = stylist.busy.filter((b) => b.start.getTime() < stretch.end + blockMs && b.end.getTime() > stretch.start);
        for (let start = stretch.start; start + durationMs <= stretch.end; start += GRID_MS) {
          if (start < earliest || start > latest || overlapsBusy(busy, start, start + blockMs)) continue;
          const slot = byStart.get(start);
          if (slot) {
            if (!slot.stylistIds.includes(stylist.stylistId)) slot.stylistIds.push(stylist.stylistId);
          } else {
            const startDate = new Date(start);
            byStart.set(start, {
              start: startDate,
              end: new Date(start + durationMs),
              local: formatLocal(startDate, timeZone),
              stylistIds: [stylist.stylistId],
            });
          }
        }
      }
    }
  }
  return [...byStart.values()].sort((a, b) => a.start.getTime() - b.start.getTime());
}

