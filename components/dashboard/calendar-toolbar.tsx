import Link from "next/link";
import { focusRing, secondaryButton } from "@/components/ui/styles";

export interface CalendarToolbarProps {
  salonId: string;
  view: "day" | "week";
  date: string;
  /** "Tuesday 15 June 2027" or "14–20 June 2027". */
  title: string;
  hrefs: { previous: string; today: string; next: string; day: string; week: string };
}

// Not inputBase (a full-width block): here the date sits on one line with its label and button.
const dateInput =
  "min-w-0 rounded-lg border border-stone-300 bg-white px-3 py-1.5 text-base text-stone-900 shadow-sm focus:border-teal-700 focus:outline-none focus:ring-3 focus:ring-teal-700/40";

const toggle = (active: boolean) =>
  `inline-flex min-h-11 items-center px-3 font-medium sm:px-4 ${active ? "bg-teal-800 text-white" : "bg-white text-stone-900 hover:bg-stone-100"} ${focusRing}`;

/** Which day or week the calendar shows, and the ways to another one. */
export function CalendarToolbar({ salonId, view, date, title, hrefs }: CalendarToolbarProps) {
  const unit = view === "day" ? "day" : "week";
  return (
    <div className="space-y-2 sm:space-y-3">
      <h2 id="calendar-heading" className="text-base font-semibold sm:text-lg">
        {title}
      </h2>
      <div className="flex flex-wrap items-center justify-between gap-2 sm:gap-3">
        <nav aria-label="Calendar dates" className="flex flex-wrap gap-1 sm:gap-2">
          {/* On a phone the arrows alone: the words stay for screen readers, the row stays one row. */}
          <Link href={hrefs.previous} className={`${secondaryButton} px-3 sm:px-4`}>
            <span aria-hidden="true">←</span>
            <span className="sr-only sm:not-sr-only sm:ml-1">Previous {unit}</span>
          </Link>
          <Link href={hrefs.today} className={`${secondaryButton} px-3 sm:px-4`}>
            Today
          </Link>
          <Link href={hrefs.next} className={`${secondaryButton} px-3 sm:px-4`}>
            <span className="sr-only sm:not-sr-only sm:mr-1">Next {unit}</span>
            <span aria-hidden="true">→</span>
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
      <form action="/dashboard" method="get" className="flex flex-wrap items-center gap-2">
        <input type="hidden" name="salon" value={salonId} />
        {view === "week" && <input type="hidden" name="view" value="week" />}
        <label htmlFor="calendar-date" className="text-sm font-medium text-stone-900">
          Go to date
        </label>
        <input
          id="calendar-date"
          name="date"
          type="date"
          required
          defaultValue={date}
          className={dateInput}
        />
        <button type="submit" className={secondaryButton}>
          Show
        </button>
      </form>
    </div>
  );
}
