// The headless checker as CI runs it (node bin/erudi-migrations.js): output lines, sorting, relative paths and exit codes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { copyFixture, removeDir, REPO } from './lsp-session';

const BIN = join(REPO, 'bin/erudi-migrations.js');
const made: string[] = [];
after(() => made.forEach(removeDir));

function run(args: string[], cwd = REPO) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('check prints one sorted "path:line:column: severity code: message" line per diagnostic and exits 1 on errors', () => {
  const dir = copyFixture('names-app');
  made.push(dir);
  const { code, stdout, stderr } = run(['check', '.'], dir);
  assert.equal(code, 1, stderr);
  const lines = stdout.trim().split('\n');
  assert.deepEqual(
    lines.map((l) => l.replace(/: [^:]*$/, '').replace(/(: (?:error|warning|information) [a-z-]+).*/, '$1')),
    [
      'migration/0.2.0_add_age_any.py:1:1: error unknown-mode',
      'migration/0.2_repository.py:1:1: error bad-version',
      'migration/0.3.0_cleanup_web.sql:1:1: error sql-mode',
      'migration/0.4.0_Any.py:1:1: warning script-ahead-of-model',
      'migration/depends.map:2:9: error depends-not-monotonic',
      'migration/helpers.py:1:1: warning filename-grammar',
    ],
  );
  assert.match(lines[0], /: error unknown-mode: Mode "any" is not one of Any, repository, web, common/);
  assert.match(stderr, /4 error\(s\), 2 warning\(s\) in 1 application\(s\)/);
});

test('exit status and messages for clean, warning-only, missing and bad usage', () => {
  const clean = mkdtempSync(join(tmpdir(), 'erudi-clean-'));
  made.push(clean);
  mkdirSync(join(clean, 'app/migration'), { recursive: true });
  writeFileSync(join(clean, 'app/__pkginfo__.py'), 'numversion = (0, 1, 0)\n');
  writeFileSync(join(clean, 'app/migration/0.1.0_Any.py'), '');
  const warned = mkdtempSync(join(tmpdir(), 'erudi-warned-'));
  made.push(warned);
  mkdirSync(join(warned, 'migration'), { recursive: true });
  writeFileSync(join(warned, 'migration/notes.py'), '');
  const cases: Array<{ args: string[]; code: number; stdout?: RegExp; stderr?: RegExp }> = [
    { args: ['check', clean], code: 0, stderr: /0 error\(s\), 0 warning\(s\) in 1 application/ },
    { args: ['check', warned], code: 0, stdout: /^notes\.py:1:1: warning filename-grammar|migration\/notes\.py:1:1: warning filename-grammar/ },
    { args: ['check', join(clean, 'nope')], code: 2, stderr: /nope: no such directory/ },
    { args: ['check', join(clean, 'app/__pkginfo__.py')], code: 2, stderr: /no such directory/ },
    { args: ['--help'], code: 0, stdout: /Usage: erudi-migrations check \[DIR\]/ },
    { args: [], code: 2, stdout: /Usage/ },
    { args: ['lint'], code: 2, stderr: /unknown command "lint"/ },
    { args: ['check', '--bogus'], code: 2, stderr: /unknown option "--bogus"/ },
    { args: ['check', clean, '--framework-version', '2.x'], code: 2, stderr: /is not X\.Y\.Z/ },
  ];
  for (const c of cases) {
    const result = run(c.args);
    assert.equal(result.code, c.code, `${c.args.join(' ')}: ${result.stderr}`);
    if (c.stdout) assert.match(result.stdout, c.stdout, c.args.join(' '));
    if (c.stderr) assert.match(result.stderr, c.stderr, c.args.join(' '));
  }
});

test('--framework-version changes depends-framework-unavailable, paths are relative to the current folder', () => {
  const dir = copyFixture('names-app');
  made.push(dir);
  assert.doesNotMatch(run(['check', dir]).stdout, /depends-framework-unavailable/);
  const old = run(['check', 'migration/..', '--framework-version', '2.10.0'], dir);
  assert.match(old.stdout, /^migration\/depends\.map:3:9: warning depends-framework-unavailable: Needs erudi 2\.27\.0, but the installed framework is 2\.10\.0/m);
});
