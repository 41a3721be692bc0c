// The relay's own rules, with in-memory channels: claiming, ordering, budget, timeouts, purge,
// stats. (relay-email.test.ts covers the same core with the real channels and an SMTP server.)
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliveries, outbox } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture } from "@/lib/testing/fixtures";
import { insertTestEvent } from "@/lib/testing/outbox";
import { BACKOFF_CAP_MS, backoffDelayMs, maxBackoffDelayMs } from "./backoff";
import { completeClaimedEvents } from "./complete";
import { deliverClaimedEvents } from "./deliver";
import {
  claimDueEvents,
  drainOutbox,
  outboxStats,
  purgeSentEvents,
  retryDeadEvent,
  runRelayBatch,
  type ChannelResult,
  type OutboxChannel,
  type OutboxEvent,
  type RelayOptions,
} from "./relay";

let db: TestDatabase;
let offset = 0;
const now = () => new Date(Date.now() + offset);

/** A channel that records what it was given and fails the events `fail` picks. */
function recordingChannel(name: string, fail: (e: OutboxEvent) => string | null = () => null, delayMs = 0) {
  const received: number[] = [];
  const channel: OutboxChannel = {
    name,
    async deliver(events) {
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      return events.map((e): ChannelResult => {
        received.push(e.id);
        const error = fail(e);
        return error ? { eventId: e.id, ok: false, error } : { eventId: e.id, ok: true };
      });
    },
  };
  return { channel, received };
}

const options = (channels: OutboxChannel[], extra: Partial<RelayOptions> = {}): RelayOptions => ({
  holder: "relay-core",
  channels,
  now,
  ...extra,
});
const statusOf = async (ids: number[]) =>
  Object.fromEntries(
    (await db.db.select({ id: outbox.id, status: outbox.status }).from(outbox).where(inArray(outbox.id, ids))).map((r) => [r.id, r.status]),
  );

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.dispose();
});

