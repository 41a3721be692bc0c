import { describe, expect, it } from "vitest";
import { formatAge, formatClock, formatDateRange, formatDayLong, formatInstant, formatLatency } from "./format";

describe("dashboard formatting", () => {
  it("writes days and ranges the same whatever the server's zone", () => {
    expect(formatDayLong("2027-06-15")).toBe("Tuesday 15 June 2027");
    expect(formatDateRange("2027-06-14", "2027-06-20")).toBe("14–20 June 2027");
    expect(formatDateRange("2027-06-28", "2027-07-04")).toBe("28 June – 4 July 2027");
    expect(formatDateRange("2027-12-27", "2028-01-02")).toBe("27 December 2027 – 2 January 2028");
  });

  it("reads instants on the salon's wall clock", () => {
    const instant = new Date("2027-06-16T03:00:05Z");
    expect(formatInstant(instant, "America/Los_Angeles")).toBe("15 Jun 2027, 20:00:05");
    expect(formatClock(instant, "Europe/London")).toBe("04:00");
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
