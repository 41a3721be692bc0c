import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { requireOwner } from "@/auth";
import { LatencyChart } from "@/components/dashboard/latency-chart";
import { RetryButton } from "@/components/dashboard/retry-button";
import { SalonSwitcher } from "@/components/dashboard/salon-switcher";
import { Notice } from "@/components/ui/notice";
import { card, textLink } from "@/components/ui/styles";
import { getDb } from "@/db/client";
import { OUTBOX_STATUSES } from "@/db/schema";
import { getSalonDeliveryHealth, MAX_DEAD_EVENTS_SHOWN } from "@/lib/dashboard/delivery-health";
import { formatAge, formatInstant } from "@/lib/dashboard/format";
import { outboxStatusLabel } from "@/lib/dashboard/labels";
import { bookingDetailsHref, dashboardHref, deliveryHealthHref } from "@/lib/dashboard/links";
import { listOwnedSalons } from "@/lib/dashboard/owner-scope";
import { healthQuerySchema } from "@/lib/dashboard/schemas";
import { eventLabel } from "@/lib/notifications/format";
import { firstParam, type SearchParams } from "@/lib/salons/links";
import { retryDeadEventAction } from "./actions";

export const metadata: Metadata = { title: "Delivery health" };
export const dynamic = "force-dynamic";

export default async function DeliveryHealthPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const owner = await requireOwner();
  if (!owner) redirect("/sign-in?callbackUrl=/dashboard/health");
  const params = await searchParams;
  const query = healthQuerySchema.safeParse({ salon: firstParam(params, "salon") });
  if (!query.success) notFound();

  const db = await getDb();
  const salons = await listOwnedSalons(db, owner.id);
  const salonId = query.data.salon ?? salons[0]?.id;
  // Filtered by the owner in SQL: another owner's salon id is a 404.
  const health = salonId ? await getSalonDeliveryHealth(db, owner.id, salonId) : undefined;
  if (query.data.salon && !health) notFound();
  if (!health) {
    return (
      <>
        <h1 className="text-2xl font-bold tracking-tight">Delivery health</h1>
        <p className="text-stone-700">You do not own any salons yet.</p>
      </>
    );
  }

  const { salon } = health;
  const retried = firstParam(params, "retried");
  const retriedId = retried && /^\d{1,16}$/.test(retried) ? retried : undefined;

  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight">Delivery health</h1>
      <p className="text-stone-700">
        How quickly {salon.name}&apos;s booking notifications reach you and your customers.{" "}
        <Link href={dashboardHref({ salon: salon.id })} className={textLink}>
          Calendar of {salon.name}
        </Link>
      </p>
      {retriedId && (
        <div role="status">
          <Notice tone="success" title={`Event ${retriedId} is queued for delivery again.`} />
        </div>
      )}

      <SalonSwitcher selectedId={salon.id} salons={salons.map((s) => ({ ...s, href: deliveryHealthHref(s.id) }))} />

      <section aria-labelledby="status-heading" className={card}>
        <h2 id="status-heading" className="text-lg font-semibold">
          Events by status
        </h2>
        <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-5">
          {OUTBOX_STATUSES.map((status) => (
            <div key={status} className="rounded-lg border border-stone-200 p-3">
              <dt className="text-sm text-stone-700">{outboxStatusLabel(status)}</dt>
              <dd className={`text-2xl font-bold ${status === "dead" && health.counts.dead > 0 ? "text-red-800" : ""}`}>{health.counts[status]}</dd>
            </div>
          ))}
          <div className="rounded-lg border border-stone-200 p-3">
            <dt className="text-sm text-stone-700">Oldest waiting</dt>
            <dd className="text-2xl font-bold">{health.oldestPendingAgeSeconds === null ? "—" : formatAge(health.oldestPendingAgeSeconds)}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="latency-heading" className={card}>
        <h2 id="latency-heading" className="mb-3 text-lg font-semibold">
          Time from booking to delivery, last hour
        </h2>
        <LatencyChart buckets={health.latency} timeZone={salon.timeZone} />
      </section>

      <section aria-labelledby="dead-heading" className={card}>
        <h2 id="dead-heading" className="text-lg font-semibold">
          Events that gave up
        </h2>
        {health.dead.length === 0 ? (
          <p className="mt-2 text-stone-700">None. Every event was delivered or is still being tried.</p>
        ) : (
          <>
            <p className="mt-2 text-sm text-stone-700">
              After repeated failures these stopped being tried. Fix the cause (often the mail server), then retry.
              {health.counts.dead > MAX_DEAD_EVENTS_SHOWN && ` The newest ${MAX_DEAD_EVENTS_SHOWN} are shown.`}
            </p>
            <ul className="mt-3 divide-y divide-stone-200">
              {health.dead.map((event) => (
                <li key={event.id} className="space-y-1 py-3">
                  <h3 className="font-semibold">
                    {eventLabel(event.type)} · event {event.id}
                  </h3>
                  <p className="text-sm text-stone-700">
                    Recorded {formatInstant(event.createdAt, salon.timeZone)} · {event.attempts} attempts ·{" "}
                    <Link href={bookingDetailsHref(event.bookingId)} className={textLink}>
                      Booking <span className="font-mono">{event.reference || event.bookingId}</span>
                    </Link>
                  </p>
                  <p className="text-sm text-red-900">
                    Last error: <span className="font-mono break-all">{event.lastError ?? "—"}</span>
                  </p>
                  <RetryButton eventId={event.id} salonId={salon.id} action={retryDeadEventAction} />
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </>
  );
}
