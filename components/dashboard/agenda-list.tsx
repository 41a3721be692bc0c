import Link from "next/link";
import { textLink } from "@/components/ui/styles";
import type { CalendarBooking, SalonCalendar } from "@/lib/dashboard/calendar";
import { formatDayLong } from "@/lib/dashboard/format";
import { CalendarBookingLink } from "./calendar-booking";

interface AgendaEntry {
  booking: CalendarBooking;
  stylistName: string;
}

/** Every booking of the shown days in time order, each with its stylist: nothing sits in a column off-screen. */
function agendaByDay(calendar: SalonCalendar): Map<string, AgendaEntry[]> {
  const byDay = new Map<string, AgendaEntry[]>(calendar.days.map((day) => [day, []]));
  for (const stylist of calendar.stylists) {
    for (const booking of stylist.bookings) byDay.get(booking.date)?.push({ booking, stylistName: stylist.name });
  }
  for (const entries of byDay.values()) {
    entries.sort((a, b) => a.booking.startMinute - b.booking.startMinute || a.stylistName.localeCompare(b.stylistName));
  }
  return byDay;
}

/**
 * The phone's calendar: one list per day, bookings in time order with their stylist named, so a
 * narrow screen shows all of them by scrolling down and never sideways.
 */
export function AgendaList({ calendar, dayHref }: { calendar: SalonCalendar; dayHref: (date: string) => string }) {
  if (calendar.stylists.length === 0) return <p className="text-stone-700">This salon has no stylists yet.</p>;
  const byDay = agendaByDay(calendar);
  const week = calendar.view === "week";
  return (
    <div className="space-y-4">
      {[...byDay].map(([day, entries]) => {
        const headingId = `agenda-${day}`;
        const dayName = `${formatDayLong(day, calendar.salon.locale)}${day === calendar.today ? " (today)" : ""}`;
        const list =
          entries.length === 0 ? (
            <p className="mt-1 text-sm text-stone-600">No bookings</p>
          ) : (
            <ol aria-label={`Bookings on ${dayName}`} className="mt-1 space-y-1.5">
              {entries.map(({ booking, stylistName }) => (
                <li key={booking.id} className="min-w-0">
                  <CalendarBookingLink booking={booking} stylistName={stylistName} />
                </li>
              ))}
            </ol>
          );
        // One day needs no heading of its own: the calendar's heading names it.
        if (!week) return <div key={day}>{list}</div>;
        return (
          <section key={day} aria-labelledby={headingId} className="min-w-0">
            <h3 id={headingId} className={`text-sm font-semibold ${day === calendar.today ? "text-teal-900" : ""}`}>
              <Link href={dayHref(day)} className={textLink}>
                {dayName}
              </Link>
            </h3>
            {list}
          </section>
        );
      })}
    </div>
  );
}
