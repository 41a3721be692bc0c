#!/usr/bin/env bash
# Starts the production build for the Playwright suite: a fresh embedded database in .data/e2e,
# or DATABASE_URL migrated and seeded first.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf "${DATA_DIR:-.data/e2e}"
if [ -n "${DATABASE_URL:-}" ]; then
  npx tsx db/seed-cli.ts
fi
if [ "${E2E_SKIP_BUILD:-}" != "1" ]; then
  npx next build
fi
# The relay worker's program (the server forks it on Postgres): two seconds, so always.
node scripts/build-relay-worker.mjs
# Idle connections kept 65 s, as `npm start` does (README): with Node's 5 s a client reusing a
# connection just as the server closed it got ECONNRESET (a flaky API request in owner-ui.spec).
exec npx next start -p "${PORT:-3100}" -H 127.0.0.1 --keepAliveTimeout 65000
