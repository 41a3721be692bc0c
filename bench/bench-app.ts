// The benchmark's own build of the app: a scratch copy of the project under bench/.tmp with one
// extra route, POST /api/bench/floor (bench/floor-route.ts), so bench:booking can compare the
// booking API with a bare route on the same server. The project's own build never has that route.
// The copy sits inside the project so it resolves the project's node_modules (Turbopack takes the
// project, which holds the only lockfile, as its root).
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { buildApp, log, PROJECT_ROOT } from "./lib";

export const BENCH_APP_DIR = path.join(PROJECT_ROOT, "bench/.tmp/booking-app");
export const FLOOR_ROUTE = "/api/bench/floor";

// Not copied: dependencies and build output, other tools' folders, tests, and the lockfile (a
// lockfile in the copy would make it a root of its own, cut off from node_modules).
const LEFT_OUT = new Set(["node_modules", ".next", ".data", ".git", "bench", "e2e", "docs", "test-results", "playwright-report", "blob-report", "package-lock.json", "tsconfig.tsbuildinfo", "next-env.d.ts"]);

function copied(source: string): boolean {
  const relative = path.relative(PROJECT_ROOT, source);
  if (LEFT_OUT.has(relative.split(path.sep)[0])) return false;
  return !/\.test\.tsx?$/.test(relative);
}

/** Copies the project with the floor route added and builds it; with BENCH_SKIP_BUILD=1 reuses the last such build. */
export async function prepareBenchApp(): Promise<string> {
  if (process.env.BENCH_SKIP_BUILD === "1" && existsSync(path.join(BENCH_APP_DIR, ".next/BUILD_ID"))) {
    log("reusing the bench build", { appDir: path.relative(PROJECT_ROOT, BENCH_APP_DIR) });
    return BENCH_APP_DIR;
  }
  rmSync(BENCH_APP_DIR, { recursive: true, force: true });
  mkdirSync(BENCH_APP_DIR, { recursive: true });
  // Entry by entry: cpSync refuses to copy a folder into a folder inside it.
  for (const entry of readdirSync(PROJECT_ROOT)) {
    const source = path.join(PROJECT_ROOT, entry);
    if (copied(source)) cpSync(source, path.join(BENCH_APP_DIR, entry), { recursive: true, filter: copied });
  }
  const routeDir = path.join(BENCH_APP_DIR, "app", ...FLOOR_ROUTE.split("/").filter(Boolean));
  mkdirSync(routeDir, { recursive: true });
  copyFileSync(path.join(PROJECT_ROOT, "bench/floor-route.ts"), path.join(routeDir, "route.ts"));
  await buildApp(BENCH_APP_DIR);
  return BENCH_APP_DIR;
}
