import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { requireOwner } from "@/auth";
import { SettingsNav } from "@/components/settings/settings-nav";
import { textLink } from "@/components/ui/styles";
import { getDb } from "@/db/client";
import { getOwnedSalonSummary } from "@/lib/salons/settings";

// The frame of one salon's settings. Layouts render alongside their pages, so every page below
// checks the session and the salon again itself; this only draws the heading and the sections.
export default async function SalonSettingsLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ salonId: string }>;
}) {
  const { salonId } = await params;
  const owner = await requireOwner();
  if (!owner) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/salons/${salonId}/settings`)}`);
  const salon = await getOwnedSalonSummary(await getDb(), owner.id, salonId);
  if (!salon) notFound();

  return (
    <>
      <div className="space-y-1">
        <p>
          <Link href="/salons" className={textLink}>
            Your salons
          </Link>
        </p>
        <h1 className="text-2xl font-bold tracking-tight">{salon.name}: settings</h1>
        <p className="text-stone-700">
          Customers book at{" "}
          <Link href={`/s/${salon.slug}`} className={textLink}>
            /s/{salon.slug}
          </Link>
          . Times are in {salon.timeZone}.
        </p>
      </div>
      <SettingsNav salonId={salon.id} />
      {children}
    </>
  );
}