describe("claimDueEvents", () => {
  it("hands channels the event as it was written: ids, payload and creation time, typed", async () => {
    const fixture = await createSalonFixture(db.db);
    const written = await insertTestEvent(db.db, fixture);
    const [claimed] = await claimDueEvents(db.db, { holder: "typed", limit: 10, leaseMs: 60_000, now: now() });
    expect(claimed).toEqual({
      id: written.id,
      aggregateType: "booking",
      aggregateId: written.aggregateId,
      salonId: fixture.salon.id,
      eventType: "booking.created",
      payload: written.payload,
      attempts: 0,
      createdAt: written.createdAt,
      firstAttempt: true,
      deliveredChannels: [],
      hasLater: false,
    });
    expect(claimed.createdAt).toBeInstanceOf(Date);
    await db.db.update(outbox).set({ status: "sent" }).where(eq(outbox.id, written.id));
  });

  it("never hands out an event while an earlier event of its booking is pending, in flight or dead", async () => {
    const fixture = await createSalonFixture(db.db);
    const bookingId = crypto.randomUUID();
    const first = await insertTestEvent(db.db, fixture, { bookingId });
    const second = await insertTestEvent(db.db, fixture, { bookingId, eventType: "booking.cancelled" });
    const other = await insertTestEvent(db.db, fixture);

    // first pending → only first (and the other booking) are claimable
    let claimed = await claimDueEvents(db.db, { holder: "a", limit: 100, leaseMs: 60_000, now: now() });
    expect(claimed.map((e) => e.id)).toEqual([first.id, other.id]);
    expect(claimed.find((e) => e.id === first.id)?.hasLater).toBe(true);
    expect(claimed.find((e) => e.id === other.id)?.hasLater).toBe(false);

    // first in flight under a live lease → nothing
    expect(await claimDueEvents(db.db, { holder: "b", limit: 100, leaseMs: 60_000, now: now() })).toEqual([]);

    // first dead → second still waits
    await db.db.update(outbox).set({ status: "dead", leaseHolder: null }).where(eq(outbox.id, first.id));
    await db.db.update(outbox).set({ status: "sent", leaseHolder: null }).where(eq(outbox.id, other.id));
    expect(await claimDueEvents(db.db, { holder: "b", limit: 100, leaseMs: 60_000, now: now() })).toEqual([]);

    // first sent → second is due
    await db.db.update(outbox).set({ status: "sent" }).where(eq(outbox.id, first.id));
    claimed = await claimDueEvents(db.db, { holder: "b", limit: 100, leaseMs: 60_000, now: now() });
    expect(claimed.map((e) => e.id)).toEqual([second.id]);
    expect(await outboxRow(second.id)).toMatchObject({ status: "processing", leaseHolder: "b" });
    await db.db.update(outbox).set({ status: "sent" }).where(eq(outbox.id, second.id));
  });

  it("claims a fresh event even when the relay's clock reads earlier than the database's", async () => {
    // next_attempt_at is the database's now() at insert; a relay whose clock is behind (skew, or
    // the same millisecond truncated) must still see the event as due on the nudge.
    const fixture = await createSalonFixture(db.db);
    const event = await insertTestEvent(db.db, fixture);
    const behind = new Date(Date.now() - 1_000);
    const claimed = await claimDueEvents(db.db, { holder: "behind", limit: 10, leaseMs: 60_000, now: behind });
    expect(claimed.map((e) => e.id)).toEqual([event.id]);
    await db.db.update(outbox).set({ status: "sent" }).where(eq(outbox.id, event.id));
  });

  it("claims only the salon it is asked for, oldest first, when asked for one", async () => {
    const [a, b] = [await createSalonFixture(db.db), await createSalonFixture(db.db)];
    const ofA = [await insertTestEvent(db.db, a), await insertTestEvent(db.db, a)];
    const ofB = await insertTestEvent(db.db, b);
    const forB = await claimDueEvents(db.db, { holder: "salon-b", limit: 10, leaseMs: 60_000, now: now(), salonId: b.salon.id });
    expect(forB.map((e) => e.id)).toEqual([ofB.id]);
    const forA = await claimDueEvents(db.db, { holder: "salon-a", limit: 10, leaseMs: 60_000, now: now(), salonId: a.salon.id });
    expect(forA.map((e) => e.id)).toEqual(ofA.map((e) => e.id));
    await db.db.update(outbox).set({ status: "sent" }).where(inArray(outbox.id, [ofB.id, ...ofA.map((e) => e.id)]));
  });

  it("takes over an expired lease but not a live one", async () => {
    const fixture = await createSalonFixture(db.db);
    const event = await insertTestEvent(db.db, fixture);
    const t0 = now();
    expect((await claimDueEvents(db.db, { holder: "a", limit: 10, leaseMs: 1_000, now: t0 })).map((e) => e.id)).toEqual([event.id]);
    expect(await claimDueEvents(db.db, { holder: "b", limit: 10, leaseMs: 1_000, now: new Date(t0.getTime() + 999) })).toEqual([]);
    const retaken = await claimDueEvents(db.db, { holder: "b", limit: 10, leaseMs: 1_000, now: new Date(t0.getTime() + 1_000) });
    expect(retaken.map((e) => e.id)).toEqual([event.id]);
    expect(await outboxRow(event.id)).toMatchObject({ status: "processing", leaseHolder: "b" });
    // The lapsed lease is a failed attempt: counted, with what happened as the last error.
    expect(retaken[0].attempts).toBe(1);
    expect(await outboxRow(event.id)).toMatchObject({ attempts: 1, lastError: "lease of a expired" });
    await db.db.update(outbox).set({ status: "sent" }).where(eq(outbox.id, event.id));
  });
});

