import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { restoreEnv, stubEnv } from "@/lib/testing/env";
import { eq } from "drizzle-orm";
import { outbox } from "@/db/schema";
import { insertPendingEvent } from "@/lib/relay/testing";
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

afterEach(() => {
  restoreEnv();
});

afterAll(async () => {
  await testDb.dispose();
});

describe("GET /api/health", () => {
  it("reports the database, the relay mode in force and the outbox backlog", async () => {
    stubEnv({ RELAY_MODE: "", INNGEST_DEV: "", INNGEST_EVENT_KEY: "", INNGEST_SIGNING_KEY: "" });
    const { salon } = await createSalonFixture(testDb.db);
    const oldest = await insertPendingEvent(testDb.db, salon.id);
    await testDb.db.update(outbox).set({ createdAt: new Date(Date.now() - 90_000) }).where(eq(outbox.id, oldest));
    await insertPendingEvent(testDb.db, salon.id);
    const sent = await insertPendingEvent(testDb.db, salon.id);
    await testDb.db.update(outbox).set({ status: "sent", sentAt: new Date() }).where(eq(outbox.id, sent));

    const response = await GET();
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      db: "ok",
      driver: testDb.driver,
      relay: { mode: "embedded", running: false },
      outbox: { counts: { pending: 2, processing: 0, sent: 1, dead: 0 } },
    });
    expect(body.outbox.oldestPendingAgeSeconds).toBeGreaterThanOrEqual(89);
    expect(body.outbox.oldestPendingAgeSeconds).toBeLessThan(600);
  });

  it("names Inngest as the relay when an Inngest key is configured", async () => {
    stubEnv({ RELAY_MODE: "", INNGEST_EVENT_KEY: "test-event-key" });
    const body = await (await GET()).json();
    expect(body.relay).toEqual({ mode: "inngest", running: false });
  });
});
