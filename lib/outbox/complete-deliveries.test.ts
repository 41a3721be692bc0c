// Recording delivery outcomes while other lanes record theirs. Each channel's lane finishes its
// deliveries of the same events and brings down the same events' counts of open deliveries, so
// lanes must lock those events in one order, or Postgres cancels one of them as a deadlock (seen
// in bench:booking: the owner's and the customer's email lanes, each with a few events in the
// order their mail was accepted) and its outcomes, mail the server had accepted, go unrecorded.
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { getConfig } from "@/lib/config/env";
import { createTestDatabase } from "@/lib/testing/database";
import { createSalonFixture } from "@/lib/testing/fixtures";
import { claimDueDeliveries } from "./claim-deliveries";
import { completeDeliveries, type DeliveryOutcome } from "./complete-deliveries";
import { runEventBatch } from "./relay";
import { createRecordingChannel, insertPendingEvent, testRelaySettings } from "./testing";

const onPostgres = getConfig().database.url !== undefined;
const delivered = (eventIds: number[]): DeliveryOutcome[] => eventIds.map((eventId) => ({ eventId, status: "delivered", latencyMs: 1 }));

describe("completing deliveries", () => {
  // Concurrency needs sessions of its own (PGlite has one). Planned afresh, as on a connection's
  // first runs, and as the relay runs it after a few (a generic plan): the two disagreed on order.
  it.runIf(onPostgres).each(["force_custom_plan", "force_generic_plan"])("locks its events in id order, whatever order the outcomes came in (%s)", async (planCacheMode) => {
    const db = await createTestDatabase({ settings: { plan_cache_mode: planCacheMode } });
    const salonId = (await createSalonFixture(db.db)).salon.id;
    const channels = [createRecordingChannel("order-email", "queued")];
    const ids: number[] = [];
    for (let i = 0; i < 8; i++) ids.push(await insertPendingEvent(db.db, salonId));
    await runEventBatch(db.db, { holder: "fan-out", channels, settings: testRelaySettings() });
    await claimDueDeliveries(db.db, { channel: "order-email", holder: "lane", limit: 10, leaseMs: 60_000 });
    // Two sessions of their own: one holds the lowest event, the other tries the rest.
    const blocker = postgres(db.url!, { max: 1, onnotice: () => {} });
    const probe = postgres(db.url!, { max: 1, onnotice: () => {} });
    try {
      const [lowest, ...rest] = ids;
      const { completion, othersFree } = await blocker.begin(async (tx) => {
        await tx`select id from outbox where id = ${lowest} for update`;
        const completion = completeDeliveries(db.db, "order-email", delivered([...ids].reverse()), { holder: "lane", now: new Date() });
        await waitUntil(async () => (await probe`select 1 from pg_locks where not granted and locktype = 'transactionid'`).length > 0);
        // The completion waits for the lowest event; it must not hold any other meanwhile.
        const locked = await probe.begin(async (p) => p`select id from outbox where id = any(${rest}::bigint[]) for update skip locked`);
        return { completion, othersFree: locked.length };
      });
      expect(await completion).toMatchObject({ delivered: ids.length, done: ids.length });
      expect(othersFree).toBe(rest.length);
    } finally {
      await blocker.end();
      await probe.end();
      await db.dispose();
    }
  });
});

async function waitUntil(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 10));
}
