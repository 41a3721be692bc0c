#!/usr/bin/env bash
# `npm test`: every test — typecheck and lint, unit and integration (Vitest), then end-to-end (Playwright against the
# production build). Uses PGlite unless DATABASE_URL is set.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== typecheck"
npx tsc --noEmit
echo "== lint"
npx eslint .
db=${DATABASE_URL:+postgres}; echo "== vitest (${db:-pglite})"
npx vitest run
echo "== playwright"
npx playwright test
