import { eq, inArray } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { deliveries, outbox } from "@/db/schema";
import { nudgeRelay, setNudgeHandler } from "@/lib/outbox/nudge";
import type { OutboxChannel } from "@/lib/outbox/relay";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture } from "@/lib/testing/fixtures";
import { startEmbeddedRelay, type EmbeddedRelay } from "./embedded";
import { createRecordingChannel, insertPendingEvent, waitUntil } from "./testing";

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

const isSent = (id: number) => async () => (await statusOf(id)) === "sent";

// A poll interval no test waits for: anything delivered quickly was delivered because of a nudge.
const NEVER_MS = 600_000;

function start(channel: OutboxChannel, pollMs = NEVER_MS, lanes = 1) {
  const relay = startEmbeddedRelay(testDb.db, { channels: [channel], pollMs, lanes });
  running.push(relay);
  setNudgeHandler((salonIds) => relay.wake(salonIds));
  return relay;
}

describe("embedded relay driver", () => {
  it("delivers a committed event within a second of the nudge, not at the next poll", async () => {
    const channel = createRecordingChannel();
    start(channel);
    await waitUntil(() => channel.calls === 0, 100); // let the start-up drain find nothing

    const quiet = await insertPendingEvent(testDb.db, salonId);
    // Without a nudge nothing happens before the (distant) poll.
    expect(await waitUntil(() => channel.delivered.includes(quiet), 400)).toBeNull();

    nudgeRelay();
    expect(await waitUntil(isSent(quiet), 1_000)).not.toBeNull();
    expect(channel.delivered.filter((id) => id === quiet)).toHaveLength(1);
    const rows = await testDb.db.select().from(deliveries).where(eq(deliveries.eventId, quiet));
    expect(rows).toMatchObject([{ channel: "test-channel", status: "delivered" }]);
  });

  it("drains what was committed before it started, and polls as the safety net", async () => {
    const before = await insertPendingEvent(testDb.db, salonId);
    const channel = createRecordingChannel();
    start(channel, 150);
    expect(await waitUntil(isSent(before), 1_000)).not.toBeNull();

    const unannounced = await insertPendingEvent(testDb.db, salonId); // committed, never nudged
    expect(await waitUntil(isSent(unannounced), 1_000)).not.toBeNull();
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

    expect(await waitUntil(isSent(second), 1_000)).not.toBeNull();
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
    expect(await statusOf(inFlight)).toBe("sent");

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
    expect(await waitUntil(isSent(fast), 1_000)).not.toBeNull();
    expect(delivered).toEqual([fast]);
    expect(await statusOf(slow)).toBe("processing");

    releaseSlow();
    expect(await waitUntil(isSent(slow), 1_000)).not.toBeNull();
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
      async deliver(events) {
        calls += 1;
        await new Promise((resolve) => setTimeout(resolve, 40));
        delivered.push(...events.map((e) => e.id));
        return events.map((e) => ({ eventId: e.id, ok: true as const }));
      },
    };
    const relay = startEmbeddedRelay(testDb.db, { channels: [channel], pollMs: NEVER_MS, lanes: 1, batchSize: 5 });
    running.push(relay);
    setNudgeHandler((salonIds) => relay.wake(salonIds));
    await waitUntil(() => calls >= 1, 1_000); // the start-up drain is working through the burst

    const fresh = await insertPendingEvent(testDb.db, otherSalonId);
    nudgeRelay(otherSalonId);
    expect(await waitUntil(isSent(fresh), 2_000)).not.toBeNull();
    // Out with the batch after the one in hand, while most of the burst still waits.
    expect(delivered.indexOf(fresh)).toBeLessThan(15);
    expect(await waitUntil(async () => (await Promise.all(burst.map(statusOf))).every((s) => s === "sent"), 5_000)).not.toBeNull();
  });
});
