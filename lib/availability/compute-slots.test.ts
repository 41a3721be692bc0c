import { describe, expect, it } from "vitest";
import { computeSlots, type ScheduleInput, type StylistSchedule, type WorkingStretch } from "./compute-slots";

// The pure core, no database. `now` is pinned well before the dates under test.
const NOW = new Date("2027-01-01T00:00:00Z");

function everyDay(...stretches: [string, string][]): WorkingStretch[] {
  return [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => stretches.map(([startTime, endTime]) => ({ weekday, startTime, endTime })));
}

function stylist(id: string, hours: WorkingStretch[], extra: Partial<StylistSchedule> = {}): StylistSchedule {
  return { stylistId: id, hours, daysOff: [], busy: [], ...extra };
}

function schedule(timeZone: string, stylists: StylistSchedule[], opts: Partial<ScheduleInput> & { buffer?: number; notice?: number } = {}): ScheduleInput {
  return {
    rules: { timeZone, bufferMinutes: opts.buffer ?? 0, minNoticeMinutes: opts.notice ?? 0, bookingHorizonDays: 730 },
    durationMinutes: opts.durationMinutes ?? 15,
    stylists,
    now: opts.now ?? NOW,
  };
}

const quarterHours = (from: string, count: number, offset: string) => {
  const [h, m] = from.split(":").map(Number);
  return Array.from({ length: count }, (_, i) => {
    const total = h * 60 + m + i * 15;
    return `${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}:00${offset}`;
  });
};

function expectUnbrokenUtcGrid(starts: Date[]) {
  for (let i = 1; i < starts.length; i++) expect(starts[i].getTime() - starts[i - 1].getTime()).toBe(15 * 60_000);
  expect(new Set(starts.map((d) => d.getTime())).size).toBe(starts.length);
}

describe("computeSlots across daylight-saving changes (00:00–04:00 stretch, 15-minute service)", () => {
  const night = [stylist("s1", everyDay(["00:00", "04:00"]))];

  it("New York spring forward, 2027-03-14: 02:00–02:59 does not exist, nothing else moves", () => {
    const slots = computeSlots(schedule("America/New_York", night), "2027-03-14", "2027-03-14");
    expect(slots.map((s) => s.local)).toEqual([
      ...quarterHours("00:00", 8, "-05:00").map((t) => `2027-03-14T${t}`),
      ...quarterHours("03:00", 4, "-04:00").map((t) => `2027-03-14T${t}`),
    ]);
    expect(slots[0].start.toISOString()).toBe("2027-03-14T05:00:00.000Z");
    expect(slots.at(-1)!.end.toISOString()).toBe("2027-03-14T08:00:00.000Z");
    expectUnbrokenUtcGrid(slots.map((s) => s.start));
  });

  it("New York fall back, 2027-11-07: 01:00–01:59 is offered twice, as two distinct instants", () => {
    const slots = computeSlots(schedule("America/New_York", night), "2027-11-07", "2027-11-07");
    expect(slots.map((s) => s.local)).toEqual([
      ...quarterHours("00:00", 8, "-04:00").map((t) => `2027-11-07T${t}`),
      ...quarterHours("01:00", 12, "-05:00").map((t) => `2027-11-07T${t}`),
    ]);
    expect(slots[0].start.toISOString()).toBe("2027-11-07T04:00:00.000Z");
    expect(slots.at(-1)!.end.toISOString()).toBe("2027-11-07T09:00:00.000Z");
    expectUnbrokenUtcGrid(slots.map((s) => s.start));
  });

  it("London spring forward, 2027-03-28: 01:00–01:59 does not exist", () => {
    const slots = computeSlots(schedule("Europe/London", night), "2027-03-28", "2027-03-28");
    expect(slots.map((s) => s.local)).toEqual([
      ...quarterHours("00:00", 4, "+00:00").map((t) => `2027-03-28T${t}`),
      ...quarterHours("02:00", 8, "+01:00").map((t) => `2027-03-28T${t}`),
    ]);
    expect(slots[0].start.toISOString()).toBe("2027-03-28T00:00:00.000Z");
    expectUnbrokenUtcGrid(slots.map((s) => s.start));
  });

  it("London fall back, 2027-10-31: the stretch starts at 23:00Z the day before and 01:xx repeats", () => {
    const slots = computeSlots(schedule("Europe/London", night), "2027-10-31", "2027-10-31");
    expect(slots.map((s) => s.local)).toEqual([
      ...quarterHours("00:00", 8, "+01:00").map((t) => `2027-10-31T${t}`),
      ...quarterHours("01:00", 12, "+00:00").map((t) => `2027-10-31T${t}`),
    ]);
    expect(slots[0].start.toISOString()).toBe("2027-10-30T23:00:00.000Z");
    expectUnbrokenUtcGrid(slots.map((s) => s.start));
  });

  it("a stretch that opens inside the skipped hour opens when the clocks resume", () => {
    const slots = computeSlots(schedule("America/New_York", [stylist("s1", everyDay(["02:00", "04:00"]))]), "2027-03-14", "2027-03-14");
    expect(slots.map((s) => s.local)).toEqual(quarterHours("03:00", 4, "-04:00").map((t) => `2027-03-14T${t}`));
  });

  it("a stretch that opens at an hour that happens twice opens at its first occurrence", () => {
    const slots = computeSlots(schedule("America/New_York", [stylist("s1", everyDay(["01:00", "03:00"]))]), "2027-11-07", "2027-11-07");
    expect(slots[0].start.toISOString()).toBe("2027-11-07T05:00:00.000Z");
    expect(slots.map((s) => s.local)).toEqual([
      ...quarterHours("01:00", 4, "-04:00").map((t) => `2027-11-07T${t}`),
      ...quarterHours("01:00", 8, "-05:00").map((t) => `2027-11-07T${t}`),
    ]);
  });

  it("a 60-minute appointment may span the transition within a stretch (one real hour)", () => {
    const slots = computeSlots(schedule("America/New_York", night, { durationMinutes: 60 }), "2027-03-14", "2027-03-14");
    const across = slots.find((s) => s.local === "2027-03-14T01:30:00-05:00")!;
    expect(across.end.getTime() - across.start.getTime()).toBe(3_600_000);
    expect(slots.at(-1)!.local).toBe("2027-03-14T03:00:00-04:00");
    expect(slots).toHaveLength(9);
  });
});

