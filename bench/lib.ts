// Shared pieces of the benchmarks: a local database, a production server, and percentiles.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, mkdirSync, openSync } from "node:fs";
import path from "node:path";
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

export function run(command: string, args: string[], env: Record<string, string> = {}, cwd?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, ...env } });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited ${code}`))));
  });
}

export const PROJECT_ROOT = path.resolve(import.meta.dirname, "..");
const NEXT_BIN = path.join(PROJECT_ROOT, "node_modules/next/dist/bin/next");

/** `next build` of the app in `appDir` (the project by default). */
export async function buildApp(appDir = PROJECT_ROOT): Promise<void> {
  log("building the production server", { appDir: path.relative(PROJECT_ROOT, appDir) || "." });
  await run(process.execPath, [NEXT_BIN, "build"], { NODE_ENV: "production" }, appDir);
  // The relay worker's program, as `npm run build` makes it: on Postgres the server forks it.
  await run(process.execPath, ["scripts/build-relay-worker.mjs"], {}, appDir);
}

export interface RunningServer {
  url: string;
  /** The server's process group (it is started detached, so it leads one): its CPU is read from /proc. */
  pgid: number;
  stop(): Promise<void>;
}

export interface ServerOptions {
  /** The built app to start; default the project (built first unless BENCH_SKIP_BUILD=1). */
  appDir?: string;
  /** Where the server's output goes; default: its stderr to this process's stderr, stdout dropped. */
  logFile?: string;
}

/** Starts `next start` of a production build; resolves once /api/health answers. */
/** BENCH_SERVER_PROFILE=<folder>: the server process writes a V8 CPU profile there when it stops. */
function serverProfile(): string[] {
  const dir = process.env.BENCH_SERVER_PROFILE;
  return dir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(dir)}`] : [];
}

export async function startServer(port: number, env: Record<string, string>, options: ServerOptions = {}): Promise<RunningServer> {
  const appDir = options.appDir ?? PROJECT_ROOT;
  if (!options.appDir && process.env.BENCH_SKIP_BUILD !== "1") await buildApp();
  let output: "ignore" | "inherit" | number = "inherit";
  if (options.logFile) {
    mkdirSync(path.dirname(options.logFile), { recursive: true });
    output = openSync(options.logFile, "w");
  }
  const child: ChildProcess = spawn(process.execPath, [...serverProfile(), NEXT_BIN, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: appDir,
    stdio: ["ignore", options.logFile ? output : "ignore", output],
    env: { ...process.env, ...env, NODE_ENV: "production" },
    detached: true,
  });
  if (typeof output === "number") closeSync(output);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before it became healthy${options.logFile ? ` (see ${options.logFile})` : ""}`);
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
    pgid: child.pid!,
    stop: async () => {
      if (child.exitCode === null && child.pid) process.kill(-child.pid, "SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    },
  };
}