describe("a message that crashes every relay that takes it", () => {
  it("is dead-lettered by the claim that finds its lease lapsed for the last allowed time", async () => {
    const fixture = await createSalonFixture(db.db);
    const event = await insertTestEvent(db.db, fixture);
    const t0 = now();
    const at = (ms: number) => new Date(t0.getTime() + ms);
    const claim = (holder: string, ms: number) => claimDueEvents(db.db, { holder, limit: 10, leaseMs: 1_000, now: at(ms), maxAttempts: 2 });

    expect((await claim("a", 0)).map((e) => e.id)).toContain(event.id); // a crashes holding it
    expect((await claim("b", 1_000)).map((e) => e.id)).toContain(event.id); // attempt 1 lapsed; b crashes too
    expect((await claim("c", 2_000)).map((e) => e.id)).not.toContain(event.id); // attempt 2 lapsed: the last
    expect(await outboxRow(event.id)).toMatchObject({
      status: "dead",
      attempts: 2,
      lastError: "lease of b expired",
      leaseHolder: null,
      leaseExpiresAt: null,
    });
    expect((await claim("d", 9_000)).map((e) => e.id)).not.toContain(event.id);

    // Like any dead event, the owner can send it again.
    expect(await retryDeadEvent(db.db, event.id, [fixture.salon.id], { now: at(9_000) })).toBe(true);
    expect((await claim("e", 9_000)).map((e) => e.id)).toContain(event.id);
    await db.db.update(outbox).set({ status: "sent" }).where(eq(outbox.id, event.id));
  });

  it("is counted as dead by the relay batch whose claim dead-lettered it (the relay's dead metric)", async () => {
    const fixture = await createSalonFixture(db.db);
    const event = await insertTestEvent(db.db, fixture);
    const t0 = now();
    const at = (ms: number) => new Date(t0.getTime() + ms);
    await claimDueEvents(db.db, { holder: "a", limit: 10, leaseMs: 1_000, now: at(0) }); // a crashes
    const { channel, received } = recordingChannel("mail", () => null);
    const batch = await runRelayBatch(db.db, { holder: "b", channels: [channel], batchSize: 10, leaseMs: 1_000, maxAttempts: 1, now: () => at(1_000) });
    expect(batch.dead).toBeGreaterThanOrEqual(1);
    expect(received).not.toContain(event.id);
    expect(await outboxRow(event.id)).toMatchObject({ status: "dead", lastError: "lease of a expired" });
    await db.db.update(outbox).set({ status: "sent" }).where(eq(outbox.id, event.id));
  });
});

