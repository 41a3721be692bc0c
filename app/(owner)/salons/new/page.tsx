import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { requireOwner } from "@/auth";
import { SalonDetailsForm } from "@/components/settings/salon-details-form";
import { card, textLink } from "@/components/ui/styles";
import { getDb } from "@/db/client";
import { getSalonSettings, listOwnedSalons } from "@/lib/salons/settings";
import { DEFAULT_BOOKING_HORIZON_DAYS } from "@/lib/booking/schemas";
import { SALON_LOCALE_CHOICES, TIME_ZONES } from "@/lib/salons/settings/schemas";
import { createSalonAction } from "./actions";

export const metadata: Metadata = { title: "Create a salon" };
export const dynamic = "force-dynamic";

export default async function NewSalonPage() {
  const owner = await requireOwner();
  if (!owner) redirect("/sign-in?callbackUrl=/salons/new");
  // A second shop is most likely in the same zone as the first.
  const db = await getDb();
  const [first] = await listOwnedSalons(db, owner.id);
  // …and in the same country, with the same currency and locale (the owner changes them here).
  const firstSettings = first ? (await getSalonSettings(db, owner.id, first.id))?.salon : undefined;

  return (
    <>
      <p>
        <Link href="/salons" className={textLink}>
          Your salons
        </Link>
      </p>
      <h1 id="new-salon-heading" className="text-2xl font-bold tracking-tight">
        Create a salon
      </h1>
      <section className={card}>
        <SalonDetailsForm
          action={createSalonAction}
          headingId="new-salon-heading"
          timeZones={TIME_ZONES}
          localeChoices={SALON_LOCALE_CHOICES}
          saved={{
            name: "",
            slug: "",
            timeZone: first?.timeZone ?? "Europe/London",
            address: "",
            bufferMinutes: "0",
            minNoticeMinutes: "60",
            cancellationCutoffMinutes: "1440",
            bookingHorizonDays: String(DEFAULT_BOOKING_HORIZON_DAYS),
            contactPhone: "",
            country: firstSettings?.country ?? "GB",
            currency: firstSettings?.currency ?? "GBP",
            locale: firstSettings?.locale ?? "en-GB",
          }}
        />
      </section>
    </>
  );
}
