// The headless checker's command line: `erudi-migrations check [DIR]` runs the language server's diagnostics pipeline for CI.
import { existsSync, statSync } from 'node:fs';
import { basename, delimiter, relative, resolve, sep } from 'node:path';
import { nodeFileSystem } from '../core/workspace/node-file-system';
import { splitCubesPath } from '../core/workspace/cubes';
import { WorkspaceIndex } from '../core/workspace/workspace-index';
import { DiagnosticsPipeline } from '../features/diagnostics/diagnostics-pipeline';
import { resolveSettings } from '../features/resolve-settings';
import { explainCode } from './explain-command';
import { recordSchemaReadsInChecks } from '../features/script/check-script';
import { keepScriptOutlines, readRelatedFilesWith, setInstanceFigures } from '../features/script/script-analysis';
import { readInstanceFigures } from './instance-figures';
import { formatReport } from './format-report';
import { jsonReport, sarifReport } from './machine-report';
import { ledgerDiagnostics, readLedger } from './ledger-check';
import { redactDatabaseUrl } from '../../../protocol/database-url';
import { readInstanceSchemaDiff } from './schema-check';
import { mainSchemaFile, schemaDiffDiagnostics } from '../features/schema/schema-not-migrated';
import { stubCommand } from './stub-command';

const USAGE = `Usage: erudi-migrations check [DIR] [--framework-version X.Y.Z] [--cubes-path DIR[:DIR...]] [--format text|json|sarif] [--db URL [--schema]]
       erudi-migrations check --explain CODE   (what a diagnostic code means; a safety rule's note, help and examples)
       erudi-migrations stub [DIR] [--check]   (typing stub for pyright/Pylance; see stub --help)

Checks every Erudi application under DIR (default: the current folder) - migration script
names, __pkginfo__.py, depends.map and script bodies - with the language server's checks.
Prints one line per diagnostic as "path:line:column: severity code: message".

Options:
  --framework-version X.Y.Z  installed framework (erudi) version for depends-framework-unavailable
                             (default: the bundled runtime's own version)
  --cubes-path DIR[:DIR...]  folders holding the cubes of __depends__ (cubicweb_<name>/,
                             cubicweb-<name>/cubicweb_<name>/ or cubes/<name>/), searched after DIR
                             and before the environment variable ERUDI_CUBES_PATH; repeatable
  --format FORMAT            text (default), json (one object: diagnostics with 1-based positions, counts)
                             or sarif (SARIF 2.1.0, for code-scanning tools)
  --explain CODE             explain a diagnostic code and exit
  --db URL                   also compare each application's scripts with that instance's ledger
                             (through the bundled runtime, ERUDI_PYTHON or python3): unapplied-script,
                             script-changed-after-apply; and give the data-aware safety rules the
                             instance's figures (erudi-migrate stats, read-only)
  --schema                   with --db: also ask the runtime what schema.py changes that no pending script
                             covers (erudi-migrate diff --after-pending): one schema-not-migrated per change,
                             on its schema.py line; exit 1 when there is any (the CI gate for a forgotten script)
  -h, --help                 show this help

Exit status: 0 when no error was found, 1 when any error was (with --schema, also any schema-not-migrated, or a
diff the runtime could not compute), 2 on bad usage.`;

const FORMATS = ['text', 'json', 'sarif'];

