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
import { getSalonDeliveryHealth, MAX_GIVEN_UP_SHOWN, type SalonDeliveryHealth } from "@/lib/dashboard/delivery-health";
import { channelHeading, channelNoun, channelTitle, givenUpReason, maskAddress, waitingReason } from "@/lib/dashboard/delivery-words";
import { formatAge, formatInstant } from "@/lib/dashboard/format";
import { bookingDetailsHref, dashboardHref, deliveryHealthHref } from "@/lib/dashboard/links";
import { listOwnedSalons } from "@/lib/dashboard/owner-scope";
import { healthQuerySchema } from "@/lib/dashboard/schemas";
import { eventLabel } from "@/lib/notifications/format";
import { getRuntime } from "@/lib/runtime";
import { firstParam, type SearchParams } from "@/lib/salons/links";
import { retryDeliveryAction } from "./actions";

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
  const health = salonId ? await getSalonDeliveryHealth(db, owner.id, salonId, { channels: getRuntime().channelNames }) : undefined;
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

  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight">Delivery health</h1>
      <p className="text-stone-700">
        How {salon.name}&apos;s booking messages — emails to you, emails to customers and your dashboard — are getting out.{" "}
        <Link href={dashboardHref({ salon: salon.id })} className={textLink}>
          Calendar of {salon.name}
        </Link>
      </p>
      {retried && /^\d{1,16}-[a-z-]{1,30}$/.test(retried) && (
        <div role="status">
          <Notice tone="success" title="The message is being sent again." />
        </div>
      )}

      <SalonSwitcher selectedId={salon.id} salons={salons.map((s) => ({ ...s, href: deliveryHealthHref(s.id) }))} />

      <RightNow health={health} />
      <GivenUp health={health} />

      <section aria-labelledby="latency-heading" className={card}>
        <details>
          <summary className="cursor-pointer">
            <h2 id="latency-heading" className="inline text-lg font-semibold">
              How fast messages went out, last hour
            </h2>
          </summary>
          <div className="mt-3">
            <LatencyChart buckets={health.latency} timeZone={salon.timeZone} locale={salon.locale} />
          </div>
        </details>
      </section>
    </>
  );
}

