#!/usr/bin/env node
// Wraps the Python runtime's CLI: `erudi-migrate create | upgrade | run | status`.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const runtimeDir = path.join(__dirname, '..', 'runtime');
const python = process.env.ERUDI_PYTHON || 'python3';
const env = { ...process.env, PYTHONPATH: [runtimeDir, process.env.PYTHONPATH].filter(Boolean).join(path.delimiter) };
const result = spawnSync(python, ['-m', 'erudi_migrate', ...process.argv.slice(2)], { stdio: 'inherit', env });
if (result.error) {
  console.error(`erudi-migrate: cannot start ${python}: ${result.error.message} (set ERUDI_PYTHON to a Python 3.9+ interpreter)`);
  process.exit(127);
}
process.exit(result.status ?? 1);
