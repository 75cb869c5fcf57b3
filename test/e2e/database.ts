// What the end-to-end tests check outside the editor: the SQLite file itself, read with Python's sqlite3, and the runtime's CLI.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The interpreter the tests and the extension use: Debian's, which sees apt's python3-psycopg. */
export const python = process.env.ERUDI_E2E_PYTHON ?? '/usr/bin/python3';

/** Rows of a query, read by Python's sqlite3 (not by the code under test). */
export function sqliteRows(file: string, sql: string): unknown[][] {
  const script = 'import json, sqlite3, sys\ncon = sqlite3.connect(sys.argv[1])\nprint(json.dumps(con.execute(sys.argv[2]).fetchall()))';
  const result = spawnSync(python, ['-c', script, file, sql], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`sqlite3 on ${file}: ${result.stderr.trim()}`);
  return JSON.parse(result.stdout) as unknown[][];
}

export function tableExists(file: string, table: string): boolean {
  return existsSync(file) && sqliteRows(file, `SELECT name FROM sqlite_master WHERE type = 'table' AND name = '${table}'`).length === 1;
}

export function fileDigest(file: string): string {
  return createHash('sha256').update(readFileSync(file).toString('base64')).digest('hex');
}

/** Runs the runtime's CLI from `runtimeRoot` (the repo's runtime/), as CI would, to prepare a database. */
export function runtimeCli(runtimeRoot: string, args: string[]): string {
  const result = spawnSync(python, ['-m', 'erudi_migrate', ...args], {
    encoding: 'utf8', env: { ...process.env, PYTHONPATH: runtimeRoot },
  });
  if (result.status !== 0) throw new Error(`erudi_migrate ${args.join(' ')} exited ${result.status}: ${result.stderr.trim()}`);
  return result.stdout;
}

/** The model version of an application, from its __pkginfo__.py. */
export function modelVersion(app: string): string {
  const m = /numversion\s*=\s*\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)/.exec(readFileSync(path.join(app, '__pkginfo__.py'), 'utf8'));
  if (!m) throw new Error(`${app}/__pkginfo__.py has no numversion`);
  return `${m[1]}.${m[2]}.${m[3]}`;
}
