// Entry point of the headless checker (dist/server/check.js, started by bin/erudi-migrations.js).
import { main } from './check-command';

process.exitCode = main(process.argv.slice(2), (line) => process.stdout.write(`${line}\n`), (line) => process.stderr.write(`${line}\n`));
