"use client";

import { useEffect, useEffectEvent, useState } from "react";
import type { DashboardNotification } from "@/lib/notifications/view";

export type StreamStatus = "connecting" | "live" | "reconnecting" | "signed_out";

export interface NotificationStreamState {
  /** Newest first, one entry per event id however often the server sends it. */
  items: DashboardNotification[];
  status: StreamStatus;
  /** The latest notification that arrived live (after the backlog), for the screen-reader announcement. */
  latestLive: DashboardNotification | null;
  /** How many of the first backlog's notifications were unread, once it has arrived (null before). */
  backlogUnread: number | null;
}

/**
 * Follows the dashboard's SSE stream. EventSource reconnects by itself and sends Last-Event-ID,
 * so the server resumes where the feed left off; a resumed stream may repeat an id, which the
 * feed keys away.
 */
export function useNotificationStream(
  url: string,
  options: { onLive?: (item: DashboardNotification) => void } = {},
): NotificationStreamState & {
  markReadUpTo(id: number): void;
} {
  // An effect event, so a new callback each render does not reopen the stream.
  const onLive = useEffectEvent((item: DashboardNotification) => options.onLive?.(item));
  const [byId, setById] = useState<Map<number, DashboardNotification>>(() => new Map());
  const [status, setStatus] = useState<StreamStatus>("connecting");
  const [latestLive, setLatestLive] = useState<DashboardNotification | null>(null);
  const [backlogUnread, setBacklogUnread] = useState<number | null>(null);

  useEffect(() => {
    const source = new EventSource(url);
    let backlogDone = false;
    const unreadInBacklog = new Set<number>();

    source.addEventListener("notification", (event) => {
      let item: DashboardNotification;
      try {
        item = JSON.parse((event as MessageEvent<string>).data) as DashboardNotification;
      } catch {
        return;
      }
      setById((previous) => {
        if (previous.has(item.id)) return previous;
        const next = new Map(previous);
        next.set(item.id, item);
        return next;
      });
      if (backlogDone) {
        setLatestLive(item);
        onLive(item);
      } else if (!item.read) {
        unreadInBacklog.add(item.id);
      }
    });
    source.addEventListener("ready", () => {
      if (!backlogDone) setBacklogUnread(unreadInBacklog.size);
      backlogDone = true;
      setStatus("live");
    });
    source.addEventListener("error", () => {
      // CLOSED means the browser gave up: the server refused the stream (401 after the session ended).
      setStatus(source.readyState === EventSource.CLOSED ? "signed_out" : "reconnecting");
    });
    return () => source.close();
  }, [url]);

  const items = [...byId.values()].sort((a, b) => b.id - a.id);
  return {
    items,
    status,
    latestLive,
    backlogUnread,
    markReadUpTo(id: number) {
      setById((previous) => {
        const next = new Map(previous);
        for (const [key, item] of next) if (key <= id && !item.read) next.set(key, { ...item, read: true });
        return next;
      });
    },
  };
}
