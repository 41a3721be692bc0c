// The relay off the request thread: on Postgres the server's relay runs in a worker process
// (forked from the TypeScript source under tsx, as in `next dev`), and `npm run relay` runs the
// same program on its own. A worker process needs a database server it can reach from outside the
// test's process — PGlite lives inside it, and on PGlite the relay stays in the server's process —
// so this file runs with DATABASE_URL (npm test on Postgres, as CI does) and is skipped on PGlite.
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { deliveries, outbox } from "@/db/schema";
import { getConfig, loadConfig } from "@/lib/config/env";
import { nudgeRelay } from "@/lib/outbox/nudge";
import { waitUntil } from "@/lib/outbox/testing";
import { createRuntime, relayHealth, startRelay, stopRelay, type Runtime } from "@/lib/runtime";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { restoreEnv, stubEnv } from "@/lib/testing/env";
import { createSalonFixture, type SalonFixture } from "@/lib/testing/fixtures";
import { insertTestEvent } from "@/lib/testing/outbox";
import { startSmtpSink, type SmtpSink } from "@/lib/testing/smtp-sink";
import { relayWorkerEntry } from "./entry";
import { STANDALONE_FLAG, WORKER_FLAG } from "./protocol";

const onPostgres = Boolean(getConfig().database.url);

let db: TestDatabase;
let databaseUrl: string;
let sink: SmtpSink;
let fixture: SalonFixture;
const runtimes: Runtime[] = [];
const children: ChildProcess[] = [];

// The worker reads its settings from the environment it inherits: the test's database and mail
// server, and a poll so slow that only a nudge (or the drain at start) delivers in time.
function workerEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { DATABASE_URL: databaseUrl, SMTP_URL: sink.url, EMBEDDED_RELAY_POLL_MS: "300000", LOG_LEVEL: "warn", ...extra };
}

beforeAll(async () => {
  if (!onPostgres) return;
  db = await createTestDatabase();
  databaseUrl = db.url!;
  sink = await startSmtpSink({ keepMessages: false });
  fixture = await createSalonFixture(db.db);
});

afterEach(async () => {
  for (const runtime of runtimes.splice(0)) await stopRelay(runtime);
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  restoreEnv();
  vi.restoreAllMocks();
});

afterAll(async () => {
  if (!onPostgres) return;
  await sink.close();
  await db.dispose();
});

/** A server's runtime on the test database; `channels` counts any use of the relay's channels in this process. */
function serverRuntime(env: Record<string, string>) {
  stubEnv(env);
  const channels = vi.fn(() => {
    throw new Error("the server's process built the relay's channels");
  });
  const runtime = createRuntime(loadConfig(process.env), { db: async () => db.db, channels });
  runtimes.push(runtime);
  return { runtime, channels };
}

const ownerMail = (eventId: number) => `<event-${eventId}@salon-booking.local>`;

async function eventDone(eventId: number): Promise<boolean> {
  const [row] = await db.db.select({ status: outbox.status }).from(outbox).where(eq(outbox.id, eventId));
  return row?.status === "done";
}

