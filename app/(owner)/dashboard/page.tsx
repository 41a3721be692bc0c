import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { requireOwner } from "@/auth";
import { NotificationFeed } from "@/components/dashboard/notification-feed";
import { card, secondaryButton } from "@/components/ui/styles";
import { getDb } from "@/db/client";
import { ownedSalons } from "@/lib/notifications/queries";
import { markNotificationsReadAction, signOutAction } from "./actions";

export const metadata: Metadata = { title: "Dashboard" };
export const dynamic = "force-dynamic";

export default async function DashboardPage() {
  const owner = await requireOwner();
  if (!owner) redirect("/sign-in?callbackUrl=/dashboard");
  const salons = await ownedSalons(await getDb(), owner.id);

  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">Dashboard</h1>
          <p className="text-stone-700">Signed in as {owner.name}</p>
        </div>
        <form action={signOutAction}>
          <button type="submit" className={secondaryButton}>
            Sign out
          </button>
        </form>
      </div>

      <section aria-labelledby="salons-heading" className={card}>
        <h2 id="salons-heading" className="text-lg font-semibold">
          Your salons
        </h2>
        {salons.length === 0 ? (
          <p className="mt-2 text-stone-700">You do not own any salons yet.</p>
        ) : (
          <ul className="mt-2 space-y-1">
            {salons.map((salon) => (
              <li key={salon.id}>
                <span className="font-medium">{salon.name}</span>{" "}
                <span className="text-stone-600">({salon.timeZone})</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <NotificationFeed streamUrl="/api/dashboard/stream" markRead={markNotificationsReadAction} />
    </>
  );
}
