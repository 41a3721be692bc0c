import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { restoreEnv, stubEnv } from "@/lib/testing/env";
import { eq } from "drizzle-orm";
import { deliveries, outbox } from "@/db/schema";
import { observeDelivery, recordRelayOutcome } from "@/lib/metrics/registry";
import { insertPendingEvent } from "@/lib/outbox/testing";
import { getRuntime, resetRuntimeForTests } from "@/lib/runtime";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture } from "@/lib/testing/fixtures";

let testDb: TestDatabase;

// The route reads the process database; point it at this file's test database.
vi.mock("@/db/client", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/db/client")>()),
  getDatabaseHandle: () => ({ handle: testDb, ready: Promise.resolve() }),
}));

const { GET } = await import("./route");

beforeAll(async () => {
  testDb = await createTestDatabase();
  const { salon } = await createSalonFixture(testDb.db);
  await insertPendingEvent(testDb.db, salon.id);
  await insertPendingEvent(testDb.db, salon.id);
  const gaveUp = await insertPendingEvent(testDb.db, salon.id);
  await testDb.db.update(outbox).set({ status: "done", finishedAt: new Date() }).where(eq(outbox.id, gaveUp));
  await testDb.db.insert(deliveries).values({
    eventId: gaveUp,
    channel: "owner-email",
    aggregateId: crypto.randomUUID(),
    salonId: salon.id,
    status: "given_up",
    failure: "permanent",
    lastError: "RCPT TO answered 550 mailbox unavailable",
  });
});

afterEach(async () => {
  restoreEnv();
  await resetRuntimeForTests();
});

afterAll(async () => {
  await testDb.dispose();
});

const scrape = (authorization?: string) =>
  GET(new Request("http://localhost/api/metrics", { headers: authorization ? { authorization } : {} }));

/** The value of one sample line, e.g. sample(text, 'outbox_events{stage="waiting"}'). */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("GET /api/metrics", () => {
  it("serves Prometheus text with outbox counts, delivery latency per channel and relay counters", async () => {
    const { metrics } = getRuntime();
    observeDelivery(metrics, "owner-email", 40);
    observeDelivery(metrics, "owner-email", 800);
    observeDelivery(metrics, "dashboard", 12);
    recordRelayOutcome(metrics, "embedded", { claimed: 3, done: 2, delivered: 5, retried: 1, givenUp: 0, batches: 2, budgetExhausted: false });

    const response = await scrape();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();

    expect(sample(text, 'outbox_events{stage="waiting"}')).toBe(2);
    expect(sample(text, 'outbox_events{stage="scheduled"}')).toBe(0);
    expect(sample(text, 'outbox_deliveries{channel="owner-email",state="given_up"}')).toBe(1);
    expect(sample(text, 'outbox_deliveries{channel="customer-email",state="given_up"}')).toBe(0);
    expect(sample(text, "outbox_oldest_waiting_seconds")).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'outbox_channel_oldest_waiting_seconds{channel="dashboard"}')).toBeGreaterThanOrEqual(0);
    expect(text).toContain("# TYPE outbox_delivery_latency_seconds histogram");
    expect(sample(text, 'outbox_delivery_latency_seconds_count{channel="owner-email"}')).toBe(2);
    expect(sample(text, 'outbox_delivery_latency_seconds_bucket{le="0.05",channel="owner-email"}')).toBe(1);
    expect(sample(text, 'outbox_delivery_latency_seconds_sum{channel="dashboard"}')).toBeCloseTo(0.012);
    expect(sample(text, 'outbox_relay_batches_total{relay="embedded"}')).toBe(2);
    expect(sample(text, 'outbox_relay_events_total{relay="embedded",outcome="done"}')).toBe(2);
    expect(sample(text, 'outbox_relay_deliveries_total{relay="embedded",outcome="delivered"}')).toBe(5);
  });

  it("refuses in production without METRICS_TOKEN unless METRICS_PUBLIC opts in (issue 13, finding 5)", async () => {
    const secret = "p".repeat(32);
    stubEnv({ NODE_ENV: "production", AUTH_SECRET: secret, METRICS_TOKEN: "" });
    const refused = await scrape();
    expect(refused.status).toBe(401);
    expect(await refused.text()).not.toContain("outbox_events");
    stubEnv({ NODE_ENV: "production", AUTH_SECRET: secret, METRICS_TOKEN: "", METRICS_PUBLIC: "true" });
    expect((await scrape()).status).toBe(200);
  });

  it("requires the bearer token when METRICS_TOKEN is set", async () => {
    stubEnv({ METRICS_TOKEN: "s3cret-metrics-token" });
    expect((await scrape()).status).toBe(401);
    expect((await scrape("Bearer wrong-token")).status).toBe(401);
    expect((await scrape("Basic czNjcmV0LW1ldHJpY3MtdG9rZW4=")).status).toBe(401);
    const ok = await scrape("Bearer s3cret-metrics-token");
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("outbox_events{");
  });
});
