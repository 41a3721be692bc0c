import Link from "next/link";
import { WEEKDAY_NAMES } from "@/components/settings/settings-form-state";
import { textLink } from "@/components/ui/styles";

export interface WeekTableDay {
  /** The day's hours as the owner reads them, or what stands instead ("Closed", "Day off"). */
  hours: string;
  /** Where the hours come from; the column shows only when the days say it. */
  from?: string;
}

/**
 * A week of hours, Monday first, one row a weekday with a Change link to that day in the page's
 * hours form (`#hours-form-heading`).
 */
export function WeekTable({ caption, day, pageHref }: { caption: string; day: (isoWeekday: number) => WeekTableDay; pageHref: string }) {
  const days = WEEKDAY_NAMES.map((_, i) => day(i + 1));
  const withFrom = days.some((d) => d.from !== undefined);
  return (
    <table className="mt-3 w-full text-left">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b border-stone-200">
          <th scope="col" className="py-2 pr-4">Day</th>
          <th scope="col" className="py-2 pr-4">Hours</th>
          {withFrom && <th scope="col" className="py-2 pr-4">From</th>}
          <th scope="col" className="py-2"><span className="sr-only">Change</span></th>
        </tr>
      </thead>
      <tbody>
        {WEEKDAY_NAMES.map((name, i) => (
          <tr key={name} className="border-b border-stone-100">
            <th scope="row" className="py-2 pr-4 font-medium">{name}</th>
            <td className="py-2 pr-4">{days[i].hours}</td>
            {withFrom && <td className="py-2 pr-4">{days[i].from}</td>}
            <td className="py-2">
              <Link href={`${pageHref}?day=${i + 1}#hours-form-heading`} className={textLink}>
                Change<span className="sr-only"> {name}</span>
              </Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
