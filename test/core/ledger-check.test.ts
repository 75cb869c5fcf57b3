// `erudi-migrations check --db URL`: the instance's ledger (read through the bundled runtime) gives unapplied-script and script-changed-after-apply on the files.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { main } from '../../server/src/cli/check-command';
import { ledgerDiagnostics } from '../../server/src/cli/ledger-check';

const python = process.env.ERUDI_TEST_PYTHON ?? '/usr/bin/python3';
const root = mkdtempSync(join(tmpdir(), 'erudi-ledger-check-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('ledgerDiagnostics puts each finding on its file', () => {
  const files = ledgerDiagnostics('/app', {
    stored: { model: '0.2.0' }, unapplied: ['migration/0.1.5_late_Any.py'],
    changed: [{ file: 'migration/0.2.0_Any.py', recorded: 'aaa', current: 'bbb', applied_at: '2026-12-01T10:00:00+00:00' }],
  });
  assert.deepEqual(files.map((f) => [f.path, f.diagnostics.map((d) => `${d.severity} ${d.code}`)]), [
    ['/app/migration/0.1.5_late_Any.py', ['warning unapplied-script']],
    ['/app/migration/0.2.0_Any.py', ['warning script-changed-after-apply']],
  ]);
  assert.match(files[1].diagnostics[0].message, /applied on 2026-12-01.*sha256 aaa then, bbb now/);
});

test('check --db reads a real instance', () => {
  const app = join(root, 'app');
  mkdirSync(join(app, 'migration'), { recursive: true });
  writeFileSync(join(app, '__pkginfo__.py'), 'numversion = (0, 2, 0)\n');
  writeFileSync(join(app, 'schema.py'), 'from yams.buildobjs import EntityType, String\nclass P(EntityType):\n    name = String()\n');
  writeFileSync(join(app, 'migration/0.2.0_Any.py'), 'print(1)\n');
  const url = `sqlite:///${join(root, 'instance.db')}`;
  execFileSync(python, ['-m', 'erudi_migrate', 'create', '--app', app, '--db', url, '--non-interactive'],
    { env: { ...process.env, PYTHONPATH: join(__dirname, '../../runtime') }, stdio: 'pipe' });
  const run = () => {
    const lines: string[] = [];
    const code = main(['check', app, '--db', url], (l) => lines.push(l), () => {});
    return { code, lines };
  };
  process.env.ERUDI_PYTHON = python;
  assert.deepEqual(run().lines, []);
  writeFileSync(join(app, 'migration/0.1.5_late_Any.py'), 'print(2)\n');
  appendFileSync(join(app, 'migration/0.2.0_Any.py'), '# edited\n');
  const { code, lines } = run();
  assert.equal(code, 0); // warnings
  assert.equal(lines.length, 2);
  assert.match(lines[0], /0\.1\.5_late_Any\.py:1:1: warning unapplied-script: .*--include-unapplied/);
  assert.match(lines[1], /0\.2\.0_Any\.py:1:1: warning script-changed-after-apply: changed after it was applied on /);
});
