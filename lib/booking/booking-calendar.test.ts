import nodeIcal from "node-ical";
import { describe, expect, it } from "vitest";
import { renderBookingCalendar } from "./booking-calendar";
import type { BookingConfirmation } from "./get-booking";

const booking: BookingConfirmation = {
  id: "7d1f7c1e-4a43-4a8e-9d6c-0f7e0b0a1c2d",
  reference: "K7Q2M9XA",
  status: "confirmed",
  salon: {
    id: "s",
    slug: "mission-mane",
    name: "Mission Mane",
    timeZone: "America/Los_Angeles",
    address: "1 Valencia St",
    cancellationCutoffMinutes: 120,
    bookingHorizonDays: 90,
    contactPhone: "",
    currency: "USD",
    locale: "en-US",
  },
  service: { id: "v", name: "Colour", durationMinutes: 60, priceCents: 9000 },
  stylist: { id: "t", name: "Rosa" },
  start: new Date("2030-07-01T16:00:00Z"),
  end: new Date("2030-07-01T17:00:00Z"),
  startLocal: "2030-07-01T09:00:00-07:00",
  timeZoneName: "Pacific Daylight Time",
  customerName: "Sam",
};

describe("Add to calendar", () => {
  it("is one event at the booked instants with the salon as the place and the emails' UID", () => {
    const parsed = Object.values(nodeIcal.sync.parseICS(renderBookingCalendar(booking))).find((c) => c?.type === "VEVENT") as unknown as {
      uid: string;
      start: Date;
      end: Date;
      summary: string;
      location: string;
      description: string;
    };
    expect(parsed.uid).toBe(`${booking.id}@salon-booking`);
    expect(parsed.start.toISOString()).toBe("2030-07-01T16:00:00.000Z");
    expect(parsed.end.toISOString()).toBe("2030-07-01T17:00:00.000Z");
    expect(parsed.summary).toBe("Colour at Mission Mane");
    expect(parsed.location).toBe("Mission Mane, 1 Valencia St");
    expect(parsed.description).toContain("K7Q2M9XA");
  });
});
