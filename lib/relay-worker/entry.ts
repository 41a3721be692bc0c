import path from "node:path";
import type { AppConfig } from "@/lib/config/env";
import type { RelayWorkerEntry } from "./supervisor";

// Which program the relay worker runs. The Next.js server bundles lib/ into its own chunks, which
// a child process cannot load, so the worker is a program of its own: in production the bundle
// `npm run build` writes to dist/relay-worker.mjs (scripts/build-relay-worker.mjs; its packages
// are loaded from node_modules), and in development and tests the TypeScript source run by tsx,
// so an edit needs no build. Paths are from the project folder, where `next start` and `next dev` run.

export const RELAY_WORKER_BUNDLE = "dist/relay-worker.mjs";
const RELAY_WORKER_SOURCE = "lib/relay-worker/main.ts";

/**
 * The relay worker's program for this configuration. In production it runs with the server's own
 * Node flags, as a forked child does by default (`node --max-old-space-size=… --cpu-prof …`
 * apply to both), except a debugger's, whose port the server already holds.
 */
export function relayWorkerEntry(config: Pick<AppConfig, "production">, root = process.cwd(), serverFlags = process.execArgv): RelayWorkerEntry {
  if (config.production) {
    const execArgv = serverFlags.filter((flag) => !/^--(inspect|debug)/.test(flag));
    return { script: path.join(/*turbopackIgnore: true*/ root, RELAY_WORKER_BUNDLE), execArgv };
  }
  return { script: path.join(/*turbopackIgnore: true*/ root, RELAY_WORKER_SOURCE), execArgv: ["--import", "tsx"] };
}
