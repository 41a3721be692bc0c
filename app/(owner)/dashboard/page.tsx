import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { requireOwner } from "@/auth";
import { AgendaList } from "@/components/dashboard/agenda-list";
import { CalendarToolbar } from "@/components/dashboard/calendar-toolbar";
import { DayCalendar } from "@/components/dashboard/day-calendar";
import { NotificationFeed } from "@/components/dashboard/notification-feed";
import { SalonSwitcher } from "@/components/dashboard/salon-switcher";
import { WeekCalendar } from "@/components/dashboard/week-calendar";
import { Notice } from "@/components/ui/notice";
import { card, primaryButton, textLink } from "@/components/ui/styles";
import { getDb } from "@/db/client";
import { zoneNameOnDate } from "@/lib/salons/format";
import { firstParam, type SearchParams } from "@/lib/salons/links";
import { getSalonReadiness } from "@/lib/salons/settings";
import { loadSalonCalendar } from "@/lib/dashboard/calendar";
import { formatDateRange, formatDayLong } from "@/lib/dashboard/format";
import { dayGridStarts } from "@/lib/dashboard/drag-move";
import { dashboardHref, deliveryHealthHref, newBookingHref } from "@/lib/dashboard/links";
import { listOwnedSalons } from "@/lib/dashboard/owner-scope";
import { titleWithUnread } from "@/lib/dashboard/unread";
import { countUnreadForOwner } from "@/lib/notifications/queries";
import { dashboardQuerySchema } from "@/lib/dashboard/schemas";
import { markNotificationsReadAction } from "./actions";
import { moveBookingAction } from "./bookings/[bookingId]/actions";

// The owner's unread count, read once per request by both the title and the page.
const unreadFor = cache(async (ownerId: string) => countUnreadForOwner(await getDb(), ownerId));

/** "(3) Dashboard": the count is in the title from the first byte; the feed keeps it current. */
export async function generateMetadata(): Promise<Metadata> {
  const owner = await requireOwner();
  return { title: titleWithUnread("Dashboard", owner ? await unreadFor(owner.id) : 0) };
}
export const dynamic = "force-dynamic";

export default async function DashboardPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const owner = await requireOwner();
  if (!owner) redirect("/sign-in?callbackUrl=/dashboard");

  const params = await searchParams;
  const query = dashboardQuerySchema.safeParse({
    salon: firstParam(params, "salon"),
    view: firstParam(params, "view"),
    date: firstParam(params, "date"),
  });
  // A URL the dashboard never makes (not a uuid, not a date): nothing to show.
  if (!query.success) notFound();

  const db = await getDb();
  const salons = await listOwnedSalons(db, owner.id);
  const salonId = query.data.salon ?? salons[0]?.id;
  // loadSalonCalendar filters by the owner itself: another owner's salon id is simply not found.
  const [calendar, unread, readiness] = await Promise.all([
    salonId ? loadSalonCalendar(db, owner.id, { salonId, view: query.data.view, date: query.data.date }) : undefined,
    unreadFor(owner.id),
    salonId ? getSalonReadiness(db, owner.id, salonId) : null,
  ]);
  if (query.data.salon && !calendar) notFound();

  const feed = (
    <NotificationFeed
      streamUrl="/api/dashboard/stream"
      markRead={markNotificationsReadAction}
      refreshOnSalonId={calendar?.salon.id}
      initialUnread={unread}
    />
  );

  if (!calendar) {
    return (
      <>
        <h1 className="text-2xl font-bold tracking-tight">Dashboard</h1>
        <section aria-labelledby="salons-heading" className={card}>
          <h2 id="salons-heading" className="text-lg font-semibold">
            Your salons
          </h2>
          <p className="mt-2 text-stone-700">You do not own any salons yet.</p>
          <Link href="/salons/new" className={`${primaryButton} mt-4`}>
            Create a salon
          </Link>
        </section>
        {feed}
      </>
    );
  }

  const { salon, view, date } = calendar;
  const title =
    view === "day"
      ? `${formatDayLong(date, salon.locale)}${date === calendar.today ? " (today)" : ""}`
      : `Week of ${formatDateRange(calendar.days[0], calendar.days[6], salon.locale)}`;
  const at = (q: { view?: "day" | "week"; date?: string }) => dashboardHref({ salon: salon.id, view: q.view ?? view, date: q.date });

  const dayHref = (d: string) => at({ view: "day", date: d });
  // From 1024 px the feed is a column beside the calendar, so new bookings are on the first
  // screen; below that it follows the calendar (the title carries the unread count).
  return (
    <div data-wide-page className="space-y-6 lg:grid lg:grid-cols-[minmax(0,1fr)_22rem] lg:items-start lg:gap-6 lg:space-y-0">
      <div className="min-w-0 space-y-6">
        <h1 className="sr-only sm:not-sr-only sm:text-2xl sm:font-bold sm:tracking-tight">Dashboard</h1>

        <SalonSwitcher
          selectedId={salon.id}
          salons={salons.map((s) => ({ ...s, href: dashboardHref({ salon: s.id, view, date: query.data.date }) }))}
        />

        <section aria-labelledby="calendar-heading" className={`${card} min-w-0 space-y-3 p-3 sm:space-y-4`}>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p className="text-xs font-medium text-stone-700 sm:text-sm">
              {salon.name} · times in {zoneNameOnDate(salon.timeZone, date)} ({salon.timeZone})
            </p>
            <Link href={newBookingHref(salon.id, date)} className={primaryButton}>
              Add booking
            </Link>
          </div>
          {readiness && !readiness.publishedAt && (
            <Notice tone="warning" title="Not published: customers cannot see or book this salon yet.">
              <Link href={`/salons/${salon.id}/settings`} className={textLink}>
                Finish setting it up and publish it
              </Link>
            </Notice>
          )}
          <CalendarToolbar
            salonId={salon.id}
            view={view}
            date={date}
            title={title}
            hrefs={{
              previous: at({ date: calendar.previous }),
              today: at({}),
              next: at({ date: calendar.next }),
              day: at({ view: "day", date }),
              week: at({ view: "week", date }),
            }}
          />
          {/* A phone gets the agenda (every booking, scrolling down); wider screens the columns or the table. */}
          <div className="sm:hidden">
            <AgendaList calendar={calendar} dayHref={dayHref} />
          </div>
          <div className="hidden sm:block">
            {view === "day" ? (
              <DayCalendar
                calendar={calendar}
                drag={{ move: moveBookingAction, grid: dayGridStarts(date, calendar.dayRange, salon.timeZone), returnTo: at({ date }) }}
              />
            ) : (
              <WeekCalendar calendar={calendar} dayHref={dayHref} />
            )}
          </div>
          <p className="text-sm">
            <Link href={deliveryHealthHref(salon.id)} className={textLink}>
              Delivery health of {salon.name}
            </Link>
          </p>
        </section>
      </div>

      {feed}
    </div>
  );
}
