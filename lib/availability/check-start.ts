import {
  earliestStart,
  isDayOff,
  latestStart,
  overlapsBusy,
  preferenceOrder,
  SLOT_GRID_MINUTES,
  stretchesOn,
  type ScheduleInput,
  type StylistSchedule,
} from "./compute-slots";
import { localDate } from "./wall-clock";

// Why a requested start is not bookable, for a field error the customer can act on. Checked in
// the same terms as computeSlots, so a start is "free" exactly when computeSlots offers it.

export type UnavailableReason = "past" | "too_far" | "not_working" | "outside_hours" | "break" | "off_grid" | "notice";

export type StartCheck =
  /** free: bookable now, in "any stylist" preference order; busy: offered but already booked. */
  | { kind: "offered"; free: string[]; busy: string[] }
  | { kind: "unavailable"; reason: UnavailableReason };

const MINUTE_MS = 60_000;
// When stylists disagree, report the reason of the one that came closest to being bookable.
const REASON_RANK: UnavailableReason[] = ["not_working", "outside_hours", "break", "off_grid", "notice"];

export function checkStart(input: ScheduleInput, start: Date): StartCheck {
  const at = start.getTime();
  if (at < input.now.getTime()) return { kind: "unavailable", reason: "past" };
  // Before any calendar arithmetic: a start years ahead is refused for what it is.
  if (at > latestStart(input)) return { kind: "unavailable", reason: "too_far" };
  const { timeZone, bufferMinutes } = input.rules;
  const date = localDate(start, timeZone);
  const durationMs = input.durationMinutes * MINUTE_MS;
  const blockedUntil = at + durationMs + bufferMinutes * MINUTE_MS;
  const free: string[] = [];
  const busy: string[] = [];
  let closest: UnavailableReason = "not_working";

  for (const stylist of preferenceOrder(input, date)) {
    const reason = whyNotOffered(input, stylist, date, at);
    if (reason) {
      if (REASON_RANK.indexOf(reason) > REASON_RANK.indexOf(closest)) closest = reason;
    } else if (overlapsBusy(stylist.busy, at, blockedUntil)) {
      busy.push(stylist.stylistId);
    } else {
      free.push(stylist.stylistId);
    }
  }
  if (free.length === 0 && busy.length === 0) return { kind: "unavailable", reason: closest };
  return { kind: "offered", free, busy };
}

/** Why the stylist's schedule does not offer `at` (ignoring bookings), or undefined if it does. */
function whyNotOffered(input: ScheduleInput, stylist: StylistSchedule, date: string, at: number): UnavailableReason | undefined {
  if (isDayOff(stylist, date)) return "not_working";
  const stretches = stretchesOn(stylist, date, input.rules.timeZone);
  if (stretches.length === 0) return "not_working";
  const fits = stretches.find((s) => s.start <= at && at + input.durationMinutes * MINUTE_MS <= s.end);
  if (!fits) {
    // Between the first opening and the last stretch: in, or running into, a break.
    const inBreak = stretches[0].start <= at && at < stretches[stretches.length - 1].start;
    return inBreak ? "break" : "outside_hours";
  }
  if ((at - fits.start) % (SLOT_GRID_MINUTES * MINUTE_MS) !== 0) return "off_grid";
  if (at < earliestStart(input)) return "notice";
  return undefined;
}

/** The customer-facing message for a reason. */
export function unavailableMessage(
  reason: UnavailableReason,
  rules: { minNoticeMinutes: number; anyStylist: boolean; bookingHorizonDays?: number },
): string {
  switch (reason) {
    case "past":
      return "That time has already passed. Please pick a later slot.";
    case "too_far":
      return rules.bookingHorizonDays === undefined
        ? "That time is too far ahead to book. Please pick an earlier slot."
        : `Bookings open at most ${rules.bookingHorizonDays} days ahead. Please pick an earlier slot.`;
    case "not_working":
      return rules.anyStylist
        ? "No stylist is working that day. Please pick another day."
        : "The stylist is not working that day. Please pick another day or stylist.";
    case "outside_hours":
      return "That time is outside working hours. Please pick one of the offered slots.";
    case "break":
      return "That time falls in or runs into a break. Please pick one of the offered slots.";
    case "off_grid":
      return `Appointments start every ${SLOT_GRID_MINUTES} minutes. Please pick one of the offered slots.`;
    case "notice":
      return `Bookings need at least ${formatNotice(rules.minNoticeMinutes)} notice. Please pick a later slot.`;
  }
}

function formatNotice(minutes: number): string {
  if (minutes % 1440 === 0) return plural(minutes / 1440, "day");
  if (minutes % 60 === 0) return plural(minutes / 60, "hour");
  return plural(minutes, "minute");
}

/** "1 hour's", "2 hours'": the possessive of "notice". */
function plural(n: number, unit: string): string {
  return n === 1 ? `${n} ${unit}'s` : `${n} ${unit}s'`;
}
