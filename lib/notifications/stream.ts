import type { Database } from "@/db/client";
import type { SalonSignalSource } from "./hub";
import {
  getNotificationsForOwner,
  listNotificationIdsForOwner,
  listNotificationsForOwner,
  oldestUndeliveredEventId,
  ownedSalonIds,
  type NotificationRow,
} from "./queries";
import { toDashboardNotification } from "./view";
import { errorFields, log } from "@/lib/log";

// The body of the dashboard's Server-Sent Events stream, free of Next.js so it can be tested.
// The caller has already checked the session; everything here is scoped to `ownerId`.

export interface NotificationStreamOptions {
  ownerId: string;
  /** From Last-Event-ID (or ?after=): send what came after it. Absent: the latest `backlog`. */
  lastEventId?: number;
  signal: AbortSignal;
  signals: SalonSignalSource;
  backlog?: number;
  keepAliveMs?: number;
  /** Reconnect delay the browser is told to use. */
  retryMs?: number;
  /** Poll interval when the signal subscription could not be made. */
  fallbackPollMs?: number;
  /** How far back in time to look for notifications that committed out of id order. */
  lookbackMs?: number;
  /** The stream ends after this long; the browser reconnects and the session is checked again. */
  maxAgeMs?: number;
}

const encoder = new TextEncoder();
const ID_PAGE = 1000;
const ROW_PAGE = 200;

/** One SSE message; data is one line of JSON, so it never needs splitting. */
export function formatSseEvent(event: { id?: number | string; event?: string; data: unknown }): string {
  let out = "";
  if (event.id !== undefined) out += `id: ${event.id}\n`;
  if (event.event) out += `event: ${event.event}\n`;
  return `${out}data: ${JSON.stringify(event.data)}\n\n`;
}

/**
 * Streams an owner's notifications: the backlog first, then new ones as salon signals arrive.
 *
 * Event ids are outbox ids, assigned when a booking's transaction starts and delivered by relays
 * that retry and run in parallel, so a notification can commit after one with a higher id. A
 * plain "id > last sent" cursor would skip it for good. The stream therefore reads from a lower
 * floor — below the oldest event still being delivered (now and at the drain before), and no
 * higher than the cursor was `lookbackMs` ago (a booking transaction that took an id but had not
 * committed yet is invisible to that query) — and skips the ids it has already sent.
 */
