// Shared pieces of the benchmarks: a local database, a production server, and percentiles.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import postgres from "postgres";

export function log(message: string, extra: Record<string, unknown> = {}): void {
  console.error(JSON.stringify({ t: new Date().toISOString(), msg: message, ...extra }));
}

/** DATABASE_URL, or a fresh database on the local Postgres that `drop()` removes again. */
export async function benchDatabase(prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const given = process.env.DATABASE_URL?.trim();
  if (given) return { url: given, drop: async () => {} };
  const admin = postgres("postgres://postgres@127.0.0.1:5432/postgres", { max: 1, onnotice: () => {} });
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  return {
    url: `postgres://postgres@127.0.0.1:5432/${name}`,
    drop: async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

/**
 * The rate limits of a benchmark's server: every limit a booking is counted against is still
 * checked (its statement is part of what a booking costs), but set far above what one load
 * generator on one address sends. BENCH_RATE_LIMITS=off switches them off, to measure the check.
 */
export function benchRateLimits(): Record<string, string> {
  const rule = process.env.BENCH_RATE_LIMITS === "off" ? "off" : "1000000/1m";
  return Object.fromEntries(
    ["RATE_LIMIT_BOOKING_IP", "RATE_LIMIT_BOOKING_EMAIL", "RATE_LIMIT_BOOKING_SALON", "RATE_LIMIT_CONFIRMATION_EMAIL"].map((name) => [name, rule]),
  );
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[i] * 10) / 10;
}

export function run(command: string, args: string[], env: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, ...env } });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited ${code}`))));
  });
}

/** Builds (unless BENCH_SKIP_BUILD=1) and starts `next start`; resolves once /api/health answers. */
export async function startServer(port: number, env: Record<string, string>): Promise<{ url: string; stop(): Promise<void> }> {
  if (process.env.BENCH_SKIP_BUILD !== "1") {
    log("building the production server");
    await run("npx", ["next", "build"], { NODE_ENV: "production" });
  }
  const child: ChildProcess = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, ...env, NODE_ENV: "production" },
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error("server did not become healthy within 60 s");
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    stop: async () => {
      if (child.pid) process.kill(-child.pid, "SIGTERM");
      await new Promise((r) => setTimeout(r, 500));
    },
  };
}
