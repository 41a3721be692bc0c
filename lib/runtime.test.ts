import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { outbox } from "@/db/schema";
import { loadConfig } from "@/lib/config/env";
import { nudgeRelay } from "@/lib/outbox/nudge";
import { createRecordingChannel, insertPendingEvent, waitUntil } from "@/lib/outbox/testing";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { restoreEnv, stubEnv } from "@/lib/testing/env";
import { createSalonFixture } from "@/lib/testing/fixtures";
import { createRuntime, startRelay, stopRelay, type Runtime } from "./runtime";

let testDb: TestDatabase;
let salonId: string;
const started: Runtime[] = [];

beforeAll(async () => {
  testDb = await createTestDatabase();
  // No day sheet: the relay's housekeeping would queue one for it (its time has passed today) on the same channel.
  salonId = (await createSalonFixture(testDb.db, { daySheetTime: null })).salon.id;
});

afterEach(async () => {
  for (const runtime of started.splice(0)) await stopRelay(runtime);
  restoreEnv();
  vi.restoreAllMocks();
});

afterAll(async () => {
  await testDb.dispose();
});

function runtimeFor(env: Record<string, string>, channels = [createRecordingChannel()]) {
  const runtime = createRuntime(loadConfig(env), { db: async () => testDb.db, channels: () => channels });
  started.push(runtime);
  return runtime;
}

describe("startRelay", () => {
  it("embedded mode: starts once, and a nudge after a commit delivers at once", async () => {
    const channel = createRecordingChannel();
    const log = vi.spyOn(console, "info");
    const runtime = runtimeFor({ EMBEDDED_RELAY_POLL_MS: "300000" }, [channel]);
    const send = vi.fn();
    const relay = startRelay(runtime, { sendNudgeEvent: send, handleSignals: false });
    expect(startRelay(runtime, { sendNudgeEvent: send, handleSignals: false })).toBe(relay); // a hot reload's second register() is a no-op
    // No DATABASE_URL in this configuration: PGlite, whose data folder only this process may open, so the lanes run here.
    expect(relay).toMatchObject({ mode: "embedded", running: true, where: "server", worker: null });
    const line = log.mock.calls.map((c) => JSON.parse(String(c[0]))).find((l) => l.msg === "relay mode");
    expect(line).toMatchObject({ level: "info", mode: "embedded", reason: "no INNGEST_* settings" });

    await waitUntil(() => relay.embedded !== null, 1_000);
    const id = await insertPendingEvent(testDb.db, salonId);
    nudgeRelay(salonId);
    const done = async () => (await testDb.db.select().from(outbox).where(eq(outbox.id, id)))[0].status === "done";
    expect(await waitUntil(done, 1_000)).not.toBeNull();
    expect(channel.delivered).toEqual([id]);
    expect(send).not.toHaveBeenCalled();
  });

  it("embedded mode on Postgres without the relay worker's program (not built): runs the relay itself and says why", async () => {
    const channel = createRecordingChannel();
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const runtime = runtimeFor({ DATABASE_URL: "postgres://127.0.0.1:5432/unused", EMBEDDED_RELAY_POLL_MS: "300000" }, [channel]);
    const relay = startRelay(runtime, { sendNudgeEvent: vi.fn(), handleSignals: false, worker: { script: "/nonexistent/relay-worker.mjs", execArgv: [] } });
    expect(relay).toMatchObject({ where: "server", worker: null });
    const line = error.mock.calls.map((c) => JSON.parse(String(c[0]))).find((l) => l.msg.startsWith("relay worker program missing"));
    expect(line).toMatchObject({ script: "/nonexistent/relay-worker.mjs" });
    await waitUntil(() => relay.embedded !== null, 1_000);
    const id = await insertPendingEvent(testDb.db, salonId);
    nudgeRelay(salonId);
    expect(await waitUntil(() => channel.delivered.includes(id), 2_000)).not.toBeNull();
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
      const runtime = runtimeFor({ INNGEST_DEV: "1" });
      const relay = startRelay(runtime, { sendNudgeEvent: (nudge) => inngest.send(outboxPendingEvents(nudge.salonIds)) });
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
      await stopRelay(runtime);
      const failing = vi.fn().mockRejectedValue(new Error("event API unreachable"));
      startRelay(runtimeFor({ INNGEST_DEV: "1" }), { sendNudgeEvent: failing });
      expect(() => nudgeRelay()).not.toThrow();
      const logged = () => warn.mock.calls.some((c) => String(c[0]).includes("relay nudge failed"));
      expect(await waitUntil(logged, 1_000)).not.toBeNull();
      expect(failing).toHaveBeenCalledTimes(1);
    } finally {
      server.close();
    }
  });

  it("Inngest mode without an event key: no nudge is attempted at all, the cron drives the relay", async () => {
    const send = vi.fn();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    startRelay(runtimeFor({ RELAY_MODE: "inngest" }), { sendNudgeEvent: send });
    nudgeRelay(salonId);
    nudgeRelay(salonId);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(send).not.toHaveBeenCalled();
    // The start-up says why.
    expect(warn.mock.calls.map((c) => String(c[0])).join("\n")).toMatch(/INNGEST_EVENT_KEY is not set/);
  });
});