describe("computeSlots on an ordinary 09:00–17:00 day at each transition", () => {
  const day = [stylist("s1", everyDay(["09:00", "17:00"]))];
  const cases = [
    { zone: "America/New_York", before: "2027-03-13", on: "2027-03-14", offsetBefore: "-05:00", offsetOn: "-04:00" },
    { zone: "America/New_York", before: "2027-11-06", on: "2027-11-07", offsetBefore: "-04:00", offsetOn: "-05:00" },
    { zone: "Europe/London", before: "2027-03-27", on: "2027-03-28", offsetBefore: "+00:00", offsetOn: "+01:00" },
    { zone: "Europe/London", before: "2027-10-30", on: "2027-10-31", offsetBefore: "+01:00", offsetOn: "+00:00" },
  ];
  for (const c of cases) {
    it(`${c.zone} ${c.on}: same wall-clock slots as the day before, new UTC offset`, () => {
      const input = schedule(c.zone, day, { durationMinutes: 60 });
      const before = computeSlots(input, c.before, c.before);
      const on = computeSlots(input, c.on, c.on);
      expect(on.map((s) => s.local)).toEqual(quarterHours("09:00", 29, c.offsetOn).map((t) => `${c.on}T${t}`));
      expect(before.map((s) => s.local)).toEqual(quarterHours("09:00", 29, c.offsetBefore).map((t) => `${c.before}T${t}`));
      // 24 wall-clock hours apart but 23 or 25 real hours: the offset changed by one hour.
      const gap = on[0].start.getTime() - before[0].start.getTime();
      expect(Math.abs(gap - 86_400_000)).toBe(3_600_000);
      expectUnbrokenUtcGrid(on.map((s) => s.start));
    });
  }

  it("a range across the change keeps 09:00 local as every day's first slot", () => {
    const slots = computeSlots(schedule("America/New_York", day, { durationMinutes: 60 }), "2027-03-13", "2027-03-15");
    expect(slots).toHaveLength(3 * 29);
    const firsts = slots.filter((s) => s.local.slice(11, 16) === "09:00").map((s) => s.start.toISOString());
    expect(firsts).toEqual(["2027-03-13T14:00:00.000Z", "2027-03-14T13:00:00.000Z", "2027-03-15T13:00:00.000Z"]);
    expect(slots.every((s) => ["00", "15", "30", "45"].includes(s.local.slice(14, 16)))).toBe(true);
  });
});

