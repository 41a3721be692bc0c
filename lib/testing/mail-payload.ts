// A booking event payload for the mail tests: values that need escaping, a note with markup and a
// previous slot, so one payload exercises every part of a rendered message.
import type { BookingEventPayload } from "@/lib/booking/events";

export const mailTestPayload: BookingEventPayload = {
  bookingId: "7d1f7c1e-4a43-4a8e-9d6c-0f7e0b0a1c2d",
  reference: "BK-7Q2M",
  status: "confirmed",
  sequence: 2,
  start: "2030-07-01T16:00:00.000Z",
  end: "2030-07-01T17:00:00.000Z",
  startLocal: "2030-07-01T09:00:00-07:00",
  endLocal: "2030-07-01T10:00:00-07:00",
  salon: { id: "s", slug: "mission-mane", name: "Mission & <Mane>", timeZone: "America/Los_Angeles", address: "1 Valencia St" },
  service: { id: "v", name: "Colour \"deluxe\"", durationMinutes: 60, priceCents: 9000 },
  stylist: { id: "t", name: "Rosa" },
  customer: { name: "Sam O'Neil", email: "sam@example.test", note: "<img src=x onerror=alert(1)>" },
  previous: {
    start: "2030-06-30T16:00:00.000Z",
    end: "2030-06-30T17:00:00.000Z",
    startLocal: "2030-06-30T09:00:00-07:00",
    endLocal: "2030-06-30T10:00:00-07:00",
    stylist: { id: "t2", name: "Lee" },
  },
};
