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
    <section aria-labelledby="salons-heading" className={card}>
      <h2 id="salons-heading" className="text-lg font-semibold">
        Your salons
      </h2>
      <ul className="mt-2 flex flex-wrap gap-2">
        {salons.map((salon) => {
          const current = salon.id === selectedId;
          return (
            <li key={salon.id}>
              <Link
                href={salon.href}
                aria-current={current ? "page" : undefined}
                className={`inline-flex min-h-11 flex-col justify-center rounded-lg border px-3 py-1.5 ${
                  current ? "border-teal-800 bg-teal-800 text-white" : "border-stone-300 bg-white text-stone-900 hover:bg-stone-100"
                } ${focusRing}`}
              >
                <span className="font-medium">{salon.name}</span>
                <span className={`text-xs ${current ? "text-teal-50" : "text-stone-600"}`}>({salon.timeZone})</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
