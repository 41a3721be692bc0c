import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishSalonSignals, subscribeToSalonSignals } from "@/lib/notifications/signals";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture, type SalonFixture } from "@/lib/testing/fixtures";
import { createSalonSignalHub, type SalonSignalHub } from "./hub";
import { createNotificationStream, type NotificationStreamOptions } from "./stream";
import { deliverNotification, insertNotificationFor, insertOutboxEvent } from "./test-helpers";
import type { DashboardNotification } from "./view";

let db: TestDatabase;
let hub: SalonSignalHub;

beforeAll(async () => {
  db = await createTestDatabase();
  // The real LISTEN/NOTIFY path of whichever database runs the tests.
  hub = createSalonSignalHub((onSignal) => subscribeToSalonSignals(db, onSignal));
});
afterAll(async () => {
  await hub?.close();
  await db?.dispose();
});

interface SseMessage {
  id?: string;
  event: string;
  data?: unknown;
  comment?: string;
  retry?: number;
}

/** Reads a text/event-stream the way EventSource does, one parsed message at a time. */
function openStream(options: Partial<NotificationStreamOptions> & { ownerId: string }) {
  const abort = new AbortController();
  const stream = createNotificationStream(db.db, { signal: abort.signal, signals: hub, ...options });
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let ended = false;

  async function next(timeoutMs = 5000): Promise<SseMessage | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const cut = buffer.indexOf("\n\n");
      if (cut >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const message: SseMessage = { event: "message" };
        for (const line of block.split("\n")) {
          if (line.startsWith(":")) message.comment = line.slice(1).trim();
          else if (line.startsWith("id: ")) message.id = line.slice(4);
          else if (line.startsWith("event: ")) message.event = line.slice(7);
          else if (line.startsWith("data: ")) message.data = JSON.parse(line.slice(6));
          else if (line.startsWith("retry: ")) message.retry = Number(line.slice(7));
        }
        return message;
      }
      if (ended) return null;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no SSE message within ${timeoutMs} ms`);
      const chunk = await Promise.race([
        reader.read(),
        new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), left)),
      ]);
      if (chunk === "timeout") continue;
      if (chunk.done) ended = true;
      else buffer += decoder.decode(chunk.value, { stream: true });
    }
  }

  /** Notifications up to the next `ready`, or the next `count` notifications. */
  async function notifications(until: { ready: true } | { count: number }): Promise<DashboardNotification[]> {
    const out: DashboardNotification[] = [];
    for (;;) {
      const m = await next();
      if (!m) return out;
      if (m.event === "notification") {
        expect(m.id).toBe(String((m.data as DashboardNotification).id));
        out.push(m.data as DashboardNotification);
        if ("count" in until && out.length >= until.count) return out;
      }
      if (m.event === "ready" && "ready" in until) return out;
    }
  }

  return { next, notifications, abort: () => abort.abort(), ended: () => ended };
}

const idsOf = (items: DashboardNotification[]) => items.map((n) => n.id);

describe("dashboard notification stream", () => {
  let a: SalonFixture;
  let b: SalonFixture;

  beforeAll(async () => {
    a = await createSalonFixture(db.db, { timeZone: "Europe/London" });
    b = await createSalonFixture(db.db, { timeZone: "America/New_York" });
  });

  it("tells the browser how soon to reconnect, then sends the latest 50 of the owner's own, oldest first", async () => {
    const own: number[] = [];
    for (let i = 0; i < 55; i++) {
      own.push(await deliverNotification(db.db, a));
      if (i % 10 === 0) await deliverNotification(db.db, b);
    }
    const s = openStream({ ownerId: a.owner.id, retryMs: 2500 });
    expect(await s.next()).toMatchObject({ retry: 2500 });
    const backlog = await s.notifications({ ready: true });
    expect(idsOf(backlog)).toEqual(own.slice(-50));
    expect(backlog.every((n) => n.salonName === a.salon.name)).toBe(true);
    s.abort();
  });

  it("resumes after Last-Event-ID with everything after it, nothing before", async () => {
    const c = await createSalonFixture(db.db);
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push(await deliverNotification(db.db, c));
    const s = openStream({ ownerId: c.owner.id, lastEventId: ids[1] });
    expect(idsOf(await s.notifications({ ready: true }))).toEqual(ids.slice(2));
    s.abort();
  });

  it("pushes a new notification of the owner's salon when its signal arrives, and not another owner's", async () => {
    const c = await createSalonFixture(db.db);
    const d = await createSalonFixture(db.db);
    const s = openStream({ ownerId: c.owner.id, keepAliveMs: 60_000 });
    expect(await s.notifications({ ready: true })).toEqual([]);

    await deliverNotification(db.db, d);
    await publishSalonSignals(db.db, [d.salon.id]);
    const mine = await deliverNotification(db.db, c);
    await publishSalonSignals(db.db, [c.salon.id]);
    const live = await s.notifications({ count: 1 });
    expect(idsOf(live)).toEqual([mine]);
    s.abort();
  });

  it("still delivers a notification that commits after one with a higher id", async () => {
    const c = await createSalonFixture(db.db);
    const s = openStream({ ownerId: c.owner.id, keepAliveMs: 60_000, lookbackMs: 0 });
    await s.notifications({ ready: true });

    // Event 1 is still being delivered (say its first attempt failed) when event 2 reaches the feed.
    const slow = await insertOutboxEvent(db.db, c, { status: "pending" });
    const fast = await deliverNotification(db.db, c);
    await publishSalonSignals(db.db, [c.salon.id]);
    expect(idsOf(await s.notifications({ count: 1 }))).toEqual([fast]);

    await insertNotificationFor(db.db, c, slow);
    await publishSalonSignals(db.db, [c.salon.id]);
    expect(idsOf(await s.notifications({ count: 1 }))).toEqual([slow.id]);

    // And neither is sent twice when more arrive.
    const later = await deliverNotification(db.db, c);
    await publishSalonSignals(db.db, [c.salon.id]);
    expect(idsOf(await s.notifications({ count: 1 }))).toEqual([later]);
    s.abort();
  });

  it("looks back in time for a lower id whose transaction was still open when a higher one was sent", async () => {
    const c = await createSalonFixture(db.db);
    const s = openStream({ ownerId: c.owner.id, keepAliveMs: 60_000, lookbackMs: 5_000 });
    await s.notifications({ ready: true });
    // Two relays: one delivers event 2 while the other's transaction holding event 1 is uncommitted
    // (modelled by event 1 being already "sent" from the stream's point of view, with no notification yet).
    const first = await insertOutboxEvent(db.db, c, { status: "done" });
    const second = await deliverNotification(db.db, c);
    await publishSalonSignals(db.db, [c.salon.id]);
    expect(idsOf(await s.notifications({ count: 1 }))).toEqual([second]);
    await insertNotificationFor(db.db, c, first);
    await publishSalonSignals(db.db, [c.salon.id]);
    expect(idsOf(await s.notifications({ count: 1 }))).toEqual([first.id]);
    s.abort();
  });

  it("catches up without a signal on its poll, and sends keep-alive comments", async () => {
    const c = await createSalonFixture(db.db);
    const s = openStream({ ownerId: c.owner.id, keepAliveMs: 200 });
    await s.notifications({ ready: true });
    const id = await deliverNotification(db.db, c); // no signal published
    const seen: SseMessage[] = [];
    while (!seen.some((m) => m.event === "notification")) seen.push((await s.next(3000))!);
    expect(seen.some((m) => m.comment === "keep-alive")).toBe(true);
    expect(seen.find((m) => m.event === "notification")?.id).toBe(String(id));
    s.abort();
  });

  it("ends the stream and drops its signal listener when the client goes away", async () => {
    const c = await createSalonFixture(db.db);
    const before = hub.listenerCount();
    const s = openStream({ ownerId: c.owner.id });
    await s.notifications({ ready: true });
    expect(hub.listenerCount()).toBe(before + 1);
    s.abort();
    expect(await s.next()).toBeNull();
    expect(hub.listenerCount()).toBe(before);
  });

  it("falls back to polling when signals cannot be subscribed", async () => {
    const c = await createSalonFixture(db.db);
    const broken = { subscribe: () => Promise.reject(new Error("LISTEN failed")) };
    const s = openStream({ ownerId: c.owner.id, signals: broken, fallbackPollMs: 100, keepAliveMs: 60_000 });
    await s.notifications({ ready: true });
    const id = await deliverNotification(db.db, c);
    expect(idsOf(await s.notifications({ count: 1 }))).toEqual([id]);
    s.abort();
  });
});
