// The dashboard's unread count, before and after its live stream has caught up. The page renders
// the owner's count from the database; the stream then sends a backlog (the latest few) and live
// events. Until the backlog is in, the rendered count is the truth; after it, what the backlog
// could not hold (older unread notifications) still counts until the owner marks all as read.

export interface UnreadInputs {
  /** The count the server rendered the page with. */
  initialUnread: number;
  /** Unread notifications in the stream's first backlog, or null while it is still arriving. */
  backlogUnread: number | null;
  /** Unread notifications the feed now holds (backlog and live). */
  loadedUnread: number;
  /** The owner has marked everything read since the page was rendered. */
  allMarkedRead: boolean;
}

export function unreadToShow({ initialUnread, backlogUnread, loadedUnread, allMarkedRead }: UnreadInputs): number {
  if (backlogUnread === null) return allMarkedRead ? loadedUnread : Math.max(initialUnread, loadedUnread);
  const beyondBacklog = allMarkedRead ? 0 : Math.max(0, initialUnread - backlogUnread);
  return beyondBacklog + loadedUnread;
}

/** "(3) Dashboard · Salon booking"; no count when nothing is unread. Any earlier count is replaced. */
export function titleWithUnread(title: string, unread: number): string {
  const base = title.replace(/^\(\d+\+?\)\s*/, "");
  return unread > 0 ? `(${unread > 99 ? "99+" : unread}) ${base}` : base;
}
