#!/usr/bin/env bash
# npm run test:e2e: installs code-server if needed, builds and packages the extension, runs the end-to-end suite in code-server + Chromium.
set -euo pipefail
cd "$(dirname "$0")/../.."

bash test/e2e/setup-code-server.sh >/dev/null
# The same packaging as `npm run package`, into a private folder so that a concurrent build cannot hand the suite a half-written .vsix.
npm run --silent build
ERUDI_E2E_VSIX="$(mktemp -d)/erudi-migrations.vsix"
export ERUDI_E2E_VSIX
npx --no-install vsce package --allow-missing-repository --no-dependencies --no-rewrite-relative-links -o "$ERUDI_E2E_VSIX" >/dev/null
node --import tsx --test --test-concurrency=1 test/e2e/*.test.ts
