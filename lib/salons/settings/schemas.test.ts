import { describe, expect, it } from "vitest";
import { fieldErrors } from "@/lib/booking/schemas";
import {
  addServiceSchema,
  addTimeOffSchema,
  createSalonSchema,
  isKnownTimeZone,
  setWeeklyHoursSchema,
  TIME_ZONES,
} from "./schemas";

const STYLIST = "7f9c2ad4-3b8e-4c1f-9a55-0d2e6b1c4f11";
const SALON = "1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d";

function errorsOf(result: { success: boolean; error?: unknown }) {
  expect(result.success).toBe(false);
  return fieldErrors((result as { error: Parameters<typeof fieldErrors>[0] }).error);
}

const salon = {
  name: "Camden Curls",
  slug: "camden-curls",
  timeZone: "Europe/London",
  address: "1 High Street",
  bufferMinutes: "10",
  minNoticeMinutes: "60",
  cancellationCutoffMinutes: "120",
};

describe("salon details", () => {
  it("reads minutes typed into a form as numbers", () => {
    const parsed = createSalonSchema.parse(salon);
    expect(parsed).toMatchObject({ bufferMinutes: 10, minNoticeMinutes: 60, cancellationCutoffMinutes: 120 });
  });

  it("offers the runtime's IANA zones and refuses anything else, with a field error", () => {
    expect(TIME_ZONES).toContain("America/New_York");
    expect(isKnownTimeZone("Europe/London")).toBe(true);
    for (const timeZone of ["Mars/Olympus_Mons", "GMT+5", "", "europe/london", "Europe/London ".repeat(20)]) {
      const errors = errorsOf(createSalonSchema.safeParse({ ...salon, timeZone }));
      expect(errors.timeZone?.[0], timeZone).toMatch(/time zone/);
    }
  });

  it("names the field for a bad slug, negative or fractional minutes and out-of-range rules", () => {
    const errors = errorsOf(
      createSalonSchema.safeParse({ ...salon, slug: "Camden Curls!", bufferMinutes: "-5", minNoticeMinutes: "1.5", cancellationCutoffMinutes: "50000" }),
    );
    expect(errors.slug?.[0]).toMatch(/lower-case/);
    expect(errors.bufferMinutes?.[0]).toBe("Buffer must be a whole number of minutes");
    expect(errors.minNoticeMinutes?.[0]).toBe("Minimum notice must be a whole number of minutes");
    expect(errors.cancellationCutoffMinutes?.[0]).toBe("Cancellation cutoff must be between 0 and 43200 minutes");
  });

  it("requires a name and caps the address", () => {
    const errors = errorsOf(createSalonSchema.safeParse({ ...salon, name: "   ", address: "x".repeat(301) }));
    expect(errors.name).toEqual(["Please enter a salon name"]);
    expect(errors.address?.[0]).toMatch(/at most 300/);
  });
});

describe("services", () => {
  const service = { salonId: SALON, name: "Cut", durationMinutes: "30", price: "25.50" };

  it("turns a decimal price into whole cents without float rounding", () => {
    expect(addServiceSchema.parse(service).price).toBe(2550);
    expect(addServiceSchema.parse({ ...service, price: "0" }).price).toBe(0);
    expect(addServiceSchema.parse({ ...service, price: "19.9" }).price).toBe(1990);
    expect(addServiceSchema.parse({ ...service, price: "0.29" }).price).toBe(29);
    expect(addServiceSchema.parse({ ...service, price: 40 }).price).toBe(4000);
    // A euro salon's owner writes a decimal comma.
    expect(addServiceSchema.parse({ ...service, price: "25,50" }).price).toBe(2550);
    expect(addServiceSchema.parse({ ...service, price: "7,5" }).price).toBe(750);
  });

  it("refuses negative, over-precise and non-numeric prices", () => {
    for (const price of ["-1", "10.999", "ten", "", "1e3", "1,000", "1.000,50", "2,5,0"]) {
      expect(errorsOf(addServiceSchema.safeParse({ ...service, price })).price?.[0], price).toMatch(/price of 0 or more/);
    }
  });

  it("refuses zero, negative and over-long durations", () => {
    expect(errorsOf(addServiceSchema.safeParse({ ...service, durationMinutes: "0" })).durationMinutes).toEqual([
      "Duration must be between 5 and 720 minutes",
    ]);
    expect(errorsOf(addServiceSchema.safeParse({ ...service, durationMinutes: "-30" })).durationMinutes).toEqual([
      "Duration must be a whole number of minutes",
    ]);
    expect(errorsOf(addServiceSchema.safeParse({ ...service, durationMinutes: "721" })).durationMinutes?.[0]).toMatch(/between 5 and 720/);
  });
});

