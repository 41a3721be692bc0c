import Link from "next/link";
import { focusRing, inputBase, secondaryButton } from "@/components/ui/styles";

export interface CalendarToolbarProps {
  salonId: string;
  view: "day" | "week";
  date: string;
  /** "Tuesday 15 June 2027" or "14–20 June 2027". */
  title: string;
  hrefs: { previous: string; today: string; next: string; day: string; week: string };
}

const toggle = (active: boolean) =>
  `inline-flex min-h-11 items-center px-4 font-medium ${active ? "bg-teal-800 text-white" : "bg-white text-stone-900 hover:bg-stone-100"} ${focusRing}`;

/** Which day or week the calendar shows, and the ways to another one. */
export function CalendarToolbar({ salonId, view, date, title, hrefs }: CalendarToolbarProps) {
  const unit = view === "day" ? "day" : "week";
  return (
    <div className="space-y-3">
      <h2 id="calendar-heading" className="text-lg font-semibold">
        {title}
      </h2>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <nav aria-label="Calendar dates" className="flex flex-wrap gap-2">
          <Link href={hrefs.previous} className={secondaryButton}>
            <span aria-hidden="true">←&nbsp;</span>Previous {unit}
          </Link>
          <Link href={hrefs.today} className={secondaryButton}>
            Today
          </Link>
          <Link href={hrefs.next} className={secondaryButton}>
            Next {unit}
            <span aria-hidden="true">&nbsp;→</span>
          </Link>
        </nav>
        <nav aria-label="Calendar view" className="flex overflow-hidden rounded-lg border border-stone-300">
          <Link href={hrefs.day} aria-current={view === "day" ? "page" : undefined} className={toggle(view === "day")}>
            Day
          </Link>
          <Link href={hrefs.week} aria-current={view === "week" ? "page" : undefined} className={toggle(view === "week")}>
            Week
          </Link>
        </nav>
      </div>
      {/* A plain GET form: works without JavaScript and leaves a shareable URL. */}
      <form action="/dashboard" method="get" className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="salon" value={salonId} />
        {view === "week" && <input type="hidden" name="view" value="week" />}
        <div>
          <label htmlFor="calendar-date" className="block text-sm font-medium text-stone-900">
            Go to date
          </label>
          <input id="calendar-date" name="date" type="date" required defaultValue={date} className={`${inputBase} border-stone-300 py-2`} />
        </div>
        <button type="submit" className={secondaryButton}>
          Show
        </button>
      </form>
    </div>
  );
}
