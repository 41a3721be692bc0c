import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { restoreEnv, stubEnv } from "@/lib/testing/env";
import { outbox } from "@/db/schema";
import { loadConfig } from "@/lib/config/env";
import { nudgeRelay } from "@/lib/outbox/nudge";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture } from "@/lib/testing/fixtures";
import { activeRelay, relayStatus, startRelay } from "./runtime";
import { createRecordingChannel, insertPendingEvent, waitUntil } from "./testing";

let testDb: TestDatabase;
let salonId: string;

beforeAll(async () => {
  testDb = await createTestDatabase();
  salonId = (await createSalonFixture(testDb.db)).salon.id;
});

afterEach(async () => {
  await activeRelay()?.stop();
  restoreEnv();
  vi.restoreAllMocks();
});

afterAll(async () => {
  await testDb.dispose();
});

const noDb = () => Promise.reject(new Error("not used in Inngest mode"));

describe("startRelay", () => {
  it("embedded mode: starts once per process, and a nudge after a commit delivers at once", async () => {
    const channel = createRecordingChannel();
    const log = vi.spyOn(console, "info");
    const deps = {
      config: loadConfig({ EMBEDDED_RELAY_POLL_MS: "300000" }),
      getDb: async () => testDb.db,
      getChannels: () => [channel],
      sendNudgeEvent: vi.fn(),
      handleSignals: false,
    };
    const relay = startRelay(deps);
    expect(startRelay(deps)).toBe(relay); // a hot reload's second register() is a no-op
    expect(relay.mode).toBe("embedded");
    expect(relayStatus()).toEqual({ mode: "embedded", running: true });
    const started = log.mock.calls.map((c) => JSON.parse(String(c[0]))).find((l) => l.msg === "relay mode");
    expect(started).toMatchObject({ mode: "embedded", reason: "no INNGEST_* settings" });

    await waitUntil(() => relay.embedded !== null, 1_000);
    const id = await insertPendingEvent(testDb.db, salonId);
    nudgeRelay();
    const sent = async () => (await testDb.db.select().from(outbox).where(eq(outbox.id, id)))[0].status === "sent";
    expect(await waitUntil(sent, 1_000)).not.toBeNull();
    expect(deps.sendNudgeEvent).not.toHaveBeenCalled();

    await relay.stop();
    expect(activeRelay()).toBeNull();
  });

  it("Inngest mode: the nudge sends outbox/pending to the Inngest server, and a failed send never throws", async () => {
    const received: { path: string; body: unknown }[] = [];
    const server = createServer(async (req: IncomingMessage, res) => {
      let raw = "";
      for await (const chunk of req) raw += chunk;
      received.push({ path: req.url ?? "", body: JSON.parse(raw || "null") });
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ids: ["01"], status: 200 }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    stubEnv({ INNGEST_DEV: "1", INNGEST_BASE_URL: baseUrl });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const { inngest, outboxPendingEvents } = await import("@/inngest/client");
      const relay = startRelay({
        config: loadConfig({ INNGEST_DEV: "1" }),
        getDb: noDb,
        getChannels: () => [],
        sendNudgeEvent: (salonIds) => inngest.send(outboxPendingEvents(salonIds)),
      });
      expect(relay.mode).toBe("inngest");

      // Each nudge names its salon; those made while a send is in flight go out together in the
      // next send, one event per salon.
      const [a, b] = [crypto.randomUUID(), crypto.randomUUID()];
      nudgeRelay(a);
      nudgeRelay(b);
      nudgeRelay(a);
      nudgeRelay(b);
      expect(await waitUntil(() => received.length >= 2, 3_000)).not.toBeNull();
      expect(received[0].path).toMatch(/^\/e\//);
      expect(received[0].body).toEqual([expect.objectContaining({ name: "outbox/pending", data: { salonId: a } })]);
      expect(received[1].body).toEqual([
        expect.objectContaining({ name: "outbox/pending", data: { salonId: b } }),
        expect.objectContaining({ name: "outbox/pending", data: { salonId: a } }),
      ]);
      // A nudge that names no salon asks for a drain of every salon.
      nudgeRelay();
      expect(await waitUntil(() => received.length >= 3, 3_000)).not.toBeNull();
      expect(received[2].body).toEqual([expect.objectContaining({ name: "outbox/pending", data: {} })]);

      // The event API is down: the caller of nudgeRelay() sees nothing, the relay's cron catches up.
      await relay.stop();
      const failing = vi.fn().mockRejectedValue(new Error("event API unreachable"));
      startRelay({ config: loadConfig({ INNGEST_DEV: "1" }), getDb: noDb, getChannels: () => [], sendNudgeEvent: failing });
      expect(() => nudgeRelay()).not.toThrow();
      const logged = () => warn.mock.calls.some((c) => String(c[0]).includes("relay nudge failed"));
      expect(await waitUntil(logged, 1_000)).not.toBeNull();
      expect(failing).toHaveBeenCalledTimes(1);
    } finally {
      server.close();
    }
  });
});
