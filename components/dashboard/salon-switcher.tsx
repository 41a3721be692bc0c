import Link from "next/link";
import { card, focusRing } from "@/components/ui/styles";

export interface SalonChoice {
  id: string;
  name: string;
  timeZone: string;
  href: string;
}

/** The owner's salons, the one shown marked as current. Only the owner's own salons are ever passed in. */
export function SalonSwitcher({ salons, selectedId }: { salons: SalonChoice[]; selectedId?: string }) {
  return (
    <section aria-labelledby="salons-heading" className={`${card} p-3`}>
      {/* On a phone the buttons speak for themselves; the heading stays for screen readers. */}
      <h2 id="salons-heading" className="sr-only sm:not-sr-only sm:text-lg sm:font-semibold">
        Your salons
      </h2>
      <ul className="flex flex-wrap gap-2 sm:mt-2">
        {salons.map((salon) => {
          const current = salon.id === selectedId;
          return (
            <li key={salon.id} className="min-w-0 max-w-full">
              <Link
                href={salon.href}
                aria-current={current ? "page" : undefined}
                className={`inline-flex min-h-11 max-w-full flex-col justify-center rounded-lg border px-3 py-1 ${
                  current ? "border-teal-800 bg-teal-800 text-white" : "border-stone-300 bg-white text-stone-900 hover:bg-stone-100"
                } ${focusRing}`}
              >
                <span className="truncate font-medium">{salon.name}</span>
                <span className={`text-xs ${current ? "text-teal-50" : "text-stone-600"}`}>({salon.timeZone})</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