describe("computeSlots rules", () => {
  const zone = "Europe/London";
  const date = "2027-06-15"; // a Tuesday, BST (+01:00)
  const at = (hhmm: string) => new Date(`${date}T${hhmm}:00+01:00`);

  it("fits every slot inside one stretch, so nothing crosses the lunch break", () => {
    const slots = computeSlots(schedule(zone, [stylist("s1", everyDay(["09:00", "12:00"], ["13:00", "17:00"]))], { durationMinutes: 60 }), date, date);
    const times = slots.map((s) => s.local.slice(11, 16));
    expect(times).toContain("11:00");
    expect(times).not.toContain("11:15");
    expect(times).not.toContain("12:00");
    expect(times[times.indexOf("11:00") + 1]).toBe("13:00");
    expect(times.at(-1)).toBe("16:00");
  });

  it("keeps the buffer after an existing booking and before the next one", () => {
    // Booked 10:00–10:30 with a 10-minute buffer: blocked until 10:40.
    const busy = [{ start: at("10:00"), end: at("10:40") }];
    const slots = computeSlots(schedule(zone, [stylist("s1", everyDay(["09:00", "17:00"]), { busy })], { durationMinutes: 30, buffer: 10 }), date, date);
    const times = slots.map((s) => s.local.slice(11, 16));
    expect(times).toContain("09:15"); // 09:15–09:45 + 10 = 09:55, clear of 10:00
    expect(times).not.toContain("09:30"); // its buffer would run to 10:10
    expect(times).not.toContain("10:30");
    expect(times).toContain("10:45");
  });

  it("respects the minimum notice from now and never offers the past", () => {
    const now = at("10:05");
    const slots = computeSlots(schedule(zone, [stylist("s1", everyDay(["09:00", "17:00"]))], { now, notice: 120 }), date, date);
    expect(slots[0].local).toBe(`${date}T12:15:00+01:00`);
  });

  it("skips whole days off and weekdays without hours", () => {
    const offTuesday = stylist("s1", everyDay(["09:00", "17:00"]), { daysOff: [{ startDate: "2027-06-14", endDate: "2027-06-15" }] });
    const mondaysOnly = stylist("s2", [{ weekday: 1, startTime: "09:00", endTime: "17:00" }]);
    expect(computeSlots(schedule(zone, [offTuesday, mondaysOnly]), date, date)).toEqual([]);
    expect(computeSlots(schedule(zone, [offTuesday, mondaysOnly]), "2027-06-16", "2027-06-16").length).toBe(32);
  });

  it("merges stylists per start, the less busy stylist first", () => {
    const a = stylist("a", everyDay(["09:00", "12:00"]), { busy: [{ start: at("11:00"), end: at("12:00") }] });
    const b = stylist("b", everyDay(["10:00", "12:00"]));
    const slots = computeSlots(schedule(zone, [a, b], { durationMinutes: 60 }), date, date);
    const byTime = Object.fromEntries(slots.map((s) => [s.local.slice(11, 16), s.stylistIds]));
    expect(byTime["09:00"]).toEqual(["a"]);
    expect(byTime["10:00"]).toEqual(["b", "a"]);
    expect(byTime["11:00"]).toEqual(["b"]);
    expect(slots.find((s) => s.local.endsWith("10:00:00+01:00"))!.end.toISOString()).toBe("2027-06-15T10:00:00.000Z");
  });
});

describe("computeSlots with part-day time off", () => {
  it("offers nothing that overlaps the hours off, and the rest of the day as usual", () => {
    const s = stylist("s1", everyDay(["09:00", "12:00"]), {
      daysOff: [{ startDate: "2027-06-15", endDate: "2027-06-15", startTime: "10:00", endTime: "11:00" }],
    });
    const slots = computeSlots(schedule("Europe/London", [s], { durationMinutes: 30 }), "2027-06-15", "2027-06-15");
    expect(slots.map((x) => x.local.slice(11, 16))).toEqual(["09:00", "09:15", "09:30", "11:00", "11:15", "11:30"]);
    // The next day is untouched.
    const next = computeSlots(schedule("Europe/London", [s], { durationMinutes: 30 }), "2027-06-16", "2027-06-16");
    expect(next).toHaveLength(11);
  });

  it("an afternoon off that covers the end of the stretch ends the day early", () => {
    const s = stylist("s1", everyDay(["09:00", "17:00"]), {
      daysOff: [{ startDate: "2027-06-15", endDate: "2027-06-15", startTime: "12:00", endTime: "23:59" }],
    });
    const slots = computeSlots(schedule("Europe/London", [s], { durationMinutes: 60 }), "2027-06-15", "2027-06-15");
    expect(slots.at(-1)!.local).toBe("2027-06-15T11:00:00+01:00");
  });

  it("on New York's spring-forward day, hours off are wall-clock hours: 01:00–03:00 off is one real hour", () => {
    const s = stylist("s1", everyDay(["00:00", "04:00"]), {
      daysOff: [{ startDate: "2027-03-14", endDate: "2027-03-14", startTime: "01:00", endTime: "03:00" }],
    });
    const slots = computeSlots(schedule("America/New_York", [s]), "2027-03-14", "2027-03-14");
    expect(slots.map((x) => x.local.slice(11))).toEqual([
      ...quarterHours("00:00", 4, "-05:00"),
      ...quarterHours("03:00", 4, "-04:00"),
    ]);
  });

  it("on London's fall-back day, 01:00–02:00 off covers both 01:xx hours' first occurrence up to 02:00 GMT", () => {
    const s = stylist("s1", everyDay(["00:00", "04:00"]), {
      daysOff: [{ startDate: "2027-10-31", endDate: "2027-10-31", startTime: "01:00", endTime: "02:00" }],
    });
    const slots = computeSlots(schedule("Europe/London", [s]), "2027-10-31", "2027-10-31");
    // 00:xx BST, then nothing until 02:00 GMT: the first 01:00 (BST) opens the time off, 02:00 GMT closes it.
    expect(slots.map((x) => x.local.slice(11))).toEqual([...quarterHours("00:00", 4, "+01:00"), ...quarterHours("02:00", 8, "+00:00")]);
  });
});
