import { Settings } from "luxon";
import { afterEach, describe, expect, it } from "vitest";
import { formatDuration, formatLocalDate, formatLocalTime, formatPrice, formatPriceInput, formatStretches, formatWallTime, slotChoices, todayIn, zoneNameOnDate } from "./format";
import { bookingFormHref, firstParam, slotFinderHref } from "./links";

describe("what the customer pages print", () => {
  it("labels each offered time with its date, time and zone, so the customer books what they read", () => {
    const choices = slotChoices(
      [
        { start: new Date("2027-03-13T14:00:00Z"), local: "2027-03-13T09:00:00-05:00" },
        { start: new Date("2027-03-14T15:45:00Z"), local: "2027-03-14T11:45:00-04:00" },
      ],
      "America/New_York",
    );
    expect(choices).toEqual([
      { start: "2027-03-13T14:00:00.000Z", date: "Saturday 13 March 2027", time: "09:00 Eastern Standard Time", label: "Saturday 13 March 2027, 09:00 Eastern Standard Time" },
      { start: "2027-03-14T15:45:00.000Z", date: "Sunday 14 March 2027", time: "11:45 Eastern Daylight Time", label: "Sunday 14 March 2027, 11:45 Eastern Daylight Time" },
    ]);
  });

  it("writes a price for editing with the salon's decimal separator, no symbol and no grouping", () => {
    expect(formatPriceInput(2550, "de-DE")).toBe("25,50");
    expect(formatPriceInput(2550, "fr-FR")).toBe("25,50");
    expect(formatPriceInput(2550, "en-US")).toBe("25.50");
    expect(formatPriceInput(2550, "en-GB")).toBe("25.50");
    // What the price field accepts: digits and one separator, never "1.234,00".
    expect(formatPriceInput(123_456_00, "de-DE")).toBe("123456,00");
    expect(formatPriceInput(0, "de-DE")).toBe("0,00");
  });

  it("prices in the salon's currency, written the salon's locale's way", () => {
    expect(formatPrice(5500, { currency: "GBP", locale: "en-GB" })).toBe("£55.00");
    expect(formatPrice(4500, { currency: "USD", locale: "en-US" })).toBe("$45.00");
    expect(formatPrice(2550, { currency: "EUR", locale: "de-DE" })).toBe("25,50\u00a0€");
    expect(formatPrice(1999, { currency: "EUR", locale: "en-IE" })).toBe("€19.99");
  });

  it("an owner's wall-clock hours on the locale's clock", () => {
    const week = [{ start: "09:00", end: "12:30" }, { start: "13:30", end: "18:00:00" }];
    expect(formatStretches(week, "en-US")).toBe("9:00 AM–12:30 PM, 1:30 PM–6:00 PM");
    expect(formatStretches(week, "en-GB")).toBe("09:00–12:30, 13:30–18:00");
    expect(formatWallTime("00:15", "en-US")).toBe("12:15 AM");
  });

  describe("on the day the server's own clock skips an hour", () => {
    const { defaultZone, now } = Settings;
    afterEach(() => {
      Settings.defaultZone = defaultZone;
      Settings.now = now;
    });

    it("a wall-clock time in the skipped hour is still written as stored", () => {
      // A server in London on the last Sunday of March: 01:00–02:00 does not exist there that day,
      // but a salon's stretch or time off at 01:30 is a time of the salon's week, not of that day.
      Settings.defaultZone = "Europe/London";
      const skipDay = Date.parse("2027-03-28T12:00:00Z");
      Settings.now = () => skipDay;
      expect(formatWallTime("01:30", "en-GB")).toBe("01:30");
      expect(formatStretches([{ start: "01:30", end: "02:00" }], "en-US")).toBe("1:30 AM–2:00 AM");
    });
  });

  it("times on the locale's clock and dates in its order, in English words", () => {
    expect(formatLocalTime("2027-03-14T13:05:00-04:00", "en-US")).toBe("1:05 PM");
    expect(formatLocalTime("2027-03-14T13:05:00-04:00", "en-GB")).toBe("13:05");
    expect(formatLocalTime("2027-03-14T09:05:00+01:00", "de-DE")).toBe("09:05");
    expect(formatLocalDate("2027-03-14", "en-US")).toBe("Sunday, March 14, 2027");
    expect(formatLocalDate("2027-03-14", "fr-FR")).toBe("Sunday 14 March 2027");
    // A stored locale Intl does not know falls back instead of breaking the page.
    expect(formatLocalTime("2027-03-14T13:05:00Z", "not a locale!")).toBe("13:05");
  });

  it("durations in hours and minutes", () => {
    expect([formatDuration(30), formatDuration(60), formatDuration(90), formatDuration(120)]).toEqual([
      "30 min",
      "1 h",
      "1 h 30 min",
      "2 h",
    ]);
  });

  it("local times and dates in the offset the slot carries, not the server's zone", () => {
    expect(formatLocalTime("2027-03-14T10:00:00-04:00")).toBe("10:00");
    expect(formatLocalTime("2027-03-28T09:15:00+01:00")).toBe("09:15");
    expect(formatLocalDate("2027-03-14T23:30:00-04:00")).toBe("Sunday 14 March 2027");
    expect(formatLocalDate("2027-03-10")).toBe("Wednesday 10 March 2027");
  });

  it("names the zone as it is on that day, across daylight-saving changes", () => {
    expect(zoneNameOnDate("America/New_York", "2027-03-13")).toBe("Eastern Standard Time");
    expect(zoneNameOnDate("America/New_York", "2027-03-14")).toBe("Eastern Daylight Time");
    expect(zoneNameOnDate("Europe/London", "2027-03-28")).toBe("British Summer Time");
    expect(zoneNameOnDate("Europe/London", "2027-10-31")).toBe("Greenwich Mean Time");
  });

  it("today is the salon's today", () => {
    const lateEvening = new Date("2027-03-10T23:30:00Z");
    expect(todayIn("Europe/London", lateEvening)).toBe("2027-03-10");
    expect(todayIn("Asia/Tokyo", lateEvening)).toBe("2027-03-11");
    expect(todayIn("America/Los_Angeles", lateEvening)).toBe("2027-03-10");
  });
});

describe("customer URLs", () => {
  it("reads the first non-empty query value", () => {
    expect(firstParam({ a: ["x", "y"], b: "", c: "z" }, "a")).toBe("x");
    expect(firstParam({ a: ["x", "y"], b: "", c: "z" }, "b")).toBeUndefined();
    expect(firstParam({}, "c")).toBeUndefined();
  });

  it("builds the salon and booking form links with encoded parameters", () => {
    expect(slotFinderHref({ slug: "shoreditch-cuts" })).toBe("/s/shoreditch-cuts");
    expect(slotFinderHref({ slug: "s", serviceId: "a", date: "2027-03-10" })).toBe("/s/s?service=a&date=2027-03-10");
    expect(bookingFormHref({ slug: "s", serviceId: "a", stylistId: "b", start: "2027-03-10T10:00:00.000Z" })).toBe(
      "/s/s/book?service=a&stylist=b&start=2027-03-10T10%3A00%3A00.000Z",
    );
  });
});
