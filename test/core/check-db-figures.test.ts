// `check --db URL` gives the data-aware safety rules the instance's figures (erudi-migrate stats, read through the bundled runtime).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { main } from '../../server/src/cli/check-command';
import { parseStatsOutput } from '../../client/src/core/instanceFigures';
import { prepareScriptAnalysis } from '../../server/src/features/script/script-analysis';

const python = process.env.ERUDI_TEST_PYTHON ?? '/usr/bin/python3';
const env = { ...process.env, PYTHONPATH: join(__dirname, '../../runtime') };
const root = mkdtempSync(join(tmpdir(), 'erudi-check-figures-'));
after(() => rmSync(root, { recursive: true, force: true }));
before(prepareScriptAnalysis);

const schema = (size: number) => `from yams.buildobjs import EntityType, String\n\nclass Person(EntityType):\n    name = String(required=True, maxsize=${size})\n    nickname = String()\n`;

test('check --db: size-shrink and add-required-without-default count the rows the instance holds', () => {
  const app = join(root, 'app');
  mkdirSync(join(app, 'migration'), { recursive: true });
  writeFileSync(join(app, '__pkginfo__.py'), 'numversion = (0, 1, 0)\n');
  writeFileSync(join(app, 'schema.py'), schema(64));
  const url = `sqlite:///${join(root, 'instance.db')}`;
  execFileSync(python, ['-m', 'erudi_migrate', 'create', '--app', app, '--db', url, '--non-interactive'], { env, stdio: 'pipe' });
  writeFileSync(join(root, 'fill.py'), "for name in ('annabel', 'bartholomew', 'cy', 'dorothea'):\n    add_entity('Person', name=name)\n");
  execFileSync(python, ['-m', 'erudi_migrate', 'run', '--app', app, '--db', url, '--non-interactive', join(root, 'fill.py')], { env, stdio: 'pipe' });
  // The next release shrinks the name and makes the nickname required; its script syncs the properties.
  writeFileSync(join(app, '__pkginfo__.py'), 'numversion = (0, 2, 0)\n');
  writeFileSync(join(app, 'schema.py'), schema(7).replace('nickname = String()', 'nickname = String(required=True)'));
  writeFileSync(join(app, 'migration', '0.2.0_Any.py'), "sync_schema_props_perms('Person')\n");
  const check = (...extra: string[]) => {
    const lines: string[] = [];
    const errors: string[] = [];
    main(['check', app, ...extra], (l) => lines.push(l), (l) => errors.push(l));
    return { lines, errors };
  };
  process.env.ERUDI_PYTHON = python;
  assert.deepEqual(check().lines.filter((l) => /size-shrink|add-required/.test(l)), [], 'without an instance the sync is silent');
  const { lines, errors } = check('--db', url);
  assert.ok(!errors.some((e) => /could not be read/.test(e)), errors.join('\n'));
  assert.ok(lines.some((l) => /0\.2\.0_Any\.py:1:1: warning size-shrink: sync_schema_props_perms\(\) limits Person\.name to 7 characters as schema\.py says \(maxsize=7\), but 2 stored values are longer/.test(l)), lines.join('\n'));
  assert.ok(lines.some((l) => /warning add-required-without-default: sync_schema_props_perms\(\) makes Person\.nickname required as schema\.py says, but 4 Person rows hold no value in it/.test(l)), lines.join('\n'));
  // A database that is not there: said on stderr, and the rules fall back to static.
  const missing = check('--db', `sqlite:///${join(root, 'none.db')}`);
  assert.ok(missing.errors.some((e) => /the instance's figures could not be read \(the data-aware rules are static\): no instance at/.test(e)), missing.errors.join('\n'));
  assert.deepEqual(missing.lines.filter((l) => /size-shrink/.test(l)), []);
});

test('the client reads the figures from the stats event, or the runtime\'s error', () => {
  assert.deepEqual(parseStatsOutput('{"event": "stats", "entityTypes": {"P": {"rows": 2}}}\n'), { entityTypes: { P: { rows: 2 } } });
  assert.deepEqual(parseStatsOutput('noise\n{"event": "error", "file": null, "line": null, "message": "no instance at x"}\n'), { error: 'no instance at x' });
  assert.deepEqual(parseStatsOutput(''), { error: 'the runtime printed no figures' });
});
