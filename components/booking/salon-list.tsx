import Link from "next/link";
import { card, focusRing } from "@/components/ui/styles";

export interface SalonListItem {
  slug: string;
  name: string;
  address: string;
  timeZone: string;
}

/** The salons on the home page; each card is one link to the salon's page. */
export function SalonList({ salons }: { salons: SalonListItem[] }) {
  if (salons.length === 0) return <p>No salons take bookings yet.</p>;
  return (
    <ul className="grid gap-4 sm:grid-cols-2">
      {salons.map((salon) => (
        <li key={salon.slug}>
          <Link
            href={`/s/${salon.slug}`}
            className={`${card} block h-full transition hover:border-teal-700 hover:shadow ${focusRing}`}
          >
            <h2 className="text-lg font-semibold text-teal-900">
              <bdi>{salon.name}</bdi>
            </h2>
            <p className="mt-1 text-stone-700">
              <bdi>{salon.address}</bdi>
            </p>
            <p className="mt-2 text-sm text-stone-600">Times in {salon.timeZone.replace(/_/g, " ")}</p>
          </Link>
        </li>
      ))}
    </ul>
  );
}
