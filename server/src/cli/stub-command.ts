// `erudi-migrations stub [DIR]`: writes migration/__builtins__.pyi in every application, so pyright/Pylance know the script names.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { scriptCatalog } from '../core/catalog/catalog';
import { pythonStub, STUB_FILE_NAME } from '../core/catalog/python-stub';
import { bundledFrameworkVersion } from '../core/installed-framework';
import { nodeFileSystem } from '../core/workspace/node-file-system';
import { WorkspaceIndex } from '../core/workspace/workspace-index';

export const STUB_USAGE = `Usage: erudi-migrations stub [DIR] [--check]

Writes migration/${STUB_FILE_NAME} into every Erudi application under DIR (default: the current
folder). pyright and Pylance read that file as extra builtins for the scripts of that folder, so
add_attribute, checkpoint, config, ... are known names with their signatures (docs/pyright.md).

Options:
  --check     write nothing; exit 1 when a stub is missing or out of date (for CI)
  -h, --help  show this help`;

/** Runs the stub command on its arguments (after "stub"); returns the exit status. */
export function stubCommand(argv: string[], out: (line: string) => void, err: (line: string) => void): number {
  let dir: string | undefined;
  let check = false;
  for (const arg of argv) {
    if (arg === '--help' || arg === '-h') {
      out(STUB_USAGE);
      return 0;
    } else if (arg === '--check') check = true;
    else if (arg.startsWith('-')) {
      err(`erudi-migrations stub: unknown option "${arg}". Run "erudi-migrations stub --help".`);
      return 2;
    } else if (dir === undefined) dir = arg;
    else {
      err(`erudi-migrations stub: one DIR only (got "${dir}" and "${arg}").`);
      return 2;
    }
  }
  const root = resolve(dir ?? '.');
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    err(`erudi-migrations stub: ${dir ?? root}: no such directory. Give the folder holding your application(s).`);
    return 2;
  }
  const index = new WorkspaceIndex(nodeFileSystem);
  index.scan([root]);
  if (index.applications.size === 0) {
    err(`erudi-migrations stub: no application (a folder with a migration/ folder) under ${dir ?? '.'}.`);
    return 1;
  }
  const text = pythonStub(scriptCatalog, bundledFrameworkVersion().text);
  let stale = 0;
  for (const application of index.applications.values()) {
    const path = join(application.migrationDir, STUB_FILE_NAME);
    const fromHere = relative(process.cwd(), path);
    const shown = fromHere && !fromHere.startsWith('..') ? fromHere : path;
    const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    if (current === text) {
      out(`${shown}: up to date`);
    } else if (check) {
      stale++;
      err(`${shown}: ${current === undefined ? 'missing' : 'out of date'}; run "erudi-migrations stub ${dir ?? '.'}" to write it`);
    } else {
      writeFileSync(path, text);
      out(`${shown}: ${current === undefined ? 'written' : 'updated'}`);
    }
  }
  return stale ? 1 : 0;
}