/** A booking event committed now, and the nudge its booking would send; resolves when the owner's mail is accepted. */
async function bookAndExpectMail(timeoutMs: number): Promise<number> {
  const event = await insertTestEvent(db.db, fixture);
  nudgeRelay(fixture.salon.id);
  expect(await waitUntil(() => sink.messageIds.includes(ownerMail(event.id)), timeoutMs), `mail for event ${event.id}`).not.toBeNull();
  expect(await waitUntil(() => eventDone(event.id), 5_000)).not.toBeNull();
  return event.id;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!onPostgres)("the relay worker of an embedded server on Postgres", () => {
  it("starts off the request thread, delivers on a nudge, is restarted after it is killed, and stops with the server", { timeout: 90_000 }, async () => {
    const { runtime, channels } = serverRuntime(workerEnv());
    const relay = startRelay(runtime, { sendNudgeEvent: vi.fn(), handleSignals: false, worker: relayWorkerEntry({ production: false }) });
    expect(relay).toMatchObject({ mode: "embedded", running: true, where: "worker", embedded: null });
    const worker = relay.worker!;
    expect(await waitUntil(() => worker.ready, 30_000)).not.toBeNull();
    const firstPid = worker.pid!;
    expect(firstPid).not.toBe(process.pid);
    expect(worker.holder).toContain(`-${firstPid}-`);

    // Nudged over IPC: the poll (5 minutes) could not have delivered it in time.
    const first = await bookAndExpectMail(10_000);
    // The request thread never ran the relay: no channel, no lanes in this process.
    expect(channels).not.toHaveBeenCalled();
    expect(relay.embedded).toBeNull();
    // The worker's counts reach this process's /api/metrics.
    const counted = await runtime.metrics.relayDeliveries.get();
    expect(counted.values.find((v) => v.labels.outcome === "delivered")?.value ?? 0).toBeGreaterThanOrEqual(1);

    // Killed outright, it is started again, and delivers what was committed meanwhile.
    process.kill(firstPid, "SIGKILL");
    expect(await waitUntil(() => worker.pid === undefined || worker.pid !== firstPid, 5_000)).not.toBeNull();
    const meanwhile = await insertTestEvent(db.db, fixture);
    expect(await waitUntil(() => worker.ready && worker.pid !== firstPid, 30_000)).not.toBeNull();
    expect(worker.starts).toBe(2);
    // What /api/health tells an operator.
    expect(relayHealth(relay)).toEqual({ mode: "embedded", running: true, process: "worker", worker: { ready: true, restarts: 1 } });
    expect(await waitUntil(() => sink.messageIds.includes(ownerMail(meanwhile.id)), 10_000)).not.toBeNull();
    const second = await bookAndExpectMail(10_000);
    expect([first, meanwhile.id, second].every((id) => sink.messageIds.filter((m) => m === ownerMail(id)).length === 1)).toBe(true);

    // Stopped with the server: the process is gone, and no restart follows.
    const secondPid = worker.pid!;
    await stopRelay(runtime);
    expect(isAlive(secondPid)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(worker.pid).toBeUndefined();
    expect(worker.starts).toBe(2);
  });

  it("finishes the message in flight before it stops", { timeout: 60_000 }, async () => {
    const { runtime } = serverRuntime(workerEnv());
    const relay = startRelay(runtime, { sendNudgeEvent: vi.fn(), handleSignals: false, worker: relayWorkerEntry({ production: false }) });
    expect(await waitUntil(() => relay.worker!.ready, 30_000)).not.toBeNull();
    sink.answerDelayMs = 1_500;
    try {
      const event = await insertTestEvent(db.db, fixture);
      nudgeRelay(fixture.salon.id);
      const ownerDelivery = async () =>
        (
          await db.db
            .select({ status: deliveries.status })
            .from(deliveries)
            .where(and(eq(deliveries.eventId, event.id), eq(deliveries.channel, "owner-email")))
        )[0]?.status;
      expect(await waitUntil(async () => (await ownerDelivery()) === "processing", 10_000)).not.toBeNull();
      await stopRelay(runtime);
      // Not cut off mid-send (which would leave it for another relay once its lease lapsed): recorded.
      expect(await ownerDelivery()).toBe("delivered");
      expect(sink.messageIds).toContain(ownerMail(event.id));
    } finally {
      sink.answerDelayMs = 0;
    }
  });
  it("stops by itself when its server is gone without asking (the IPC channel closes)", { timeout: 60_000 }, async () => {
    const entry = relayWorkerEntry({ production: false });
    const worker = fork(entry.script, [WORKER_FLAG], {
      execArgv: entry.execArgv,
      env: { ...process.env, ...workerEnv({ LOG_LEVEL: "info" }) },
      stdio: ["ignore", "pipe", "inherit", "ipc"],
    });
    children.push(worker);
    let output = "";
    worker.stdout!.on("data", (chunk) => (output += String(chunk)));
    const exited = new Promise<number | null>((resolve) => worker.once("exit", (code) => resolve(code)));
    const ready = new Promise((resolve) => worker.once("message", resolve));
    expect(await ready).toMatchObject({ type: "ready" });
    worker.disconnect();
    expect(await exited).toBe(0);
    expect(output).toContain('"why":"server gone"');
  });
});

describe.skipIf(!onPostgres)("npm run relay beside servers with RELAY_MODE=external", () => {
  it("delivers what a server nudges through Postgres, and exits cleanly on SIGTERM", { timeout: 60_000 }, async () => {
    const entry = relayWorkerEntry({ production: false });
    const relay = fork(entry.script, [STANDALONE_FLAG], {
      execArgv: entry.execArgv,
      env: { ...process.env, ...workerEnv({ RELAY_MODE: "external", LOG_LEVEL: "info" }) },
      stdio: ["ignore", "pipe", "inherit", "ipc"],
    });
    children.push(relay);
    let output = "";
    relay.stdout!.on("data", (chunk) => (output += String(chunk)));
    const exited = new Promise<number | null>((resolve) => relay.once("exit", (code) => resolve(code)));
    expect(await waitUntil(() => output.includes('"relay process ready"'), 30_000)).not.toBeNull();

    const { runtime, channels } = serverRuntime(workerEnv({ RELAY_MODE: "external" }));
    const state = startRelay(runtime, { sendNudgeEvent: vi.fn(), handleSignals: false });
    expect(state).toMatchObject({ mode: "external", where: "external", embedded: null, worker: null });
    await bookAndExpectMail(10_000);
    expect(channels).not.toHaveBeenCalled();

    relay.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output).toContain('"relay process stopping"');
  });

});

// These need no database server: they run on PGlite too.
describe("the relay's program", () => {
  it("refuses to start on the embedded database, with one line", { timeout: 30_000 }, async () => {
    const entry = relayWorkerEntry({ production: false });
    const env = { ...process.env, DATABASE_URL: "" };
    const relay = fork(entry.script, [STANDALONE_FLAG], { execArgv: entry.execArgv, env, stdio: ["ignore", "ignore", "pipe", "ipc"] });
    children.push(relay);
    let errors = "";
    relay.stderr!.on("data", (chunk) => (errors += String(chunk)));
    const code = await new Promise<number | null>((resolve) => relay.once("exit", resolve));
    expect(code).toBe(1);
    expect(errors.trim()).toMatch(/^Invalid configuration: the relay runs in a process of its own only on Postgres/);
  });

  it("is found as the built bundle in production and the TypeScript source under tsx otherwise", () => {
    expect(relayWorkerEntry({ production: true }, "/srv/app", [])).toEqual({ script: path.join("/srv/app", "dist/relay-worker.mjs"), execArgv: [] });
    expect(relayWorkerEntry({ production: false }, "/srv/app")).toEqual({ script: path.join("/srv/app", "lib/relay-worker/main.ts"), execArgv: ["--import", "tsx"] });
  });

  it("runs in production with the server's Node flags, but not its debugger's", () => {
    const flags = ["--max-old-space-size=512", "--inspect=9229", "--cpu-prof", "--cpu-prof-dir=/tmp/prof", "--inspect-brk"];
    expect(relayWorkerEntry({ production: true }, "/srv/app", flags).execArgv).toEqual(["--max-old-space-size=512", "--cpu-prof", "--cpu-prof-dir=/tmp/prof"]);
  });
});
