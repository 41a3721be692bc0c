import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { requireOwner } from "@/auth";
import { card, primaryButton, textLink } from "@/components/ui/styles";
import { getDb } from "@/db/client";
import { listOwnedSalonStates, type OwnedSalonState } from "@/lib/salons/settings";

export const metadata: Metadata = { title: "Your salons" };
export const dynamic = "force-dynamic";

export default async function SalonsPage() {
  const owner = await requireOwner();
  if (!owner) redirect("/sign-in?callbackUrl=/salons");
  const salons = await listOwnedSalonStates(await getDb(), owner.id);

  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-bold tracking-tight">Your salons</h1>
        <Link href="/salons/new" className={primaryButton}>
          Create a salon
        </Link>
      </div>
      <section aria-labelledby="salon-list-heading" className={card}>
        <h2 id="salon-list-heading" className="text-lg font-semibold">
          Settings
        </h2>
        {salons.length === 0 ? (
          <p className="mt-2 text-stone-700">You do not have a salon yet. Create one to start taking bookings.</p>
        ) : (
          <ul className="mt-3 divide-y divide-stone-200">
            {salons.map((salon) => (
              <li key={salon.id} className="flex flex-col gap-1 py-3 sm:flex-row sm:flex-wrap sm:items-baseline sm:gap-x-4">
                <Link href={`/salons/${salon.id}/settings`} className={textLink}>
                  {salon.name}
                </Link>
                <span className="text-sm text-stone-600">
                  /s/{salon.slug} · {salon.timeZone}
                </span>
                <PublicationState salon={salon} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

const things = (n: number) => (n === 1 ? "1 thing missing" : `${n} things missing`);

/** Whether customers can find the salon; if not, how much is left, linked to the settings' checklist. */
function PublicationState({ salon }: { salon: OwnedSalonState }) {
  if (salon.published) return <span className="text-sm font-medium text-emerald-800">Published</span>;
  return (
    <span className="text-sm text-amber-900">
      Not published
      {salon.missing.length > 0 ? (
        <>
          {" — "}
          <Link href={`/salons/${salon.id}/settings`} className={textLink}>
            {things(salon.missing.length)}
            <span className="sr-only"> before {salon.name} can be published</span>
          </Link>
        </>
      ) : (
        <>
          {" — "}
          <Link href={`/salons/${salon.id}/settings`} className={textLink}>
            ready to publish
            <span className="sr-only">: {salon.name}</span>
          </Link>
        </>
      )}
    </span>
  );
}
