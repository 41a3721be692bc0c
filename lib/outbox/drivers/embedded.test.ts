import { eq, inArray } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { outbox } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture } from "@/lib/testing/fixtures";
import { deliveryRecords } from "../delivery-records";
import { nudgeRelay, setNudgeHandler } from "../nudge";
import type { OutboxChannel } from "../relay";
import { createRecordingChannel, insertPendingEvent, testRelaySettings, waitUntil } from "../testing";
import { startEmbeddedRelay, type EmbeddedRelay, type EmbeddedRelayOptions } from "./embedded";

let testDb: TestDatabase;
let salonId: string;
const running: EmbeddedRelay[] = [];

beforeAll(async () => {
  testDb = await createTestDatabase();
  salonId = (await createSalonFixture(testDb.db)).salon.id;
});

afterEach(async () => {
  setNudgeHandler(null);
  await Promise.all(running.splice(0).map((relay) => relay.stop()));
});

afterAll(async () => {
  await testDb.dispose();
});

async function statusOf(id: number) {
  const [row] = await testDb.db.select({ status: outbox.status }).from(outbox).where(eq(outbox.id, id));
  return row.status;
}

const isDone = (id: number) => async () => (await statusOf(id)) === "done";

// A poll interval no test waits for: anything delivered quickly was delivered because of a nudge.
const NEVER_MS = 600_000;

function start(channels: OutboxChannel | OutboxChannel[], pollMs = NEVER_MS, eventLanes = 1, extra: Partial<EmbeddedRelayOptions> = {}) {
  const relay = startEmbeddedRelay(testDb.db, {
    channels: Array.isArray(channels) ? channels : [channels],
    settings: testRelaySettings(),
    pollMs,
    eventLanes,
    channelLanes: 1,
    retentionDays: 30,
    ...extra,
  });
  running.push(relay);
  setNudgeHandler((nudge) => relay.wake(nudge));
  return relay;
}