/** What is going on now, in sentences; the counts per channel one click away. */
function RightNow({ health }: { health: SalonDeliveryHealth }) {
  const { stats } = health;
  const reasons = new Map(health.waitingReasons.map((w) => [w.channel, w.lastError]));
  const lines: { text: string; tone: "warn" | "info" }[] = [];
  const busy = stats.channels.filter((c) => c.waiting + c.retrying + c.inFlight + c.givenUp > 0);
  if (stats.events.waiting > 0) {
    lines.push({ text: `${stats.events.waiting} new ${stats.events.waiting === 1 ? "booking change is" : "booking changes are"} being sent out.`, tone: "info" });
  }
  for (const c of stats.channels) {
    const waiting = c.waiting + c.retrying + c.inFlight;
    if (waiting === 0) continue;
    const reason = c.retrying > 0 ? waitingReason(reasons.get(c.channel) ?? null) : "going out now";
    const age = c.oldestWaitingAgeSeconds !== null && c.oldestWaitingAgeSeconds >= 60 ? ` The oldest has waited ${formatAge(c.oldestWaitingAgeSeconds)}.` : "";
    lines.push({ text: `${waiting} ${channelNoun(c.channel, waiting)} waiting: ${reason}.${age}`, tone: c.retrying > 0 ? "warn" : "info" });
  }
  for (const c of stats.channels) {
    if (c.givenUp > 0) lines.push({ text: `${c.givenUp} ${channelNoun(c.channel, c.givenUp)} could not be delivered (listed below).`, tone: "warn" });
  }
  // Scheduled messages (reminders, day sheets) are not late: they are said after the rest, and
  // "nothing is waiting" stays true beside them.
  if (lines.length === 0) lines.push({ text: "Everything has gone out. Nothing is waiting.", tone: "info" });
  if (stats.events.scheduled > 0) {
    lines.push({ text: `${stats.events.scheduled} ${stats.events.scheduled === 1 ? "message is" : "messages are"} scheduled for later (such as reminders).`, tone: "info" });
  }

  return (
    <section aria-labelledby="now-heading" className={card}>
      <h2 id="now-heading" className="text-lg font-semibold">
        Right now
      </h2>
      <ul className="mt-2 space-y-1">
        {lines.map((line) => (
          <li key={line.text} className={line.tone === "warn" ? "text-amber-900" : "text-stone-800"}>
            {line.text}
          </li>
        ))}
      </ul>
      <details className="mt-3">
        <summary className="cursor-pointer text-sm text-stone-700">Technical detail</summary>
        {/* Only the channels with something to count: a table of zeros says nothing. */}
        {busy.length === 0 ? (
          <p className="mt-2 text-sm text-stone-700">No delivery is waiting, being retried or given up on any channel.</p>
        ) : (
          <table className="mt-2 w-full text-left text-sm">
            <caption className="sr-only">Deliveries per channel</caption>
            <thead>
              <tr className="border-b border-stone-200">
                <th scope="col" className="py-1 pr-2 font-medium">Channel</th>
                <th scope="col" className="py-1 pr-2 font-medium">Waiting</th>
                <th scope="col" className="py-1 pr-2 font-medium">Retrying</th>
                <th scope="col" className="py-1 pr-2 font-medium">Sending</th>
                <th scope="col" className="py-1 pr-2 font-medium">Gave up</th>
                <th scope="col" className="py-1 font-medium">Oldest waiting</th>
              </tr>
            </thead>
            <tbody>
              {busy.map((c) => (
                <tr key={c.channel} className="border-b border-stone-100">
                  <th scope="row" className="py-1 pr-2 font-normal">
                    {channelHeading(c.channel)} <span className="font-mono text-xs text-stone-600">({c.channel})</span>
                  </th>
                  <td className="py-1 pr-2">{c.waiting}</td>
                  <td className="py-1 pr-2">{c.retrying}</td>
                  <td className="py-1 pr-2">{c.inFlight}</td>
                  <td className="py-1 pr-2">{c.givenUp}</td>
                  <td className="py-1">{c.oldestWaitingAgeSeconds === null ? "—" : formatAge(c.oldestWaitingAgeSeconds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="mt-2 text-sm text-stone-700">
          Events: {stats.events.waiting} waiting to be sent out, {stats.events.delivering} partly delivered, {stats.events.scheduled} scheduled.
        </p>
      </details>
    </section>
  );
}

function GivenUp({ health }: { health: SalonDeliveryHealth }) {
  const { salon, givenUp } = health;
  const total = health.stats.channels.reduce((n, c) => n + c.givenUp, 0);
  return (
    <section aria-labelledby="given-up-heading" className={card}>
      <h2 id="given-up-heading" className="text-lg font-semibold">
        Messages that could not be delivered
      </h2>
      {givenUp.length === 0 ? (
        <p className="mt-2 text-stone-700">None. Every message was delivered or is still being tried.</p>
      ) : (
        <>
          <p className="mt-2 text-sm text-stone-700">
            These stopped being tried. If the cause is fixed (an address corrected, the mail server back), send them again.
            {total > MAX_GIVEN_UP_SHOWN && ` The newest ${MAX_GIVEN_UP_SHOWN} are shown.`}
          </p>
          <ul className="mt-3 divide-y divide-stone-200">
            {givenUp.map((d) => {
              const recipient = maskAddress(d.recipient);
              const what = `${channelNoun(d.channel)} about booking ${d.reference || d.bookingId}`;
              return (
                <li key={`${d.eventId}-${d.channel}`} className="space-y-1 py-3">
                  <h3 className="font-semibold">
                    {channelTitle(d.channel)}: {eventLabel(d.eventType).toLowerCase()}
                  </h3>
                  <p className="text-sm">
                    Could not deliver{recipient ? <> to <bdi className="font-mono">{recipient}</bdi></> : null}: {givenUpReason(d.failure, d.lastError)}.{" "}
                    <Link href={bookingDetailsHref(d.bookingId)} className={textLink}>
                      Booking <span className="font-mono">{d.reference || d.bookingId}</span>
                    </Link>
                  </p>
                  <details className="text-sm text-stone-700">
                    <summary className="cursor-pointer">Technical detail</summary>
                    <p>
                      Event {d.eventId} · channel <span className="font-mono">{d.channel}</span> · {d.attempts} tries · gave up{" "}
                      {formatInstant(d.gaveUpAt, salon.timeZone, salon.locale)}
                    </p>
                    <p className="font-mono break-all">{d.lastError ?? "—"}</p>
                  </details>
                  <RetryButton eventId={d.eventId} channel={d.channel} salonId={salon.id} label={what} action={retryDeliveryAction} />
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
