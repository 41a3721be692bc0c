// How the dashboard words and times a notification. Shared by the client feed and its tests.

const LABELS: Record<string, string> = {
  "booking.created": "New booking",
  "booking.rescheduled": "Rescheduled",
  "booking.cancelled": "Cancelled",
  // Only in a booking's event history: reminders are the customer's, never in the owner's feed.
  "booking.reminder": "Reminder to the customer",
};

export function eventLabel(eventType: string): string {
  return LABELS[eventType] ?? "Booking update";
}

/**
 * A slot's start as the salon's wall-clock date and time with the zone's abbreviation, e.g.
 * "Tue, 16 Mar 2027, 10:00 GMT" — in the salon's zone, whatever zone the viewer's browser is in.
 */
export function formatSlotTime(startLocal: string, timeZone: string, locale?: string): string {
  const instant = new Date(startLocal);
  if (Number.isNaN(instant.getTime())) return startLocal;
  try {
    return new Intl.DateTimeFormat(locale, {
      timeZone,
      weekday: "short",
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZoneName: "short",
    }).format(instant);
  } catch {
    // An unknown zone name: show the stored local time rather than nothing.
    return startLocal;
  }
}
