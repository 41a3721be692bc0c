import { describe, expect, it } from "vitest";
import { formatAge, formatClock, formatDateRange, formatDayLong, formatInstant, formatLatency, formatNearbyTimes, formatScheduledFor, formatWallMinute } from "./format";

describe("dashboard formatting", () => {
  it("writes days and ranges the same whatever the server's zone", () => {
    expect(formatDayLong("2027-06-15", "en-GB")).toBe("Tuesday 15 June 2027");
    expect(formatDateRange("2027-06-14", "2027-06-20", "en-GB")).toBe("14–20 June 2027");
    expect(formatDateRange("2027-06-28", "2027-07-04", "en-GB")).toBe("28 June – 4 July 2027");
    expect(formatDateRange("2027-12-27", "2028-01-02", "en-GB")).toBe("27 December 2027 – 2 January 2028");
  });

  it("writes a month-first salon's days and ranges month first", () => {
    expect(formatDayLong("2027-06-15", "en-US")).toBe("Tuesday, June 15, 2027");
    expect(formatDateRange("2027-06-14", "2027-06-20", "en-US")).toBe("June 14–20, 2027");
    expect(formatDateRange("2027-06-28", "2027-07-04", "en-US")).toBe("June 28 – July 4, 2027");
    expect(formatDateRange("2027-12-27", "2028-01-02", "en-US")).toBe("December 27, 2027 – January 2, 2028");
    expect(formatDayLong("2027-06-15", "de-DE")).toBe("Tuesday 15 June 2027");
  });

  it("reads instants on the salon's wall clock", () => {
    const instant = new Date("2027-06-16T03:00:05Z");
    expect(formatInstant(instant, "America/Los_Angeles", "en-GB")).toBe("15 Jun 2027, 20:00:05");
    expect(formatClock(instant, "Europe/London", "en-GB")).toBe("04:00");
  });

  it("reads instants on a 12-hour salon's clock, month first", () => {
    const instant = new Date("2027-06-16T03:00:05Z");
    expect(formatInstant(instant, "America/Los_Angeles", "en-US")).toBe("Jun 15, 2027, 8:00:05 PM");
    expect(formatClock(instant, "America/New_York", "en-US")).toBe("11:00 PM");
  });

  it("labels the day view's hours on the salon's clock", () => {
    expect(formatWallMinute(14 * 60, "en-US")).toBe("2:00 PM");
    expect(formatWallMinute(14 * 60, "en-GB")).toBe("14:00");
    expect(formatWallMinute(0, "en-US")).toBe("12:00 AM");
  });

  it("lists the free times near a taken walk-in on the salon's clock, another day's with its date", () => {
    const slots = [{ local: "2027-06-15T14:30:00-04:00" }, { local: "2027-06-16T09:00:00-04:00" }];
    expect(formatNearbyTimes(slots, "2027-06-15", "en-US")).toBe("2:30 PM, Wed, Jun 16, 2027 9:00 AM");
    expect(formatNearbyTimes(slots, "2027-06-15", "en-GB")).toBe("14:30, Wed 16 Jun 2027 09:00");
  });

  it("says when a reminder not yet due is scheduled, in the salon's zone and locale", () => {
    const due = new Date("2027-06-14T14:00:00Z");
    expect(formatScheduledFor(due, "America/New_York", "en-US")).toBe("Scheduled for Monday, June 14, 2027, 10:00 AM");
    expect(formatScheduledFor(due, "Europe/London", "en-GB")).toBe("Scheduled for Monday 14 June 2027, 15:00");
  });

  it("says how long in words an owner reads at a glance", () => {
    expect(formatAge(0)).toBe("0 s");
    expect(formatAge(59.6)).toBe("1 min");
    expect(formatAge(200)).toBe("3 min 20 s");
    expect(formatAge(7500)).toBe("2 h 5 min");
    expect(formatAge(3 * 86_400 + 4 * 3600)).toBe("3 d 4 h");
    expect(formatLatency(850)).toBe("850 ms");
    expect(formatLatency(1234)).toBe("1.2 s");
    expect(formatLatency(125_000)).toBe("2 min 5 s");
  });
});