export function createNotificationStream(db: Database, options: NotificationStreamOptions): ReadableStream<Uint8Array> {
  const { ownerId, signal } = options;
  const keepAliveMs = options.keepAliveMs ?? 15_000;
  const lookbackMs = options.lookbackMs ?? 10_000;

  let closed = false;
  let controllerRef: ReadableStreamDefaultController<Uint8Array> | null = null;
  const cleanups: (() => void)[] = [];
  const sent = new Set<number>();
  let cursor = options.lastEventId ?? 0;
  // Samples of the stream's "safe floor" (everything at or below it was sent or will never come).
  const floorHistory: { at: number; floor: number }[] = [{ at: Date.now(), floor: cursor }];
  let salonIds = new Set<string>();
  let draining = false;
  let drainAgain = false;

  const write = (chunk: string) => {
    if (closed || !controllerRef) return;
    try {
      controllerRef.enqueue(encoder.encode(chunk));
    } catch {
      close();
    }
  };

  const close = () => {
    if (closed) return;
    closed = true;
    for (const cleanup of cleanups.splice(0)) cleanup();
    try {
      controllerRef?.close();
    } catch {
      // already closed or errored by the consumer
    }
  };

  const laggingFloor = (now: number) => {
    // The newest sample at least lookbackMs old; samples older than it are no longer needed.
    let index = 0;
    for (let i = 0; i < floorHistory.length; i++) if (now - floorHistory[i].at >= lookbackMs) index = i;
    floorHistory.splice(0, index);
    return floorHistory[0].floor;
  };

  const send = (rows: NotificationRow[]) => {
    for (const row of rows) {
      const id = Number(row.eventId);
      if (sent.has(id)) continue;
      sent.add(id);
      cursor = Math.max(cursor, id);
      write(formatSseEvent({ id, event: "notification", data: toDashboardNotification(row) }));
    }
  };

  const drainOnce = async () => {
    const now = Date.now();
    const oldest = await oldestUndeliveredEventId(db, ownerId);
    const held = oldest === null ? Infinity : oldest - 1;
    // The earlier samples matter too: an event still undelivered at the last drain may have
    // landed since, with an id below the cursor, and no longer shows up as undelivered now.
    let floor = Math.min(cursor, held, laggingFloor(now));
    for (const id of sent) if (id <= floor) sent.delete(id);
    for (;;) {
      const ids = await listNotificationIdsForOwner(db, ownerId, { afterEventId: floor, limit: ID_PAGE });
      const fresh = ids.filter((id) => !sent.has(id));
      for (let i = 0; i < fresh.length && !closed; i += ROW_PAGE) {
        send(await getNotificationsForOwner(db, ownerId, fresh.slice(i, i + ROW_PAGE)));
      }
      if (ids.length < ID_PAGE || closed) break;
      floor = ids[ids.length - 1];
    }
    floorHistory.push({ at: now, floor: Math.min(cursor, held) });
  };

  // Signals coalesce: while one drain runs, any number of new signals cause one more.
  const drain = async () => {
    if (closed) return;
    if (draining) {
      drainAgain = true;
      return;
    }
    draining = true;
    try {
      do {
        drainAgain = false;
        await drainOnce();
      } while (drainAgain && !closed);
    } catch (error) {
      log.error("dashboard stream read failed", { ownerId, ...errorFields(error) });
    } finally {
      draining = false;
    }
  };

  const refreshSalons = async () => {
    salonIds = new Set(await ownedSalonIds(db, ownerId));
  };

  const start = async () => {
    write(`retry: ${options.retryMs ?? 3000}\n\n`);
    // Subscribe before reading the backlog, so nothing committed in between is missed.
    let pollMs = keepAliveMs;
    try {
      const unsubscribe = await options.signals.subscribe((salonId) => {
        if (salonIds.has(salonId)) void drain();
      });
      if (closed) unsubscribe();
      else cleanups.push(unsubscribe);
    } catch (error) {
      pollMs = options.fallbackPollMs ?? 2000;
      log.error("dashboard signals unavailable; polling", errorFields(error));
    }
    await refreshSalons();
    if (options.lastEventId === undefined) {
      send(await listNotificationsForOwner(db, ownerId, { limit: options.backlog ?? 50 }));
      floorHistory.splice(0, floorHistory.length, { at: Date.now(), floor: cursor });
    }
    await drain();
    if (closed) return;
    write(formatSseEvent({ event: "ready", data: { lastEventId: cursor } }));

    const keepAlive = setInterval(() => write(": keep-alive\n\n"), keepAliveMs);
    // The safety net for a lost signal, and how salons created after connecting join the stream.
    const poll = setInterval(() => void refreshSalons().then(drain, () => {}), pollMs);
    cleanups.push(() => clearInterval(keepAlive), () => clearInterval(poll));
    if (options.maxAgeMs) {
      const maxAge = setTimeout(close, options.maxAgeMs);
      cleanups.push(() => clearTimeout(maxAge));
    }
  };

  return new ReadableStream<Uint8Array>({
    start(controller) {
      controllerRef = controller;
      if (signal.aborted) return close();
      signal.addEventListener("abort", close, { once: true });
      cleanups.push(() => signal.removeEventListener("abort", close));
      start().catch((error) => {
        log.error("dashboard stream failed to start", { ownerId, ...errorFields(error) });
        close();
      });
    },
    cancel() {
      close();
    },
  });
}
