import { getDb } from "@/db/client";
import { SalonList } from "@/components/booking/salon-list";
import { listSalons } from "@/lib/salons";

// Salons and their data change at run time; nothing here may be prerendered at build time.
export const dynamic = "force-dynamic";

export default async function HomePage() {
  const salons = await listSalons(await getDb());
  return (
    <>
      <div>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Book a salon appointment</h1>
        <p className="mt-2 text-stone-700">Pick a salon, a service and a free time. No account needed.</p>
      </div>
      <SalonList salons={salons} />
    </>
  );
}
