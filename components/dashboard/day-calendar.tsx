import type { SalonCalendar } from "@/lib/dashboard/calendar";
import { formatWallMinute } from "@/lib/dashboard/format";
import { CalendarBookingLink } from "./calendar-booking";

const PX_PER_MINUTE = 1.1;

/**
 * One day, a column per stylist, time running down. Each column is a heading and an ordered list
 * of its bookings (what a screen reader reads); the list items are placed by start and end.
 */
export function DayCalendar({ calendar }: { calendar: SalonCalendar }) {
  const { startMinute, endMinute } = calendar.dayRange;
  const height = (endMinute - startMinute) * PX_PER_MINUTE;
  const hours: number[] = [];
  for (let m = startMinute; m < endMinute; m += 60) hours.push(m);
  const top = (minute: number) => (Math.min(Math.max(minute, startMinute), endMinute) - startMinute) * PX_PER_MINUTE;

  if (calendar.stylists.length === 0) return <p className="text-stone-700">This salon has no stylists yet.</p>;

  return (
    <div className="overflow-x-auto">
      {/* Columns at least 9rem wide; a long name is cut, it never widens its column. */}
      <div
        className="grid gap-x-2"
        style={{
          gridTemplateColumns: `3.5rem repeat(${calendar.stylists.length}, minmax(9rem, 1fr))`,
          minWidth: `calc(3.5rem + ${calendar.stylists.length} * 9.5rem)`,
        }}
      >
        {/* The hour scale is for the eye; each booking's link says its own times. */}
        <div aria-hidden="true" className="relative" style={{ height, marginTop: "2.5rem" }}>
          {hours.map((m) => (
            <span key={m} className="absolute right-1 -translate-y-1/2 text-xs text-stone-600" style={{ top: top(m) }}>
              {formatWallMinute(m, calendar.salon.locale)}
            </span>
          ))}
        </div>
        {calendar.stylists.map((stylist) => {
          const headingId = `stylist-${stylist.id}`;
          return (
            <section key={stylist.id} aria-labelledby={headingId} className="min-w-0">
              <h3 id={headingId} className="flex h-10 min-w-0 items-end pb-1 text-sm font-semibold" title={stylist.name}>
                <span className="truncate">{stylist.name}</span>
              </h3>
              <div
                className="relative rounded-md border border-stone-200 bg-[repeating-linear-gradient(to_bottom,transparent_0,transparent_calc(66px-1px),#e7e5e4_calc(66px-1px),#e7e5e4_66px)]"
                style={{ height }}
              >
                {stylist.bookings.length === 0 ? (
                  <p className="p-2 text-xs text-stone-600">No bookings</p>
                ) : (
                  <ol aria-label={`${stylist.name}'s bookings`}>
                    {stylist.bookings.map((booking) => (
                      <li
                        key={booking.id}
                        className="absolute inset-x-1"
                        style={{ top: top(booking.startMinute), height: Math.max(top(booking.endMinute) - top(booking.startMinute), 22) }}
                      >
                        <CalendarBookingLink booking={booking} />
                      </li>
                    ))}
                  </ol>
                )}
              </div>
            </section>
          );
        })}
      </div>
    </div>
  );
}
