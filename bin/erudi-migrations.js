#!/usr/bin/env node
// Headless checker: `erudi-migrations check [DIR]` runs the language server's checks and exits 1 on errors.
//
// The checker runs with V8 semispaces of 8 MB instead of 16: at 5,000 realistic scripts, ~20 MB less peak RSS for the
// same CPU time (bench/README.md). V8 reads that size only when the process starts, so the first process starts the
// checker again with it and passes its exit status on (its output goes straight to this one's).
const YOUNG_GENERATION = '--max-semi-space-size=8';

if (process.execArgv.includes(YOUNG_GENERATION)) {
  require('../dist/server/check.js');
} else {
  const { spawnSync } = require('node:child_process');
  const run = spawnSync(process.execPath, [...process.execArgv, YOUNG_GENERATION, __filename, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (run.error) {
    // No second process (a sandbox refusing to spawn): check here, with V8's default young generation.
    require('../dist/server/check.js');
  } else if (run.signal) {
    process.kill(process.pid, run.signal);
  } else {
    process.exitCode = run.status ?? 1;
  }
}
