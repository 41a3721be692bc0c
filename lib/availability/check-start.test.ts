import { describe, expect, it } from "vitest";
import { checkStart, unavailableMessage } from "./check-start";
import { computeSlots, type ScheduleInput, type StylistSchedule } from "./compute-slots";

// checkStart explains why a requested start is not bookable, in the same terms as computeSlots.
const zone = "America/New_York";
const date = "2027-06-15"; // a Tuesday, EDT (-04:00)
const at = (hhmm: string, day = date) => new Date(`${day}T${hhmm}:00-04:00`);
const hours = [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => [
  { weekday, startTime: "09:00", endTime: "12:00" },
  { weekday, startTime: "13:00", endTime: "17:00" },
]);

function input(stylists: StylistSchedule[], opts: { now?: Date; notice?: number; duration?: number; buffer?: number } = {}): ScheduleInput {
  return {
    rules: { timeZone: zone, bufferMinutes: opts.buffer ?? 10, minNoticeMinutes: opts.notice ?? 60, bookingHorizonDays: 730 },
    durationMinutes: opts.duration ?? 30,
    stylists,
    now: opts.now ?? new Date("2027-06-01T00:00:00Z"),
  };
}
const anna: StylistSchedule = { stylistId: "anna", hours, daysOff: [], busy: [] };
const ben: StylistSchedule = { stylistId: "ben", hours, daysOff: [{ startDate: "2027-06-16", endDate: "2027-06-16" }], busy: [] };

describe("checkStart", () => {
  it("offers a free grid start to every free stylist", () => {
    expect(checkStart(input([anna, ben]), at("10:00"))).toEqual({ kind: "offered", free: ["anna", "ben"], busy: [] });
  });

  it("separates stylists who are booked (slot taken) from those who are free", () => {
    const booked = { ...anna, busy: [{ start: at("09:45"), end: at("10:25") }] };
    expect(checkStart(input([booked, ben]), at("10:00"))).toEqual({ kind: "offered", free: ["ben"], busy: ["anna"] });
    expect(checkStart(input([booked]), at("10:00"))).toEqual({ kind: "offered", free: [], busy: ["anna"] });
  });

  it.each([
    ["past", at("10:00"), { now: at("10:30") }],
    ["notice", at("10:00"), { now: at("09:30"), notice: 60 }],
    ["break", at("12:15"), {}],
    ["break", at("11:45"), {}], // a 30-minute cut at 11:45 would run into lunch
    ["outside_hours", at("08:00"), {}],
    ["outside_hours", at("16:45"), {}], // would run past closing
    ["off_grid", at("10:05"), {}],
  ] as const)("refuses with reason %s", (reason, start, opts) => {
    expect(checkStart(input([anna, ben], opts), start)).toEqual({ kind: "unavailable", reason });
  });

  it("refuses a day off, naming it as a non-working day", () => {
    expect(checkStart(input([ben]), at("10:00", "2027-06-16"))).toEqual({ kind: "unavailable", reason: "not_working" });
    expect(checkStart(input([anna, ben]), at("10:00", "2027-06-16"))).toEqual({ kind: "offered", free: ["anna"], busy: [] });
  });

  it("agrees with computeSlots for every quarter hour of a busy day", () => {
    const booked = { ...anna, busy: [{ start: at("10:00"), end: at("10:40") }, { start: at("14:00"), end: at("15:10") }] };
    const schedule = input([booked, ben], { now: at("09:20") });
    const offered = new Map(computeSlots(schedule, date, date).map((s) => [s.start.getTime(), s.stylistIds]));
    for (let t = at("08:00").getTime(); t < at("18:00").getTime(); t += 15 * 60_000) {
      const check = checkStart(schedule, new Date(t));
      const free = check.kind === "offered" ? check.free : [];
      expect(free).toEqual(offered.get(t) ?? []);
    }
    expect(offered.size).toBeGreaterThan(10);
  });

  it("phrases the notice in hours or days when it divides evenly", () => {
    const notice = (minNoticeMinutes: number) => unavailableMessage("notice", { minNoticeMinutes, anyStylist: true });
    expect(notice(120)).toContain("at least 2 hours' notice");
    expect(notice(1440)).toContain("at least 1 day's notice");
    expect(notice(45)).toContain("at least 45 minutes' notice");
  });
});
