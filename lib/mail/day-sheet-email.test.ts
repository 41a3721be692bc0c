import { describe, expect, it } from "vitest";
import { renderDaySheetEmail } from "./day-sheet-email";

// The day sheet in the salon's locale: its clock and date order, as the owner's other mails.
const event = {
  id: 7,
  payload: { salonId: "s", salonName: "Brooklyn Blowout Bar", timeZone: "America/New_York", localDate: "2027-06-15" },
};
const bookings = [
  {
    stylistName: "Dana",
    startsAt: new Date("2027-06-15T18:00:00Z"),
    endsAt: new Date("2027-06-15T18:45:00Z"),
    serviceName: "Blow-dry",
    customerName: "Ana",
    customerPhone: null,
    reference: "BK-1",
  },
];
const options = { to: "owner@example.test", from: "bookings@salon.test", messageIdDomain: "salon.test" };

describe("renderDaySheetEmail", () => {
  it("writes a US salon's day month first and its times on a 12-hour clock", () => {
    const mail = renderDaySheetEmail(event, bookings, { ...options, locale: "en-US" });
    expect(mail.subject).toBe("Day sheet: Brooklyn Blowout Bar, Tuesday, June 15, 2027 (1 booking)");
    expect(mail.text).toContain("  2:00 PM–2:45 PM  Blow-dry: Ana (BK-1)");
  });

  it("writes a UK or German salon's day day first and its times on a 24-hour clock", () => {
    for (const locale of ["en-GB", "de-DE"]) {
      const mail = renderDaySheetEmail(event, bookings, { ...options, locale });
      expect(mail.subject).toBe("Day sheet: Brooklyn Blowout Bar, Tuesday 15 June 2027 (1 booking)");
      expect(mail.text).toContain("  14:00–14:45  Blow-dry: Ana (BK-1)");
    }
  });
});
