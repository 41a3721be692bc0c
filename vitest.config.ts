import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["**/*.test.ts"],
    // bench/.tmp holds the benchmarks' scratch copy of the app (bench/bench-app.ts).
    exclude: ["node_modules/**", "e2e/**", ".next/**", ".data/**", "bench/.tmp/**"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: more workers than that only thrash PGlite's WASM start-up.
    maxWorkers: 2,
  },
});
