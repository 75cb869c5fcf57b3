// Entry point of the headless checker (dist/server/check.js, started by bin/erudi-migrations.js).
import { main } from './check-command';
import { prepareScriptAnalysis } from '../features/script/script-analysis';

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
