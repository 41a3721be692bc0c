import { ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import { bookingCalendarUid } from "@/lib/mail/booking-email";
import { renderInvitation } from "@/lib/mail/calendar";
import type { BookingConfirmation } from "./get-booking";

/**
 * The booking as an .ics file for "Add to calendar" on the confirmation page: the same UID as
 * the emails' invitations, so a calendar that has both keeps one entry.
 */
export function renderBookingCalendar(booking: BookingConfirmation, now: Date = new Date()): string {
  return renderInvitation("customer-page", ICalCalendarMethod.PUBLISH, {
    id: bookingCalendarUid(booking.id),
    stamp: now,
    start: booking.start,
    end: booking.end,
    summary: `${booking.service.name} at ${booking.salon.name}`,
    description: `${booking.service.name} with ${booking.stylist.name}. Reference ${booking.reference}.`,
    location: [booking.salon.name, booking.salon.address].filter(Boolean).join(", "),
    status: booking.status === "cancelled" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
}
