import Link from "next/link";
import { focusRing, secondaryButton } from "@/components/ui/styles";

export interface SlotLink {
  start: string;
  /** "09:15", salon-local. */
  time: string;
  href: string;
}

export interface SlotListProps {
  dayLabel: string;
  zoneLabel: string;
  serviceName: string;
  stylistName: string;
  previousDayHref?: string;
  /** Absent on the last day the salon takes bookings for. */
  nextDayHref?: string;
  slots: SlotLink[];
}

/** One day's free times as links to the details form; the zone is named so nobody has to guess. */
export function SlotList({ dayLabel, zoneLabel, serviceName, stylistName, previousDayHref, nextDayHref, slots }: SlotListProps) {
  return (
    <section id="free-times" aria-labelledby="slots-heading" className="scroll-mt-4 space-y-4">
      <div>
        <h2 id="slots-heading" className="text-xl font-semibold">
          Free times on {dayLabel}
        </h2>
        <p className="text-stone-700">
          <bdi>{serviceName}</bdi> with <bdi>{stylistName}</bdi>. Times are in {zoneLabel}.
        </p>
      </div>
      <nav aria-label="Change day" className="flex gap-3">
        {previousDayHref ? (
          <Link href={previousDayHref} className={secondaryButton}>
            <span aria-hidden="true">←&nbsp;</span>Previous day
          </Link>
        ) : null}
        {nextDayHref ? (
          <Link href={nextDayHref} className={secondaryButton}>
            Next day<span aria-hidden="true">&nbsp;→</span>
          </Link>
        ) : null}
      </nav>
      {slots.length === 0 ? (
        <p className="rounded-lg border border-stone-200 bg-white px-4 py-3">
          {nextDayHref
            ? "No free times on this day. Try the next day, another stylist or another service."
            : "No free times on this day, the last one the salon takes bookings for. Try another stylist or service."}
        </p>
      ) : (
        <ul className="grid grid-cols-3 gap-2 sm:grid-cols-5" aria-label={`Free times on ${dayLabel}`}>
          {slots.map((slot) => (
            <li key={slot.start}>
              <Link
                href={slot.href}
                className={`flex min-h-11 items-center justify-center rounded-lg border border-teal-700 bg-white px-2 py-2 font-semibold tabular-nums text-teal-900 hover:bg-teal-50 ${focusRing}`}
              >
                {slot.time}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
