// The supervisor's own promises — back-off between restarts, no restart after stop, a worker that
// will not stop is killed — with stand-in worker programs, so no database is needed (PGlite too).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { getPriority, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { waitUntil } from "@/lib/outbox/testing";
import { startRelayWorker, type RelayWorker } from "./supervisor";

let dir: string;
const workers: RelayWorker[] = [];

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "relay-supervisor-"));
});

afterEach(async () => {
  for (const worker of workers.splice(0)) await worker.stop();
  vi.restoreAllMocks();
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A stand-in worker program: says ready, then does what `body` says. */
function program(name: string, body: string): string {
  const file = path.join(dir, `${name}.mjs`);
  writeFileSync(file, `process.send({ type: "ready", holder: "stand-in-" + process.pid });\n${body}\n`);
  return file;
}

describe("the relay worker's supervisor", () => {
  it("restarts a worker that keeps dying, waiting longer each time, and never after stop", { timeout: 30_000 }, async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const startedAt: number[] = [];
    const worker = startRelayWorker({
      entry: { script: program("crashes", "setTimeout(() => process.exit(3), 20);"), execArgv: [] },
      restart: { initialMs: 200, maxMs: 800, stableMs: 60_000 },
      onReady: () => startedAt.push(Date.now()),
    });
    workers.push(worker);
    expect(await waitUntil(() => startedAt.length >= 5, 20_000)).not.toBeNull();
    const gaps = startedAt.slice(1).map((t, i) => t - startedAt[i]);
    // Back-off 200, 400, 800, 800 ms (plus the stand-in's 20 ms of life and its start).
    expect(gaps[0]).toBeGreaterThanOrEqual(200);
    expect(gaps[1]).toBeGreaterThanOrEqual(400);
    expect(gaps[2]).toBeGreaterThanOrEqual(800);
    expect(gaps[3]).toBeGreaterThanOrEqual(800);
    expect(gaps[3]).toBeLessThan(gaps[2] + 1_500); // capped, not doubled again

    await worker.stop();
    const starts = worker.starts;
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(worker.starts).toBe(starts);
    expect(worker.pid).toBeUndefined();
  });

  it("passes nudges to the worker, and kills a worker that does not stop in time", { timeout: 30_000 }, async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const seen = path.join(dir, "nudges.json");
    // Records each wake; ignores "stop" and SIGTERM alike.
    const script = program(
      "stubborn",
      `import { appendFileSync } from "node:fs";
       process.on("SIGTERM", () => {});
       process.on("message", (m) => { if (m.type === "wake") appendFileSync(${JSON.stringify(seen)}, JSON.stringify(m.nudge) + "\\n"); });
       setInterval(() => {}, 1000);`,
    );
    const worker = startRelayWorker({ entry: { script, execArgv: [] }, stopTimeoutMs: 500 });
    workers.push(worker);
    expect(await waitUntil(() => worker.ready, 10_000)).not.toBeNull();
    const pid = worker.pid!;
    await worker.wake({ salonIds: ["a1b2"], channels: ["owner-email"] });
    expect(await waitUntil(() => existsSync(seen), 5_000)).not.toBeNull();
    expect(JSON.parse(readFileSync(seen, "utf8").trim())).toEqual({ salonIds: ["a1b2"], channels: ["owner-email"] });

    const started = Date.now();
    await worker.stop();
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    expect(() => process.kill(pid, 0)).toThrow();
    expect(worker.starts).toBe(1);
  });

  it("runs the worker at a lower priority than the server, so bookings come first when the CPU is short", { timeout: 30_000 }, async () => {
    const worker = startRelayWorker({ entry: { script: program("idle", "setInterval(() => {}, 1000);"), execArgv: [] }, nice: 7, stopTimeoutMs: 200 });
    workers.push(worker);
    expect(await waitUntil(() => worker.ready, 10_000)).not.toBeNull();
    expect(getPriority(worker.pid!)).toBe(Math.min(19, getPriority() + 7));
  });
});