describe("delivering a batch", () => {
  it("releases a booking's later events untried when its earlier event fails in the same batch", async () => {
    const fixture = await createSalonFixture(db.db);
    const bookingId = crypto.randomUUID();
    const first = await insertTestEvent(db.db, fixture, { bookingId });
    const second = await insertTestEvent(db.db, fixture, { bookingId, eventType: "booking.rescheduled" });
    const other = await insertTestEvent(db.db, fixture);
    const ids = [first.id, second.id, other.id];
    // A batch holding two events of one booking (claimDueEvents never builds one; any caller might).
    const rows = await db.db
      .update(outbox)
      .set({ status: "processing", leaseHolder: "h", leaseExpiresAt: new Date(Date.now() + 60_000) })
      .where(inArray(outbox.id, ids))
      .returning();
    const batch = rows.map((r) => ({ ...r, firstAttempt: true, deliveredChannels: [], hasLater: false }));
    const { channel, received } = recordingChannel("mail", (e) => (e.id === first.id ? "550 no" : null));

    const outcomes = await deliverClaimedEvents(db.db, batch, { channels: [channel], now, channelTimeoutMs: 5_000 });
    expect(received.sort()).toEqual([first.id, other.id].sort());
    expect(outcomes.events.map((o) => [o.event.id, o.kind]).sort()).toEqual(
      [[first.id, "failed"], [second.id, "released"], [other.id, "sent"]].sort(),
    );

    const counts = await completeClaimedEvents(db.db, outcomes, { holder: "h", now: now(), maxAttempts: 8 });
    expect(counts).toEqual({ sent: 1, retried: 1, dead: 0, released: 1 });
    const after = await db.db.select().from(outbox).where(inArray(outbox.id, ids));
    const byId = new Map(after.map((r) => [r.id, r]));
    expect(byId.get(first.id)).toMatchObject({ status: "pending", attempts: 1, lastError: "mail: 550 no" });
    expect(byId.get(second.id)).toMatchObject({ status: "pending", attempts: 0, lastError: null, leaseHolder: null });
    expect(byId.get(other.id)).toMatchObject({ status: "sent" });
    // Clean up for the tests that follow: deliver the rest.
    offset += maxBackoffDelayMs(1) + 1_000;
    await drainOutbox(db.db, options([recordingChannel("mail").channel]));
    expect(await statusOf(ids)).toEqual({ [first.id]: "sent", [second.id]: "sent", [other.id]: "sent" });
  });

  it("counts a channel that throws, times out or forgets an event as failed for those events only", async () => {
    const fixture = await createSalonFixture(db.db);
    const events = await Promise.all([1, 2, 3].map(() => insertTestEvent(db.db, fixture)));
    const ids = events.map((e) => e.id);
    const throwing: OutboxChannel = { name: "throws", deliver: async () => Promise.reject(new Error("boom")) };
    const hanging: OutboxChannel = { name: "hangs", deliver: () => new Promise(() => {}) };
    const forgetful: OutboxChannel = { name: "forgets", deliver: async (evs) => evs.slice(1).map((e) => ({ eventId: e.id, ok: true as const })) };
    const fine = recordingChannel("fine");

    const result = await runRelayBatch(db.db, options([throwing, hanging, forgetful, fine.channel], { channelTimeoutMs: 100, random: () => 0 }));
    expect(result.retried).toBeGreaterThanOrEqual(3);
    const rows = await db.db.select().from(outbox).where(inArray(outbox.id, ids));
    for (const row of rows) {
      expect(row.status).toBe("pending");
      expect(row.lastError).toContain("throws: boom");
      expect(row.lastError).toContain("hangs: hangs timed out after 100 ms");
    }
    expect(rows.find((r) => r.id === Math.min(...ids))?.lastError).toContain("forgets: channel returned no result");
    const fineRows = await db.db.select().from(deliveries).where(sql`${deliveries.channel} = 'fine' and ${inArray(deliveries.eventId, ids)}`);
    expect(fineRows.map((d) => d.status)).toEqual(["delivered", "delivered", "delivered"]);

    // Next time only the failed channels are asked again.
    fine.received.length = 0;
    await drainOutbox(db.db, options([recordingChannel("throws").channel, recordingChannel("hangs").channel, recordingChannel("forgets").channel, fine.channel]));
    expect(fine.received.filter((id) => ids.includes(id))).toEqual([]);
    expect(Object.values(await statusOf(ids))).toEqual(["sent", "sent", "sent"]);
  });

  it("does not repeat a channel that delivered before the event died once the event is revived", async () => {
    const fixture = await createSalonFixture(db.db);
    const event = await insertTestEvent(db.db, fixture);
    const fine = recordingChannel("fine");
    let refuse = true;
    const flaky = recordingChannel("flaky", () => (refuse ? "421 try later" : null));
    await drainOutbox(db.db, options([fine.channel, flaky.channel], { maxAttempts: 1 }));
    expect(await outboxRow(event.id)).toMatchObject({ status: "dead", attempts: 1 });

    refuse = false;
    expect(await retryDeadEvent(db.db, event.id, [fixture.salon.id], { now: now() })).toBe(true);
    await drainOutbox(db.db, options([fine.channel, flaky.channel], { maxAttempts: 1 }));
    expect(await outboxRow(event.id)).toMatchObject({ status: "sent" });
    expect(fine.received.filter((id) => id === event.id)).toHaveLength(1);
    expect(flaky.received.filter((id) => id === event.id)).toHaveLength(2);
  });

  it("stops claiming when the time budget is spent and reports it", async () => {
    const fixture = await createSalonFixture(db.db);
    const ids = (await Promise.all(Array.from({ length: 8 }, () => insertTestEvent(db.db, fixture)))).map((e) => e.id);
    const slow = recordingChannel("slow", () => null, 40);
    const latencies: number[] = [];

    const first = await drainOutbox(db.db, options([slow.channel], { batchSize: 2, budgetMs: 60, onDelivered: (_c, ms) => latencies.push(ms) }));
    expect(first.budgetExhausted).toBe(true);
    expect(first.batches).toBeLessThan(4);
    expect(Object.values(await statusOf(ids))).toContain("pending");
    expect(latencies.length).toBe(first.sent);
    expect(latencies.every((ms) => ms >= 0)).toBe(true);

    const rest = await drainOutbox(db.db, options([slow.channel], { batchSize: 2 }));
    expect(rest.budgetExhausted).toBe(false);
    expect(Object.values(await statusOf(ids)).every((s) => s === "sent")).toBe(true);
  });
});

describe("backoff", () => {
  it("doubles from about two seconds, caps at fifteen minutes, and jitters down to zero", () => {
    expect(maxBackoffDelayMs(1)).toBe(2_000);
    expect(maxBackoffDelayMs(2)).toBe(4_000);
    expect(maxBackoffDelayMs(5)).toBe(32_000);
    expect(maxBackoffDelayMs(40)).toBe(BACKOFF_CAP_MS);
    expect(backoffDelayMs(3, () => 0)).toBe(0);
    expect(backoffDelayMs(3, () => 0.5)).toBe(4_000);
  });
});

