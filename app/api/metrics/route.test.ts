import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { restoreEnv, stubEnv } from "@/lib/testing/env";
import { eq } from "drizzle-orm";
import { outbox } from "@/db/schema";
import { observeDelivery, recordRelayOutcome } from "@/lib/metrics/registry";
import { insertPendingEvent } from "@/lib/relay/testing";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture } from "@/lib/testing/fixtures";

let testDb: TestDatabase;

// The route reads the process database; point it at this file's test database.
vi.mock("@/db/client", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/db/client")>()),
  getDb: async () => testDb.db,
}));

const { GET } = await import("./route");

beforeAll(async () => {
  testDb = await createTestDatabase();
  const { salon } = await createSalonFixture(testDb.db);
  await insertPendingEvent(testDb.db, salon.id);
  await insertPendingEvent(testDb.db, salon.id);
  const dead = await insertPendingEvent(testDb.db, salon.id);
  await testDb.db.update(outbox).set({ status: "dead", lastError: "550 mailbox unavailable" }).where(eq(outbox.id, dead));
});

afterEach(() => {
  restoreEnv();
});

afterAll(async () => {
  await testDb.dispose();
});

const scrape = (authorization?: string) =>
  GET(new Request("http://localhost/api/metrics", { headers: authorization ? { authorization } : {} }));

/** The value of one sample line, e.g. sample(text, 'outbox_events{status="pending"}'). */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("GET /api/metrics", () => {
  it("serves Prometheus text with outbox counts, delivery latency per channel and relay counters", async () => {
    observeDelivery("owner-email", 40);
    observeDelivery("owner-email", 800);
    observeDelivery("dashboard", 12);
    recordRelayOutcome("embedded", { batches: 2, sent: 5, retried: 1, dead: 0 });

    const response = await scrape();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();

    expect(sample(text, 'outbox_events{status="pending"}')).toBe(2);
    expect(sample(text, 'outbox_events{status="dead"}')).toBe(1);
    expect(sample(text, 'outbox_events{status="sent"}')).toBe(0);
    expect(sample(text, "outbox_oldest_pending_age_seconds")).toBeGreaterThanOrEqual(0);
    expect(text).toContain("# TYPE outbox_delivery_latency_seconds histogram");
    expect(sample(text, 'outbox_delivery_latency_seconds_count{channel="owner-email"}')).toBe(2);
    expect(sample(text, 'outbox_delivery_latency_seconds_bucket{le="0.05",channel="owner-email"}')).toBe(1);
    expect(sample(text, 'outbox_delivery_latency_seconds_sum{channel="dashboard"}')).toBeCloseTo(0.012);
    expect(sample(text, 'outbox_relay_batches_total{relay="embedded"}')).toBe(2);
    expect(sample(text, 'outbox_relay_events_total{relay="embedded",outcome="sent"}')).toBe(5);
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
