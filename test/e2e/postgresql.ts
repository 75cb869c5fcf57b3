// A throwaway PostgreSQL cluster that wants a password (scram-sha-256 over TCP), for the secret-storage path of the e2e suite.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { python } from './database';

const pgbin = process.env.ERUDI_PGBIN ?? '/usr/lib/postgresql/15/bin';

export interface PostgresCluster {
  /** The URL without the password, as a user writes it in the settings. */
  url: string;
  password: string;
  /** Rows of a query, run by psycopg with the password (not by the code under test). */
  rows(sql: string): unknown[][];
  stop(): void;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function must(what: string, result: ReturnType<typeof spawnSync>): void {
  if (result.status !== 0) throw new Error(`${what} failed: ${String(result.stderr ?? '')}${String(result.stdout ?? '')}`);
}

export async function startPostgres(password: string): Promise<PostgresCluster> {
  const work = mkdtempSync(path.join(tmpdir(), 'erudi-e2e-pg-'));
  chmodSync(work, 0o755);
  // PostgreSQL refuses to run as root: the cluster then belongs to the postgres user.
  const asOwner = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
  if (asOwner.length) must('chown', spawnSync('chown', ['postgres', work]));
  const pwfile = path.join(work, 'pw');
  writeFileSync(pwfile, `${password}\n`);
  chmodSync(pwfile, 0o644);
  const run = (args: string[]) => spawnSync(asOwner[0] ?? args[0]!, asOwner.length ? [...asOwner.slice(1), ...args] : args.slice(1), { encoding: 'utf8' });
  must('initdb', run([`${pgbin}/initdb`, '-D', `${work}/data`, '-U', 'erudi', '-A', 'scram-sha-256', `--pwfile=${pwfile}`, '-E', 'UTF8', '--no-sync']));
  rmSync(pwfile);
  const port = await freePort();
  must('pg_ctl start', run([`${pgbin}/pg_ctl`, '-D', `${work}/data`, '-l', `${work}/server.log`, '-w',
    '-o', `-k ${work} -p ${port} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']));
  const url = `postgresql://erudi@127.0.0.1:${port}/postgres`;
  return {
    url,
    password,
    rows(sql) {
      const script = 'import json, os, sys, psycopg\nwith psycopg.connect(sys.argv[1]) as c:\n    print(json.dumps(c.execute(sys.argv[2]).fetchall()))';
      const result = spawnSync(python, ['-c', script, url, sql], { encoding: 'utf8', env: { ...process.env, PGPASSWORD: password } });
      if (result.status !== 0) throw new Error(`psycopg: ${result.stderr.trim()}`);
      return JSON.parse(result.stdout) as unknown[][];
    },
    stop() {
      run([`${pgbin}/pg_ctl`, '-D', `${work}/data`, '-m', 'immediate', 'stop']);
      rmSync(work, { recursive: true, force: true });
    },
  };
}