export function main(argv: string[], out: (line: string) => void, err: (line: string) => void): number {
  const args = [...argv];
  if (args[0] === 'stub') return stubCommand(args.slice(1), out, err);
  if (args.includes('--help') || args.includes('-h') || args.length === 0) {
    out(USAGE);
    return args.length === 0 ? 2 : 0;
  }
  const command = args.shift();
  if (command !== 'check') {
    err(`erudi-migrations: unknown command "${command}". Run "erudi-migrations --help".`);
    return 2;
  }
  let dir: string | undefined;
  let frameworkVersion: string | undefined;
  let dbUrl: string | undefined;
  let schema = false;
  const cubesPath: string[] = [];
  let format = 'text';
  while (args.length) {
    const arg = args.shift()!;
    if (arg === '--explain' || arg.startsWith('--explain=')) {
      const code = arg === '--explain' ? args.shift() : arg.slice('--explain='.length);
      if (!code) {
        err('erudi-migrations: --explain needs a code, e.g. --explain unguarded-drop.');
        return 2;
      }
      return explainCode(code, out, err);
    }
    if (arg === '--cubes-path' || arg.startsWith('--cubes-path=')) {
      const value = arg === '--cubes-path' ? args.shift() : arg.slice('--cubes-path='.length);
      if (value === undefined || value.trim() === '') {
        err('erudi-migrations: --cubes-path needs folders, e.g. --cubes-path ../cubes:/usr/share/cubes.');
        return 2;
      }
      for (const folder of splitCubesPath(value, delimiter)) {
        if (!existsSync(folder) || !statSync(folder).isDirectory()) {
          err(`erudi-migrations: --cubes-path ${folder}: no such directory. Give folders that hold cubes.`);
          return 2;
        }
        cubesPath.push(resolve(folder));
      }
    } else if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg === '--format' ? args.shift() : arg.slice('--format='.length);
      if (!value || !FORMATS.includes(value)) {
        err(`erudi-migrations: --format must be one of ${FORMATS.join(', ')}${value ? ` (got "${value}")` : ''}.`);
        return 2;
      }
      format = value;
    } else if (arg === '--db' || arg.startsWith('--db=')) {
      dbUrl = arg === '--db' ? args.shift() : arg.slice('--db='.length);
      if (!dbUrl) {
        err('erudi-migrations: --db needs a database URL, e.g. --db sqlite:///.erudi/instance.db.');
        return 2;
      }
    } else if (arg === '--schema') {
      schema = true;
    } else if (arg === '--framework-version') {
      frameworkVersion = args.shift();
      if (frameworkVersion === undefined) {
        err('erudi-migrations: --framework-version needs a version, e.g. --framework-version 2.28.0.');
        return 2;
      }
    } else if (arg.startsWith('--framework-version=')) {
      frameworkVersion = arg.slice('--framework-version='.length);
    } else if (arg.startsWith('-')) {
      err(`erudi-migrations: unknown option "${arg}". Run "erudi-migrations --help".`);
      return 2;
    } else if (dir === undefined) {
      dir = arg;
    } else {
      err(`erudi-migrations: one DIR only (got "${dir}" and "${arg}").`);
      return 2;
    }
  }
  if (schema && !dbUrl) {
    err('erudi-migrations: --schema compares schema.py with an instance: give its database, e.g. --schema --db sqlite:///.erudi/instance.db.');
    return 2;
  }
  const root = resolve(dir ?? '.');
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    err(`erudi-migrations: ${dir ?? root}: no such directory. Give the folder holding your application(s).`);
    return 2;
  }
  const { settings, problems } = resolveSettings({ frameworkVersion }, { cubesPath });
  if (problems.length) {
    err(`erudi-migrations: --framework-version "${frameworkVersion}" is not X.Y.Z.`);
    return 2;
  }
  // Paths relative to the current folder when DIR is inside it (clickable in a terminal), else to DIR.
  const cwd = process.cwd();
  const base = root === cwd || root.startsWith(cwd + sep) ? cwd : root;
  const index = new WorkspaceIndex(nodeFileSystem);
  index.scan([root]);
  // schema.py is read once for all scripts, not once per script.
  const previousReader = readRelatedFilesWith((path) => index.readRelated(path));
  // One schema per run: no schema.py edit will come, so statement results need not record what they read.
  recordSchemaReadsInChecks(false);
  keepScriptOutlines(false);
  // With an instance, the data-aware safety rules go by its figures (read-only), as the editor's do.
  if (dbUrl) {
    for (const appRoot of index.applications.keys()) {
      const figures = readInstanceFigures(appRoot, dbUrl, cubesPath);
      if ('error' in figures) err(`erudi-migrations: ${relative(base, appRoot) || '.'}: the instance's figures could not be read (the data-aware rules are static): ${figures.error}`);
      else setInstanceFigures(appRoot, figures);
    }
  }
  const pipeline = new DiagnosticsPipeline(index, settings, undefined, undefined, (m) => err(`erudi-migrations: internal: ${m}`));
  // The instance's diff is read first, so the one check puts schema-not-migrated on the schema files with the rest.
  let schemaFailures = 0;
  const unshownDiffs: Array<{ path: string; diagnostics: ReturnType<typeof schemaDiffDiagnostics> }> = [];
  if (schema && dbUrl) {
    for (const application of index.applications.values()) {
      const diff = readInstanceSchemaDiff(application.root, dbUrl, cubesPath);
      if ('error' in diff) {
        err(`erudi-migrations: ${relative(base, application.root) || basename(application.root)}: the schema difference with the instance could not be read: ${diff.error}`);
        schemaFailures++;
        continue;
      }
      const facts = { database: redactDatabaseUrl(dbUrl), storedVersion: diff.storedVersion, changes: diff.changes };
      pipeline.updateInstance(application.root, { schemaDiff: facts });
      // No schema file to show them on (schema.py was deleted): still reported, on the path schema.py would have.
      if (!application.schemaFiles.length && diff.changes.length) {
        unshownDiffs.push({ path: mainSchemaFile(application), diagnostics: schemaDiffDiagnostics(application, facts, mainSchemaFile(application), undefined) });
      }
    }
  }
  let updated: string[];
  try {
    updated = pipeline.checkAll().updated;
  } finally {
    readRelatedFilesWith(previousReader);
    recordSchemaReadsInChecks(true);
    keepScriptOutlines(true);
    for (const appRoot of index.applications.keys()) setInstanceFigures(appRoot, undefined);
  }
  const byPath = new Map(updated.map((path) => [path, pipeline.diagnosticsOf(path)]));
  for (const file of unshownDiffs) byPath.set(file.path, [...(byPath.get(file.path) ?? []), ...file.diagnostics]);
  if (dbUrl) {
    for (const appRoot of index.applications.keys()) {
      const status = readLedger(appRoot, dbUrl, cubesPath);
      if ('error' in status) {
        err(`erudi-migrations: ${relative(base, appRoot) || '.'}: the instance's ledger could not be read: ${status.error}`);
        continue;
      }
      for (const file of ledgerDiagnostics(appRoot, status)) byPath.set(file.path, [...(byPath.get(file.path) ?? []), ...file.diagnostics]);
    }
  }
  const files = [...byPath].map(([path, diagnostics]) => ({ path: relative(base, path), diagnostics }));
  const report = formatReport(files);
  if (format === 'json') out(jsonReport(files, index.applications.size));
  else if (format === 'sarif') out(sarifReport(files));
  else for (const line of report.lines) out(line);
  if (index.applications.size === 0) err(`erudi-migrations: no application (a folder with a migration/ folder) under ${dir ?? '.'}.`);
  else err(`${report.errors} error(s), ${report.warnings} warning(s) in ${index.applications.size} application(s).`);
  const unmigrated = report.codes.filter((code) => code === 'schema-not-migrated').length;
  if (schema && unmigrated) err(`${unmigrated} schema change(s) no pending script covers: generate the script (erudi-migrate generate --app DIR --db URL) or write it.`);
  return report.errors > 0 || unmigrated > 0 || schemaFailures > 0 ? 1 : 0;
}
