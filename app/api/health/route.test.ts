import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { restoreEnv, stubEnv } from "@/lib/testing/env";
import { eq } from "drizzle-orm";
import { outbox } from "@/db/schema";
import { insertPendingEvent } from "@/lib/outbox/testing";
import { resetRuntimeForTests } from "@/lib/runtime";
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
});

afterEach(async () => {
  restoreEnv();
  await resetRuntimeForTests();
});

afterAll(async () => {
  await testDb.dispose();
});

describe("GET /api/health", () => {
  it("reports the database, the relay mode in force and the outbox backlog", async () => {
    stubEnv({ RELAY_MODE: "", INNGEST_DEV: "", INNGEST_EVENT_KEY: "", INNGEST_SIGNING_KEY: "" });
    const { salon } = await createSalonFixture(testDb.db);
    const oldest = await insertPendingEvent(testDb.db, salon.id);
    await testDb.db.update(outbox).set({ nextAttemptAt: new Date(Date.now() - 90_000) }).where(eq(outbox.id, oldest));
    await insertPendingEvent(testDb.db, salon.id);
    await insertPendingEvent(testDb.db, salon.id, { nextAttemptAt: new Date(Date.now() + 86_400_000) });
    const done = await insertPendingEvent(testDb.db, salon.id);
    await testDb.db.update(outbox).set({ status: "done", finishedAt: new Date() }).where(eq(outbox.id, done));

    const response = await GET();
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      db: "ok",
      driver: testDb.driver,
      relay: { mode: "embedded", running: false },
      outbox: { events: { waiting: 2, scheduled: 1, delivering: 0 } },
    });
    expect(body.outbox.channels.map((c: { channel: string }) => c.channel)).toEqual(["dashboard", "owner-email", "customer-email"]);
    expect(body.outbox.oldestWaitingAgeSeconds).toBeGreaterThanOrEqual(89);
    expect(body.outbox.oldestWaitingAgeSeconds).toBeLessThan(600);
    expect(body.outbox.channels[1].oldestWaitingAgeSeconds).toBeGreaterThanOrEqual(89);
  });

  it("names Inngest as the relay when an Inngest key is configured", async () => {
    stubEnv({ RELAY_MODE: "", INNGEST_EVENT_KEY: "test-event-key" });
    const body = await (await GET()).json();
    expect(body.relay).toEqual({ mode: "inngest", running: false });
  });
});