describe("weekly hours", () => {
  const hours = (stretches: { start: string; end: string }[], weekdays: unknown[] = ["2"]) =>
    setWeeklyHoursSchema.safeParse({ stylistId: STYLIST, weekdays, stretches });

  it("accepts a day with a lunch break and normalises H:MM", () => {
    const parsed = hours([
      { start: "9:00", end: "12:30" },
      { start: "13:30", end: "18:00" },
    ]);
    expect(parsed.success).toBe(true);
    expect(parsed.data?.stretches).toEqual([
      { start: "09:00", end: "12:30" },
      { start: "13:30", end: "18:00" },
    ]);
    expect(parsed.data?.weekdays).toEqual([2]);
  });

  it("a day with no stretches is a day off", () => {
    expect(hours([]).success).toBe(true);
  });

  it("refuses an end before (or at) the start, on that stretch's end", () => {
    const errors = errorsOf(hours([{ start: "17:00", end: "09:00" }, { start: "10:00", end: "10:00" }]));
    expect(errors["stretches.0.end"]).toEqual(["End must be after start"]);
    expect(errors["stretches.1.end"]).toEqual(["End must be after start"]);
  });

  it("refuses overlapping stretches, naming the one overlapped, in any order", () => {
    const errors = errorsOf(hours([{ start: "13:00", end: "18:00" }, { start: "09:00", end: "13:30" }]));
    expect(errors["stretches.0.start"]).toEqual(["Overlaps 09:00–13:30; stretches of a day must not overlap"]);
    // Touching is not overlapping: 09:00–12:00 then 12:00–17:00 is fine.
    expect(hours([{ start: "09:00", end: "12:00" }, { start: "12:00", end: "17:00" }]).success).toBe(true);
  });

  it("refuses times that are not 24-hour HH:MM", () => {
    const errors = errorsOf(hours([{ start: "9am", end: "24:00" }]));
    expect(errors["stretches.0.start"]).toEqual(["Use 24-hour HH:MM, e.g. 09:00 or 17:30"]);
    expect(errors["stretches.0.end"]).toEqual(["Use 24-hour HH:MM, e.g. 09:00 or 17:30"]);
  });

  it("needs at least one real weekday", () => {
    expect(errorsOf(hours([], [])).weekdays).toEqual(["Choose at least one day"]);
    expect(errorsOf(hours([], ["8"]))["weekdays.0"]).toEqual(["Unknown weekday"]);
    expect(hours([], ["3", "1", "3"]).data?.weekdays).toEqual([1, 3]);
  });
});

describe("time off", () => {
  it("refuses a last day before the first, and dates that do not exist", () => {
    expect(
      errorsOf(addTimeOffSchema.safeParse({ stylistId: STYLIST, startDate: "2027-06-15", endDate: "2027-06-14" })).endDate,
    ).toEqual(["The last day must not be before the first"]);
    expect(errorsOf(addTimeOffSchema.safeParse({ stylistId: STYLIST, startDate: "2027-02-30", endDate: "2027-03-01" })).startDate).toBeDefined();
    expect(addTimeOffSchema.safeParse({ stylistId: STYLIST, startDate: "2027-06-15", endDate: "2027-06-15" }).success).toBe(true);
  });

  it("takes hours off on one day: both times, until after from, the same first and last day", () => {
    const day = { stylistId: STYLIST, startDate: "2027-06-15", endDate: "2027-06-15" };
    expect(addTimeOffSchema.safeParse({ ...day, startTime: "9:00", endTime: "12:30" }).data).toMatchObject({ startTime: "09:00", endTime: "12:30" });
    // Empty time fields are whole days.
    expect(addTimeOffSchema.safeParse({ ...day, startTime: "", endTime: " " }).data).toMatchObject({ startTime: undefined, endTime: undefined });
    expect(errorsOf(addTimeOffSchema.safeParse({ ...day, startTime: "09:00" })).endTime).toEqual([
      "Give both times for part of a day, or neither for whole days",
    ]);
    expect(errorsOf(addTimeOffSchema.safeParse({ ...day, startTime: "12:00", endTime: "12:00" })).endTime).toEqual(["Until must be after from"]);
    expect(errorsOf(addTimeOffSchema.safeParse({ ...day, endDate: "2027-06-16", startTime: "09:00", endTime: "10:00" })).endDate).toEqual([
      "Hours off are for one day: make the last day the same as the first",
    ]);
    expect(errorsOf(addTimeOffSchema.safeParse({ ...day, startTime: "25:00", endTime: "26:00" })).startTime).toBeDefined();
  });
});
