#!/usr/bin/env bash
# npm run test:e2e: installs code-server if needed, builds and packages the extension, runs the end-to-end suite in code-server + Chromium.
set -euo pipefail
cd "$(dirname "$0")/../.."

bash test/e2e/setup-code-server.sh >/dev/null
npm run --silent package >/dev/null
node --import tsx --test --test-concurrency=1 test/e2e/*.test.ts
