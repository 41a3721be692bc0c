// Builds the relay worker's program (lib/relay-worker/main.ts) into dist/relay-worker.mjs for
// production, where the server forks it (and `npm run relay` runs it). The Next.js build bundles
// lib/ into the server's own chunks, which no other process can load; this bundle holds the
// project's code and its packages, as the server's chunks do (so a package the server bundles
// from devDependencies is in it too), except those that load files of their own at run time —
// PGlite's WASM, argon2's native binary — which come from node_modules, as they do for the
// server (next.config.mjs serverExternalPackages). `npm run build` runs it after `next build`.
import { build } from "esbuild";

const started = Date.now();
await build({
  entryPoints: ["lib/relay-worker/main.ts"],
  outfile: "dist/relay-worker.mjs",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: ["@electric-sql/pglite", "@electric-sql/pglite/*", "@node-rs/argon2"],
  // The CommonJS packages in the bundle require Node's own modules; an ES module has no `require`.
  banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
  sourcemap: true,
  logLevel: "warning",
});
console.log(`relay worker built: dist/relay-worker.mjs (${Date.now() - started} ms)`);