describe("embedded relay driver", () => {
  it("delivers a committed event within a second of the nudge, not at the next poll", async () => {
    const channel = createRecordingChannel();
    // The start-up drain must have found nothing before the event is written, however slow the
    // machine: the first lane's housekeeping (this task) runs right after that drain.
    let startedUp = false;
    start(channel, NEVER_MS, 1, { cron: [{ name: "started-up", everyMs: NEVER_MS, run: async () => ((startedUp = true), 0) }] });
    expect(await waitUntil(() => startedUp, 5_000)).not.toBeNull();

    const quiet = await insertPendingEvent(testDb.db, salonId);
    // Without a nudge nothing happens before the (distant) poll.
    expect(await waitUntil(() => channel.delivered.includes(quiet), 400)).toBeNull();

    nudgeRelay();
    expect(await waitUntil(isDone(quiet), 1_000)).not.toBeNull();
    expect(channel.delivered.filter((id) => id === quiet)).toHaveLength(1);
    expect(await deliveryRecords(testDb.db, [quiet])).toMatchObject([{ channel: "test-channel", status: "delivered" }]);
  });

  it("a busy lane gathers: woken again soon after a drain, it waits out the gap and takes what came meanwhile in one batch", async () => {
    const channel = createRecordingChannel();
    let startedUp = false;
    start(channel, NEVER_MS, 1, { gatherMs: 1_000, cron: [{ name: "started-up", everyMs: NEVER_MS, run: async () => ((startedUp = true), 0) }] });
    expect(await waitUntil(() => startedUp, 5_000)).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 1_050));

    // Quiet for longer than the gap: the nudge is answered at once, in a batch of its own.
    const first = await insertPendingEvent(testDb.db, salonId);
    nudgeRelay();
    expect(await waitUntil(isDone(first), 1_000)).not.toBeNull();
    const calls = channel.calls;
    // Two more, each nudged, within the gap of that drain: one batch for both.
    const second = await insertPendingEvent(testDb.db, salonId);
    nudgeRelay();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await statusOf(second)).toBe("pending");
    const third = await insertPendingEvent(testDb.db, salonId);
    nudgeRelay();
    expect(await waitUntil(isDone(third), 3_000)).not.toBeNull();
    expect(await statusOf(second)).toBe("done");
    expect(channel.calls).toBe(calls + 1);
  });

  it("drains what was committed before it started, and polls as the safety net", async () => {
    const before = await insertPendingEvent(testDb.db, salonId);
    const channel = createRecordingChannel();
    start(channel, 150);
    expect(await waitUntil(isDone(before), 1_000)).not.toBeNull();

    const unannounced = await insertPendingEvent(testDb.db, salonId); // committed, never nudged
    expect(await waitUntil(isDone(unannounced), 1_000)).not.toBeNull();
  });

  it("does not lose a nudge that arrives while a drain is running", async () => {
    const channel = createRecordingChannel();
    start(channel);
    const first = await insertPendingEvent(testDb.db, salonId);
    const release = channel.hold();
    nudgeRelay();
    await channel.held(); // the drain is inside deliver(), past its claim

    const second = await insertPendingEvent(testDb.db, salonId);
    nudgeRelay(); // the running drain has already claimed: only a second drain can pick this up
    release();

    expect(await waitUntil(isDone(second), 1_000)).not.toBeNull();
    expect(channel.delivered.filter((id) => id === first || id === second)).toEqual([first, second]);
  });

  it("stop() lets the current batch finish, then resolves, and nothing runs afterwards", async () => {
    const channel = createRecordingChannel();
    const relay = start(channel);
    const inFlight = await insertPendingEvent(testDb.db, salonId);
    const release = channel.hold();
    nudgeRelay();
    await channel.held();

    let stopped = false;
    const stopping = relay.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stopped).toBe(false); // still finishing the batch it holds
    release();
    await stopping;
    expect(await statusOf(inFlight)).toBe("done");

    const callsAtStop = channel.calls;
    const afterStop = await insertPendingEvent(testDb.db, salonId);
    relay.wake();
    nudgeRelay();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(channel.calls).toBe(callsAtStop);
    expect(await statusOf(afterStop)).toBe("pending");
    // Leave the table clean for the other tests' drains.
    await testDb.db.delete(outbox).where(inArray(outbox.id, [afterStop]));
  });

  it("with two lanes, an event committed while one lane is stuck in a slow batch goes out at once", async () => {
    const slow = await insertPendingEvent(testDb.db, salonId);
    let releaseSlow!: () => void;
    const slowGate = new Promise<void>((resolve) => (releaseSlow = resolve));
    let slowHeld!: () => void;
    const slowIsHeld = new Promise<void>((resolve) => (slowHeld = resolve));
    const delivered: number[] = [];
    const channel: OutboxChannel = {
      name: "slow-then-fast",
      mode: "inline",
      async deliver(events) {
        if (events.some((e) => e.id === slow)) {
          slowHeld();
          await slowGate;
        }
        delivered.push(...events.map((e) => e.id));
        return events.map((e) => ({ eventId: e.id, ok: true as const }));
      },
    };
    start(channel, NEVER_MS, 2);
    await slowIsHeld; // the start-up drain of one lane is stuck on `slow`

    const fast = await insertPendingEvent(testDb.db, salonId);
    nudgeRelay();
    expect(await waitUntil(isDone(fast), 1_000)).not.toBeNull();
    expect(delivered).toEqual([fast]);
    expect(await statusOf(slow)).toBe("processing");

    releaseSlow();
    expect(await waitUntil(isDone(slow), 1_000)).not.toBeNull();
    expect(delivered).toEqual([fast, slow]);
  });

  it("gives a salon's fresh booking a batch of its own instead of queueing it behind another salon's burst", async () => {
    const otherSalonId = (await createSalonFixture(testDb.db)).salon.id;
    const burst: number[] = [];
    for (let i = 0; i < 30; i++) burst.push(await insertPendingEvent(testDb.db, salonId));
    const delivered: number[] = [];
    let calls = 0;
    const channel: OutboxChannel = {
      name: "slowish",
      mode: "inline",
      async deliver(events) {
        calls += 1;
        await new Promise((resolve) => setTimeout(resolve, 40));
        delivered.push(...events.map((e) => e.id));
        return events.map((e) => ({ eventId: e.id, ok: true as const }));
      },
    };
    start(channel, NEVER_MS, 1, { settings: testRelaySettings({ batchSize: 5 }) });
    await waitUntil(() => calls >= 1, 1_000); // the start-up drain is working through the burst

    const fresh = await insertPendingEvent(testDb.db, otherSalonId);
    nudgeRelay(otherSalonId);
    expect(await waitUntil(isDone(fresh), 2_000)).not.toBeNull();
    // Out with the batch after the one in hand, while most of the burst still waits.
    expect(delivered.indexOf(fresh)).toBeLessThan(15);
    expect(await waitUntil(async () => (await Promise.all(burst.map(statusOf))).every((s) => s === "done"), 5_000)).not.toBeNull();
  });
  it("a mail server answering slowly keeps only its channel's lane busy: new bookings reach the dashboard at once", async () => {
    const dashboard = createRecordingChannel("dashboard", "inline");
    const email = createRecordingChannel("email", "queued");
    start([dashboard, email], NEVER_MS, 1);
    const first = await insertPendingEvent(testDb.db, salonId);
    const release = email.hold();
    nudgeRelay(salonId);
    await email.held(); // the email lane is stuck sending the first booking's mail
    expect(dashboard.delivered).toContain(first);
    const second = await insertPendingEvent(testDb.db, salonId);
    nudgeRelay(salonId);
    expect(await waitUntil(() => dashboard.delivered.includes(second), 1_000)).not.toBeNull();
    expect(email.delivered).toEqual([]);
    release();
    expect(await waitUntil(async () => (await isDone(first)()) && (await isDone(second)()), 2_000)).not.toBeNull();
    expect(email.delivered).toEqual([first, second]);
  });
});
