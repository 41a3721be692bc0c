import { and, asc, desc, eq, gt, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { resultRows } from "@/db/rows";
import { bookings, outbox, ownerNotifications, salons } from "@/db/schema";
import { formatLocal } from "@/lib/availability/wall-clock";
import type { BookingEventPayload } from "@/lib/booking/events";

// The owner's dashboard feed. Every query filters by the owner on the notification AND by the
// salon still belonging to that owner, so a salon handed to someone else drops out of the feed.

export interface NotificationRow {
  eventId: number;
  salonId: string;
  bookingId: string;
  eventType: string;
  payload: BookingEventPayload;
  createdAt: Date;
  readAt: Date | null;
  /** The salon's locale (BCP 47), read from its row: how the feed writes the booking's time. */
  locale: string;
  /**
   * The booking as it is NOW (the payload is the event's own, possibly stale, time), so the feed
   * can say "moved to …" or "cancelled" on older entries. Null if the booking row is gone.
   */
  current: { status: string; start: string; startLocal: string } | null;
}

/** The columns every feed query reads: the notification, and its booking's current state. */
const notificationColumns = {
  eventId: ownerNotifications.eventId,
  salonId: ownerNotifications.salonId,
  bookingId: ownerNotifications.bookingId,
  eventType: ownerNotifications.eventType,
  payload: ownerNotifications.payload,
  createdAt: ownerNotifications.createdAt,
  readAt: ownerNotifications.readAt,
  timeZone: salons.timeZone,
  locale: salons.locale,
  currentStatus: bookings.status,
  currentStart: bookings.startsAt,
};

interface NotificationSelection extends Omit<NotificationRow, "payload" | "current"> {
  payload: unknown;
  timeZone: string;
  /** Null (left join) when the booking row is gone. */
  currentStatus: string | null;
  currentStart: Date | null;
}

function toNotificationRow({ timeZone, currentStatus, currentStart, ...row }: NotificationSelection): NotificationRow {
  return {
    ...row,
    payload: row.payload as BookingEventPayload,
    current:
      currentStatus && currentStart
        ? { status: currentStatus, start: currentStart.toISOString(), startLocal: formatLocal(currentStart, timeZone) }
        : null,
  };
}

export const MAX_NOTIFICATION_PAGE = 500;

const ownedBy = (ownerId: string) =>
  and(eq(ownerNotifications.ownerId, ownerId), eq(salons.ownerId, ownerId));

const clampLimit = (limit: number) => Math.max(1, Math.min(MAX_NOTIFICATION_PAGE, Math.floor(limit) || 1));

// The owner scope lives with the dashboard's other owner checks; the feed uses the same one.
export { ownedSalonIds } from "@/lib/dashboard/owner-scope";

/**
 * The owner's notifications in event id order: those after `afterEventId`, or without it the
 * latest `limit` (still returned oldest first, the order a feed receives them in).
 */
export async function listNotificationsForOwner(
  db: Database,
  ownerId: string,
  options: { afterEventId?: number; limit: number },
): Promise<NotificationRow[]> {
  const limit = clampLimit(options.limit);
  const base = db
    .select(notificationColumns)
    .from(ownerNotifications)
    .innerJoin(salons, eq(salons.id, ownerNotifications.salonId))
    .leftJoin(bookings, eq(bookings.id, ownerNotifications.bookingId));
  if (options.afterEventId === undefined) {
    const latest = await base.where(ownedBy(ownerId)).orderBy(desc(ownerNotifications.eventId)).limit(limit);
    return latest.map(toNotificationRow).reverse();
  }
  const rows = await base
    .where(and(ownedBy(ownerId), gt(ownerNotifications.eventId, options.afterEventId)))
    .orderBy(asc(ownerNotifications.eventId))
    .limit(limit);
  return rows.map(toNotificationRow);
}

/** Just the event ids after `afterEventId`: cheap, so a stream can skip what it already sent. */
export async function listNotificationIdsForOwner(
  db: Database,
  ownerId: string,
  options: { afterEventId: number; limit: number },
): Promise<number[]> {
  const rows = await db
    .select({ eventId: ownerNotifications.eventId })
    .from(ownerNotifications)
    .innerJoin(salons, eq(salons.id, ownerNotifications.salonId))
    .where(and(ownedBy(ownerId), gt(ownerNotifications.eventId, options.afterEventId)))
    .orderBy(asc(ownerNotifications.eventId))
    .limit(Math.max(1, Math.floor(options.limit)));
  return rows.map((r) => Number(r.eventId));
}

/** The owner's notifications with these event ids, in id order; ids of other owners are ignored. */
export async function getNotificationsForOwner(db: Database, ownerId: string, eventIds: number[]): Promise<NotificationRow[]> {
  if (eventIds.length === 0) return [];
  const rows = await db
    .select(notificationColumns)
    .from(ownerNotifications)
    .innerJoin(salons, eq(salons.id, ownerNotifications.salonId))
    .leftJoin(bookings, eq(bookings.id, ownerNotifications.bookingId))
    .where(and(ownedBy(ownerId), inArray(ownerNotifications.eventId, eventIds)))
    .orderBy(asc(ownerNotifications.eventId));
  return rows.map(toNotificationRow);
}

/**
 * The lowest id among the owner's events that may still reach the dashboard and have no
 * notification yet: due events not yet fanned out, and dashboard deliveries still open (waiting
 * behind an earlier event of their booking, or for a retry). Its notification may land after later
 * events' ones, so a live feed must look back to it. Events scheduled for later do not count.
 */
export async function oldestUndeliveredEventId(db: Database, ownerId: string): Promise<number | null> {
  const owned = sql`(select ${salons.id} from ${salons} where ${salons.ownerId} = ${ownerId}::uuid)`;
  const result = await db.execute(sql`
    select min(id) as id from (
      -- Written as outbox_due_idx's predicate (queued) so only undelivered rows are read.
      select o.id from ${outbox} o
      where o.queued and o.next_attempt_at <= now() and o.salon_id in ${owned}
        and not exists (select 1 from ${ownerNotifications} n where n.event_id = o.id)
      union all
      select d.event_id from deliveries d
      where d.open and d.channel = 'dashboard' and d.salon_id in ${owned}
    ) as undelivered
  `);
  const [row] = resultRows<{ id: string | number | null }>(result);
  return row?.id === null || row?.id === undefined ? null : Number(row.id);
}

/** Marks the owner's notifications up to an event id as read; returns how many changed. */
export async function markNotificationsRead(
  db: Database,
  ownerId: string,
  upToEventId: number,
  now: Date = new Date(),
): Promise<number> {
  const changed = await db
    .update(ownerNotifications)
    .set({ readAt: now })
    .where(
      and(
        eq(ownerNotifications.ownerId, ownerId),
        lte(ownerNotifications.eventId, upToEventId),
        isNull(ownerNotifications.readAt),
        inArray(ownerNotifications.salonId, db.select({ id: salons.id }).from(salons).where(eq(salons.ownerId, ownerId))),
      ),
    )
    .returning({ eventId: ownerNotifications.eventId });
  return changed.length;
}

/**
 * How many of the owner's notifications are unread: the dashboard renders it, so the count is
 * right before its live stream has connected.
 */
export async function countUnreadForOwner(db: Database, ownerId: string): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(ownerNotifications)
    .innerJoin(salons, eq(salons.id, ownerNotifications.salonId))
    .where(and(ownedBy(ownerId), isNull(ownerNotifications.readAt)));
  return Number(row?.count ?? 0);
}
