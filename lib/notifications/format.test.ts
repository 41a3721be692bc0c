import { describe, expect, it } from "vitest";
import { eventLabel, formatSlotTime } from "./format";

describe("formatSlotTime", () => {
  it("shows the salon's wall-clock time and zone, on either side of a DST change", () => {
    expect(formatSlotTime("2027-03-27T10:00:00+00:00", "Europe/London", "en-GB")).toBe("Sat 27 Mar 2027, 10:00 GMT");
    expect(formatSlotTime("2027-03-28T10:00:00+01:00", "Europe/London", "en-GB")).toBe("Sun 28 Mar 2027, 10:00 BST");
    expect(formatSlotTime("2027-11-07T09:00:00-05:00", "America/New_York", "en-US")).toBe("Sun, Nov 7, 2027, 9:00 AM EST");
  });

  it("uses the salon's zone, not the instant's offset or the viewer's zone", () => {
    // The same instant written in UTC still reads as New York time.
    expect(formatSlotTime("2027-03-15T14:00:00Z", "America/New_York", "en-US")).toBe("Mon, Mar 15, 2027, 10:00 AM EDT");
    expect(formatSlotTime("2027-03-15T14:00:00Z", "America/New_York", "en-GB")).toBe("Mon 15 Mar 2027, 10:00 GMT-4");
  });

  it("writes the salon's clock and date order, with English words whatever the salon's language", () => {
    expect(formatSlotTime("2027-06-15T14:00:00-04:00", "America/New_York", "en-US")).toBe("Tue, Jun 15, 2027, 2:00 PM EDT");
    expect(formatSlotTime("2027-06-15T14:00:00+02:00", "Europe/Berlin", "de-DE")).toBe("Tue 15 Jun 2027, 14:00 CEST");
  });

  it("falls back to the stored text for an unknown zone or a malformed time", () => {
    expect(formatSlotTime("2027-03-15T10:00:00+00:00", "Mars/Olympus", "en-GB")).toBe("2027-03-15T10:00:00+00:00");
    expect(formatSlotTime("not a time", "Europe/London", "en-GB")).toBe("not a time");
  });
});

describe("eventLabel", () => {
  it("names each booking event the way the owner reads it", () => {
    expect(eventLabel("booking.created")).toBe("New booking");
    expect(eventLabel("booking.rescheduled")).toBe("Rescheduled");
    expect(eventLabel("booking.cancelled")).toBe("Cancelled");
  });
});
