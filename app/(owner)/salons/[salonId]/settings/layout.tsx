import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { requireOwner } from "@/auth";
import { PublishPanel } from "@/components/settings/publish-panel";
import { SettingsNav } from "@/components/settings/settings-nav";
import { textLink } from "@/components/ui/styles";
import { getDb } from "@/db/client";
import { getOwnedSalonSummary, getSalonReadiness, READINESS_LABELS, type ReadinessItem } from "@/lib/salons/settings";
import { publishSalonAction, unpublishSalonAction } from "./actions";

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
  const db = await getDb();
  const [salon, readiness] = await Promise.all([getOwnedSalonSummary(db, owner.id, salonId), getSalonReadiness(db, owner.id, salonId)]);
  if (!salon || !readiness) notFound();
  const base = `/salons/${salon.id}/settings`;
  const stepHref: Record<ReadinessItem, string> = { service: `${base}/services`, stylist: `${base}/stylists`, hours: `${base}/stylists` };
  const checklist = (["service", "stylist", "hours"] as const).map((item) => ({
    label: READINESS_LABELS[item],
    done: !readiness.missing.includes(item),
    href: stepHref[item],
  }));

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
          {readiness.publishedAt ? (
            <>
              Customers book at{" "}
              <Link href={`/s/${salon.slug}`} className={textLink}>
                /s/{salon.slug}
              </Link>
              .
            </>
          ) : (
            <>Once published, customers book at /s/{salon.slug}.</>
          )}{" "}
          Times are in {salon.timeZone}.
        </p>
      </div>
      <PublishPanel salonId={salon.id} published={readiness.publishedAt !== null} checklist={checklist} action={publishSalonAction} unpublish={unpublishSalonAction} />
      <SettingsNav salonId={salon.id} />
      {children}
    </>
  );
}
