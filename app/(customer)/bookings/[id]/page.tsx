import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { BookingSummary } from "@/components/booking/booking-summary";
import { Notice } from "@/components/ui/notice";
import { card, textLink } from "@/components/ui/styles";
import { getBookingConfirmation } from "@/lib/booking/get-booking";
import { uuidSchema } from "@/lib/booking/schemas";
import { formatDuration, formatLocalDate, formatLocalTime } from "@/lib/salons";

export const dynamic = "force-dynamic";
// The booking id in this address is the only key to the page: keep it out of search engines and referrers.
export const metadata: Metadata = { title: "Booking confirmed", robots: { index: false, follow: false }, referrer: "no-referrer" };

export default async function ConfirmationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!uuidSchema.safeParse(id).success) notFound();
  const booking = await getBookingConfirmation(await getDb(), id);
  if (!booking) notFound();

  const cancelled = booking.status === "cancelled";
  return (
    <>
      <div>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{cancelled ? "Booking cancelled" : "Booking confirmed"}</h1>
        {!cancelled && (
          <p className="mt-2 text-stone-700">
            Thank you, {booking.customerName}. {booking.salon.name} has your booking and is being told about it now.
          </p>
        )}
      </div>
      {cancelled && <Notice tone="warning">This booking has been cancelled.</Notice>}
      <section aria-labelledby="reference-heading" className={`${card} text-center`}>
        <h2 id="reference-heading" className="text-sm font-medium uppercase tracking-wide text-stone-600">
          Booking reference
        </h2>
        <p className="mt-1 font-mono text-3xl font-bold tracking-widest text-teal-900">{booking.reference}</p>
      </section>
      <section aria-label="Booking details" className={card}>
        <BookingSummary
          rows={[
            { term: "Salon", detail: booking.salon.name },
            { term: "Address", detail: booking.salon.address },
            { term: "Service", detail: `${booking.service.name} (${formatDuration(booking.service.durationMinutes)})` },
            { term: "Stylist", detail: booking.stylist.name },
            { term: "Date", detail: formatLocalDate(booking.startLocal) },
            { term: "Time", detail: `${formatLocalTime(booking.startLocal)} ${booking.timeZoneName}` },
            { term: "Time zone", detail: booking.salon.timeZone.replace(/_/g, " ") },
          ]}
        />
      </section>
      <p>
        <Link href={`/s/${booking.salon.slug}`} className={textLink}>
          Back to {booking.salon.name}
        </Link>
      </p>
    </>
  );
}