describe("purge, stats and retry", () => {
  it("purges only sent events past retention, in bounded batches, with their deliveries", async () => {
    const fixture = await createSalonFixture(db.db);
    const events = await Promise.all(Array.from({ length: 5 }, () => insertTestEvent(db.db, fixture)));
    const [old1, old2, old3, recent, pending] = events.map((e) => e.id);
    const longAgo = new Date(Date.now() - 40 * 86_400_000);
    await db.db.update(outbox).set({ status: "sent", sentAt: longAgo }).where(inArray(outbox.id, [old1, old2, old3]));
    await db.db.update(outbox).set({ status: "sent", sentAt: new Date() }).where(eq(outbox.id, recent));
    await db.db.insert(deliveries).values({ eventId: old1, channel: "dashboard", status: "delivered", attempts: 1 });

    expect(await purgeSentEvents(db.db, { retentionDays: 30, batchSize: 2, maxBatches: 1 })).toBe(2);
    expect(await purgeSentEvents(db.db, { retentionDays: 30, batchSize: 2 })).toBe(1);
    const left = (await db.db.select({ id: outbox.id }).from(outbox).where(inArray(outbox.id, events.map((e) => e.id)))).map((r) => r.id);
    expect(left.sort()).toEqual([recent, pending].sort());
    expect(await db.db.select().from(deliveries).where(eq(deliveries.eventId, old1))).toEqual([]);
    await db.db.update(outbox).set({ status: "sent", sentAt: new Date() }).where(eq(outbox.id, pending));
  });

  it("counts every salon's events by status exactly, from the outbox's partial indexes", async () => {
    const own = await createTestDatabase();
    try {
      const fixture = await createSalonFixture(own.db);
      const events = [];
      for (let i = 0; i < 6; i++) events.push(await insertTestEvent(own.db, fixture));
      const channel = recordingChannel("ok");
      await runRelayBatch(own.db, { holder: "stats", channels: [channel.channel], batchSize: 2 }); // two sent
      await claimDueEvents(own.db, { holder: "stats", limit: 1, leaseMs: 60_000 }); // one processing
      await own.db.update(outbox).set({ status: "dead", lastError: "550 no" }).where(eq(outbox.id, events[5].id));
      expect((await outboxStats(own.db)).counts).toEqual({ pending: 2, processing: 1, sent: 2, dead: 1 });
    } finally {
      await own.dispose();
    }
  });

  it("counts events by status per salon, with the age of the oldest undelivered one", async () => {
    const fixture = await createSalonFixture(db.db);
    const other = await createSalonFixture(db.db);
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => insertTestEvent(db.db, fixture)));
    await insertTestEvent(db.db, other);
    await db.db.update(outbox).set({ createdAt: new Date(Date.now() - 90_000) }).where(eq(outbox.id, a.id));
    await db.db.update(outbox).set({ status: "dead" }).where(eq(outbox.id, b.id));
    await db.db.update(outbox).set({ status: "sent", sentAt: new Date() }).where(eq(outbox.id, c.id));

    const stats = await outboxStats(db.db, [fixture.salon.id]);
    expect(stats.counts).toEqual({ pending: 1, processing: 0, sent: 1, dead: 1 });
    expect(stats.oldestPendingAgeSeconds).toBeGreaterThanOrEqual(89);
    expect(stats.oldestPendingAgeSeconds).toBeLessThan(200);
    expect(await outboxStats(db.db, [])).toEqual({ counts: { pending: 0, processing: 0, sent: 0, dead: 0 }, oldestPendingAgeSeconds: null });
    const all = await outboxStats(db.db);
    expect(all.counts.pending).toBeGreaterThanOrEqual(2);

    expect(await retryDeadEvent(db.db, b.id, [other.salon.id])).toBe(false);
    expect(await retryDeadEvent(db.db, a.id, [fixture.salon.id])).toBe(false); // not dead
    expect(await retryDeadEvent(db.db, b.id, [fixture.salon.id])).toBe(true);
    expect((await outboxStats(db.db, [fixture.salon.id])).counts).toEqual({ pending: 2, processing: 0, sent: 1, dead: 0 });
    await drainOutbox(db.db, options([recordingChannel("x").channel]));
  });
});

async function outboxRow(id: number) {
  const [row] = await db.db.select().from(outbox).where(eq(outbox.id, id));
  return row;
}
