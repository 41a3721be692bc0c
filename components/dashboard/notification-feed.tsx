"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import { titleWithUnread, unreadToShow } from "@/lib/dashboard/unread";
import { eventLabel, formatSlotTime } from "@/lib/notifications/format";
import { card, secondaryButton, textLink } from "@/components/ui/styles";
import { NotificationItem } from "./notification-item";
import { NotificationToast } from "./notification-toast";
import { useNotificationStream, type StreamStatus } from "./use-notification-stream";

export interface NotificationFeedProps {
  streamUrl: string;
  /** Server action: marks the owner's notifications up to an event id as read. */
  markRead: (upToEventId: number) => Promise<{ status: string }>;
  /**
   * The salon whose calendar is on the page: an event of it that arrives live re-renders the
   * page's server components (router.refresh), so the calendar shows the change without a reload.
   */
  refreshOnSalonId?: string;
  /** The owner's unread count when the page was rendered: shown until the stream has caught up. */
  initialUnread?: number;
}

// Events often come in bursts (a relay batch); one refresh covers a burst.
const REFRESH_COALESCE_MS = 150;

const STATUS_TEXT: Record<StreamStatus, string> = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Connection lost — reconnecting…",
  signed_out: "Updates stopped: your session has ended.",
};

/** The owner's live feed of bookings, moves and cancellations across all their salons. */
export function NotificationFeed({ streamUrl, markRead, refreshOnSalonId, initialUnread = 0 }: NotificationFeedProps) {
  const router = useRouter();
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (refreshTimer.current) clearTimeout(refreshTimer.current);
  }, []);
  const onLive = useCallback(
    (item: { salonId?: string }) => {
      if (!refreshOnSalonId || item.salonId !== refreshOnSalonId || refreshTimer.current) return;
      refreshTimer.current = setTimeout(() => {
        refreshTimer.current = null;
        router.refresh();
      }, REFRESH_COALESCE_MS);
    },
    [refreshOnSalonId, router],
  );
  const { items, status, latestLive, backlogUnread, markReadUpTo } = useNotificationStream(streamUrl, { onLive });
  const [pending, startTransition] = useTransition();
  const [markError, setMarkError] = useState(false);
  const [allMarkedRead, setAllMarkedRead] = useState(false);
  const [dismissedToast, setDismissedToast] = useState<number | null>(null);
  // The count the page was first rendered with: a later re-render (router.refresh after a live
  // event) brings a newer count that already includes what the feed has loaded since.
  const [renderedUnread] = useState(initialUnread);
  const loadedUnread = items.filter((item) => !item.read).length;
  const unread = unreadToShow({ initialUnread: renderedUnread, backlogUnread, loadedUnread, allMarkedRead });

  // The tab's title carries the count, so a booking is noticed from another tab or window.
  useEffect(() => {
    document.title = titleWithUnread(document.title, unread);
  }, [unread]);
  useEffect(() => () => {
    document.title = titleWithUnread(document.title, 0);
  }, []);

  const markAllRead = () => {
    const upTo = items[0]?.id;
    if (upTo === undefined) return;
    startTransition(async () => {
      const result = await markRead(upTo);
      setMarkError(result.status !== "ok");
      if (result.status === "ok") {
        markReadUpTo(upTo);
        setAllMarkedRead(true);
        // The calendar's "New" marks come from the server: they go with a fresh render.
        router.refresh();
      }
    });
  };

  const toast = latestLive && latestLive.id !== dismissedToast ? latestLive : null;

  return (
    <section aria-labelledby="feed-heading" className={card} id="live-bookings">
      {toast && <NotificationToast item={toast} onDismiss={() => setDismissedToast(toast.id)} />}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="feed-heading" className="text-lg font-semibold">
          Live bookings{" "}
          <span className="ml-1 rounded-full bg-teal-800 px-2 py-0.5 text-sm text-white" data-testid="unread-count">
            {unread} unread
          </span>
        </h2>
        <button type="button" onClick={markAllRead} disabled={pending || unread === 0} className={secondaryButton}>
          Mark all as read
        </button>
      </div>

      <p role="status" className="mt-2 text-sm text-stone-700" data-testid="feed-status">
        <span
          aria-hidden="true"
          className={`mr-1.5 inline-block h-2 w-2 rounded-full ${status === "live" ? "bg-emerald-600" : "bg-amber-500"}`}
        />
        {STATUS_TEXT[status]}
        {status === "signed_out" && (
          <>
            {" "}
            <a href="/sign-in?callbackUrl=/dashboard" className={textLink}>
              Sign in again
            </a>
          </>
        )}
        {markError && " Marking as read failed; please try again."}
      </p>

      {/* Announces each booking that arrives live, not the backlog loaded on connect. */}
      <p aria-live="polite" className="sr-only">
        {latestLive
          ? `${eventLabel(latestLive.type)}: ${latestLive.customerName}, ${formatSlotTime(latestLive.startLocal, latestLive.timeZone, latestLive.locale)}, ${latestLive.salonName}`
          : ""}
      </p>

      {items.length === 0 ? (
        <p className="mt-4 text-stone-700">{status === "live" ? "No bookings yet. New ones appear here as they are made." : ""}</p>
      ) : (
        <ol aria-label="Booking notifications, newest first" className="mt-4 divide-y divide-stone-200">
          {items.map((item) => (
            <li key={item.id} className="py-3">
              <NotificationItem item={item} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
