// Entry point of the headless checker (dist/server/check.js, started by bin/erudi-migrations.js).
import { setFlagsFromString } from 'node:v8';
import { main } from './check-command';
import { prepareScriptAnalysis } from '../features/script/script-analysis';

// One run, then exit: most of what a check allocates dies within one document, but V8 lets the old generation grow
// to about four times what survived the last full collection before collecting again (peak RSS ~250 MB at 5,000
// realistic scripts for ~50 MB live). Growing by 80% at most, with the smaller young generation bin/erudi-migrations.js
// starts the checker with, keeps the peak near 170 MB for the CPU time of V8's defaults (bench/README.md). Set before
// the first full collection, whose limit it shapes.
setFlagsFromString('--heap-growing-percent=80');

// Script-body checks parse Python with tree-sitter, whose wasm loads asynchronously, once.
prepareScriptAnalysis().then(
  () => {
    process.exitCode = main(process.argv.slice(2), (line) => process.stdout.write(`${line}\n`), (line) => process.stderr.write(`${line}\n`));
  },
  (error) => {
    process.stderr.write(`erudi-migrations: cannot load the Python grammar: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
