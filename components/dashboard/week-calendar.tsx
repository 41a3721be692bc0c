import Link from "next/link";
import { textLink } from "@/components/ui/styles";
import type { SalonCalendar } from "@/lib/dashboard/calendar";
import { formatDayLong, formatDayShort } from "@/lib/dashboard/format";
import { CalendarBookingLink } from "./calendar-booking";

/** Seven days, a row per stylist: a table whose headers name the stylist and the day of each cell. */
export function WeekCalendar({ calendar, dayHref }: { calendar: SalonCalendar; dayHref: (date: string) => string }) {
  if (calendar.stylists.length === 0) return <p className="text-stone-700">This salon has no stylists yet.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[48rem] table-fixed border-collapse text-sm">
        <caption className="sr-only">Bookings per stylist and day; times are {calendar.salon.name}&apos;s local time.</caption>
        <thead>
          <tr>
            <th scope="col" className="w-24 border-b border-stone-300 p-1 text-left">
              Stylist
            </th>
            {calendar.days.map((day) => (
              <th
                key={day}
                scope="col"
                className={`border-b border-stone-300 p-1 text-left font-semibold ${day === calendar.today ? "bg-teal-50" : ""}`}
              >
                <Link href={dayHref(day)} className={textLink} aria-label={`${formatDayLong(day, calendar.salon.locale)}${day === calendar.today ? " (today)" : ""}, day view`}>
                  {formatDayShort(day)}
                </Link>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {calendar.stylists.map((stylist) => (
            <tr key={stylist.id} className="align-top">
              <th scope="row" className="border-b border-stone-200 p-1 text-left font-semibold">
                {stylist.name}
              </th>
              {calendar.days.map((day) => {
                const bookings = stylist.bookings.filter((b) => b.date === day);
                return (
                  <td key={day} className={`border-b border-stone-200 p-1 ${day === calendar.today ? "bg-teal-50/50" : ""}`}>
                    {bookings.length > 0 && (
                      <ul className="space-y-1">
                        {bookings.map((booking) => (
                          <li key={booking.id}>
                            <CalendarBookingLink booking={booking} compact />
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
