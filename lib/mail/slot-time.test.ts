// The mails' times: the payload's own offsets are used when they name the same instant, and the
// cached zone names are the ones luxon's "ZZZZ" would give.
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { formatShort, formatSlot, zoneAbbreviation } from "./slot-time";

const times = {
  start: "2027-03-14T14:00:00.000Z",
  end: "2027-03-14T14:30:00.000Z",
  startLocal: "2027-03-14T10:00:00-04:00",
  endLocal: "2027-03-14T10:30:00-04:00",
};

describe("slot times", () => {
  it("formats a slot in the salon's zone with the zone's name at that instant", () => {
    expect(formatSlot(times, "America/New_York", "en-US")).toBe("Sunday 14 March 2027, 10:00–10:30 (America/New_York, EDT)");
    expect(formatShort(times.start, times.startLocal, "America/New_York")).toBe("Sun 14 Mar 2027, 10:00");
  });

  it("writes times on the salon locale's clock and dates in its order", () => {
    expect(formatSlot(times, "America/New_York", "en-US", "en-US")).toBe(
      "Sunday, March 14, 2027, 10:00 AM–10:30 AM (America/New_York, EDT)",
    );
    expect(formatShort(times.start, times.startLocal, "America/New_York", "en-US")).toBe("Sun, Mar 14, 2027, 10:00 AM");
    expect(formatShort(times.start, times.startLocal, "America/New_York", "de-DE")).toBe("Sun 14 Mar 2027, 10:00");
  });

  it("ignores a local time that is not the same instant and uses the zone instead", () => {
    const wrong = { ...times, startLocal: "2027-03-14T11:00:00-04:00", endLocal: "garbage" };
    expect(formatSlot(wrong, "America/New_York", "en-US")).toBe("Sunday 14 March 2027, 10:00–10:30 (America/New_York, EDT)");
    expect(formatShort(times.start, undefined, "Europe/London")).toBe("Sun 14 Mar 2027, 14:00");
  });

  it("reads the local time's own offset in every ISO form, half and quarter hours included", () => {
    const zones = ["Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Chatham", "UTC"];
    for (const zone of zones) {
      for (const utc of ["2030-01-15T12:00:00.000Z", "2030-07-15T23:45:00.000Z", "2030-03-31T01:00:00.000Z"]) {
        const inZone = DateTime.fromISO(utc, { zone });
        const expected = inZone.toFormat("ccc d LLL yyyy, HH:mm");
        for (const local of [inZone.toISO()!, inZone.toISO({ format: "basic" })!, inZone.toFormat("yyyy-MM-dd'T'HH:mm:ssZZZ")]) {
          expect(formatShort(utc, local, zone), `${zone} ${local}`).toBe(expected);
        }
      }
    }
    expect(formatShort("2030-01-15T12:00:00.000Z", "2030-01-15T12:00:00Z", "Europe/London")).toBe("Tue 15 Jan 2030, 12:00");
  });

  it("names zones as luxon's ZZZZ does, in its default locale and in en-US, across DST changes", () => {
    const zones = ["Europe/London", "America/New_York", "America/Los_Angeles", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Chatham", "UTC"];
    for (const zone of zones) {
      for (const iso of ["2030-01-15T12:00:00Z", "2030-07-15T12:00:00Z", "2030-03-31T00:59:00Z", "2030-03-31T01:00:00Z"]) {
        const dt = DateTime.fromISO(iso, { zone });
        expect(zoneAbbreviation(zone, dt.toMillis(), dt.locale!)).toBe(dt.toFormat("ZZZZ"));
        expect(zoneAbbreviation(zone, dt.toMillis(), "en-US")).toBe(dt.setLocale("en-US").toFormat("ZZZZ"));
      }
    }
  });
});
