import type { CalendarView } from "./schemas";

// The dashboard's URLs, built in one place so pages, components and tests agree on them.

export function dashboardHref(q: { salon?: string; view?: CalendarView; date?: string } = {}): string {
  const params = new URLSearchParams();
  if (q.salon) params.set("salon", q.salon);
  if (q.view && q.view !== "day") params.set("view", q.view);
  if (q.date) params.set("date", q.date);
  const query = params.toString();
  return `/dashboard${query ? `?${query}` : ""}`;
}

export function bookingDetailsHref(bookingId: string, done?: string): string {
  return `/dashboard/bookings/${encodeURIComponent(bookingId)}${done ? `?done=${encodeURIComponent(done)}` : ""}`;
}

/** The walk-in / phone booking form, for a salon and (optionally) a day. */
export function newBookingHref(salonId: string, date?: string): string {
  const params = new URLSearchParams({ salon: salonId, ...(date ? { date } : {}) });
  return `/dashboard/bookings/new?${params.toString()}`;
}

export function deliveryHealthHref(salonId?: string, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(salonId ? { salon: salonId, ...extra } : extra);
  const query = params.toString();
  return `/dashboard/health${query ? `?${query}` : ""}`;
}
