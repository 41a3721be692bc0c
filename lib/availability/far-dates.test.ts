import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Issue 13, finding 1: GET …/availability?from=9999-12-31 pinned a core and grew to 5.5 GB, because
// eachDate() compared date strings and addDays("9999-12-31", 1) is "+010000-01-01", which sorts
// before it. The requests run in a child process with a time limit: a loop that never yields lets
// no timer in this process fire, so only a kill from outside can turn a regression into a failure.

// Far more than the probe needs (a few seconds), so a slow machine never fails it; it only has to end.
const TIME_LIMIT_MS = 90_000;

function runProbe(): Promise<{ killed: boolean; code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "far-dates.probe.ts")], {
      cwd: path.resolve(import.meta.dirname, "../.."),
      env: { ...process.env, LOG_LEVEL: "silent" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill("SIGKILL");
    }, TIME_LIMIT_MS);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ killed, code, stdout, stderr });
    });
  });
}

describe("dates at the end of the calendar (issue 13, finding 1)", () => {
  it("are answered (400 past the horizon) instead of looping forever", { timeout: TIME_LIMIT_MS + 30_000 }, async () => {
    const run = await runProbe();
    expect(run.killed, "the probe was still running after the time limit: a date loop does not end").toBe(false);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout.trim().split("\n").at(-1)!);
    expect(out.eachDate).toBe(7);
    expect(out.computeSlots).toBeGreaterThan(0);
    expect(out.from.status).toBe(400);
    expect(out.from.body.fieldErrors.from[0]).toMatch(/at most 90 days ahead/);
    expect(out.range.status).toBe(400);
    expect(out.listAvailableSlots).toBe("InvalidQueryError");
    expect(out.listRescheduleSlots).toBe("answered");
    expect(out.booking.status).toBe(400);
    expect(out.booking.body.fieldErrors.start).toBeDefined();
  });
});
