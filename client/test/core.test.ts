// The client's pure core as tables of cases: URLs, runner templates, runtime events, script names, versions, status text.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expandDatabaseUrl, parseDatabaseUrl, redactDatabaseUrl, secretKeyFor } from '../../protocol/database-url';
import { parseMigrationStatus, statusBarText, type MigrationStatus } from '../src/core/migrationStatus';
import { buildScriptName, descriptionFromText, parseScriptName, proposeVersions, readModelVersion } from '../src/core/migrationScript';
import { parseRowsPage, renderRowsPage } from '../src/core/dataTable';
import { expandRunnerCommand } from '../src/core/runnerTemplate';
import { formatDuration, groupScripts, groupSummary, ledgerTime, recordSummary, scriptLabel } from '../src/core/scriptGroups';
import { parseUpgradePlan, renderUpgradePlan } from '../src/core/upgradePlan';
import { backupLabel, parseBackups } from '../src/core/backups';
import { entityClassLines } from '../src/core/schemaEntityClasses';
import { buildRunReport, layOutSql, questionsSummary, renderSqlPreview } from '../src/core/runReport';
import { describeEvent, LineSplitter, parseRuntimeLine, type RuntimeEvent } from '../src/core/runtimeEvents';

const context = { workspaceFolder: '/ws', application: 'ticketing', env: { PGHOST: 'db.example', EMPTY: '' } };

describe('database URL', () => {
  const expansions: [string, string | RegExp][] = [
    ['sqlite:///${workspaceFolder}/.erudi/${application}.sqlite', 'sqlite:////ws/.erudi/ticketing.sqlite'],
    ['postgresql://ann@${env:PGHOST}:5432/tickets', 'postgresql://ann@db.example:5432/tickets'],
    ['postgresql://ann@${env:NOT_SET}/x', 'postgresql://ann@/x'],
    ['sqlite:///plain.db', 'sqlite:///plain.db'],
    ['sqlite:///${workspaceRoot}/x.db', /unknown variable \$\{workspaceRoot\}/],
  ];
  for (const [template, expected] of expansions) {
    test(`expands ${template}`, () => {
      const result = expandDatabaseUrl(template, context);
      if (typeof expected === 'string') assert.deepEqual(result, { url: expected });
      else assert.match('error' in result ? result.error : '', expected);
    });
  }

  const parses: [string, Record<string, unknown> | RegExp][] = [
    ['sqlite:////ws/.erudi/t.sqlite', { kind: 'sqlite', file: '/ws/.erudi/t.sqlite' }],
    ['sqlite:///relative.db', { kind: 'sqlite', file: 'relative.db' }],
    ['postgresql://ann@db:5433/tickets', { kind: 'postgresql', user: 'ann', host: 'db', port: '5433', database: 'tickets', inlinePassword: false }],
    ['postgres://ann:s3cret@db/tickets', { kind: 'postgresql', user: 'ann', host: 'db', port: '', database: 'tickets', inlinePassword: true }],
    ['postgresql://ann@db/tickets?password=s3cret', { kind: 'postgresql', user: 'ann', database: 'tickets', inlinePassword: true }],
    ['postgresql://ann@db/tickets?sslpassword=s3cret', { kind: 'postgresql', inlinePassword: true }],
    ['postgresql://ann@db/tickets?Password=s3cret', { kind: 'postgresql', inlinePassword: true }],
    ['postgresql://ann:SE/CRET@db/tickets', /holds a password/],
    ['postgresql://ann@db/tickets?sslmode=require', { kind: 'postgresql', inlinePassword: false }],
    ['postgresql:///tickets', { kind: 'postgresql', user: '', host: '', database: 'tickets' }],
    ['mysql://x@y/z', /is not a database URL/],
    ['tickets.db', /is not a database URL/],
  ];
  for (const [url, expected] of parses) {
    test(`parses ${url}`, () => {
      const result = parseDatabaseUrl(url);
      if (expected instanceof RegExp) assert.match('error' in result ? result.error : '', expected);
      else for (const [key, value] of Object.entries(expected)) assert.equal((result as Record<string, unknown>)[key], value, key);
    });
  }

  const redactions: [string, string][] = [
    ['postgresql://ann:s3cret@db:5432/t', 'postgresql://ann:***@db:5432/t'],
    ['postgres://ann:p%40ss@db/t', 'postgres://ann:***@db/t'],
    ['postgresql://ann:SE/CRET@db/t', 'postgresql://***'],
    ['postgresql://db/t?password=SE@CRET', 'postgresql://***'],
    ['postgresql://ann:p@s:s@db/t', 'postgresql://ann:***@db/t'],
    ['postgresql://ann@db/t?password=s3cret&sslmode=require', 'postgresql://ann@db/t?password=***&sslmode=require'],
    ['postgresql://ann@db/t?PASSWORD=s3cret', 'postgresql://ann@db/t?PASSWORD=***'],
    ['postgresql://ann@db/t?pass%77ord=s3cret', 'postgresql://ann@db/t?pass%77ord=***'],
    ['postgresql://ann@db/t', 'postgresql://ann@db/t'],
    ['sqlite:///x.db', 'sqlite:///x.db'],
  ];
  for (const [url, expected] of redactions) test(`redacts ${url}`, () => assert.equal(redactDatabaseUrl(url), expected));

  test('an unparseable URL is shown without its password', () => {
    const result = parseDatabaseUrl('postgresql://ann:s3cret@');
    assert.ok('error' in result && !result.error.includes('s3cret'));
  });

  test('the secret key names user, host, port and database, never the password', () => {
    const db = parseDatabaseUrl('postgresql://ann:s3cret@db/t');
    assert.ok(!('error' in db) && db.kind === 'postgresql');
    assert.equal(secretKeyFor(db), 'erudiMigrations.password:ann@db:5432/t');
  });
});

describe('runner command template', () => {
  const values = { script: '/ws/app/migration/0.2.0_x_Any.py', app: '/ws/my app', instance: 'app', db: 'sqlite:///x.db', python: 'python3' };
  const cases: [string, string[] | RegExp][] = [
    ['cubicweb-ctl shell {instance} {script}', ['cubicweb-ctl', 'shell', 'app', '/ws/app/migration/0.2.0_x_Any.py']],
    ['tool --app {app} --db={db}', ['tool', '--app', '/ws/my app', '--db=sqlite:///x.db']],
    ['"my tool" \'{script}\' a\\ b', ['my tool', '/ws/app/migration/0.2.0_x_Any.py', 'a b']],
    ['{python} -m mine ""', ['python3', '-m', 'mine', '']],
    ['run {script}; rm -rf /', ['run', '/ws/app/migration/0.2.0_x_Any.py;', 'rm', '-rf', '/']],
    ['tool {file}', /unknown placeholder \{file\}/],
    ['tool "unclosed', /unclosed " quote/],
    ['   ', /is empty/],
  ];
  for (const [template, expected] of cases) {
    test(template, () => {
      const result = expandRunnerCommand(template, values);
      if (expected instanceof RegExp) assert.match('error' in result ? result.error : '', expected);
      else assert.deepEqual(result, { argv: expected });
    });
  }
});

describe('runtime events', () => {
  const lines: [string, ReturnType<typeof parseRuntimeLine>][] = [
    ['{"event":"done","status":"committed"}', { kind: 'event', event: { event: 'done', status: 'committed' } }],
    ['{"event":"confirm","id":3,"question":"Drop?"}', { kind: 'event', event: { event: 'confirm', id: 3, question: 'Drop?' } }],
    ['{"event":"error","file":"/a.py","line":2,"message":"boom"}', { kind: 'event', event: { event: 'error', file: '/a.py', line: 2, message: 'boom' } }],
    ['{"event":"unheard-of","text":"hi"}', { kind: 'event', event: { event: 'other', name: 'unheard-of', data: { event: 'unheard-of', text: 'hi' } } }],
    ['{not json', { kind: 'text', text: '{not json' }],
    ['plain output', { kind: 'text', text: 'plain output' }],
  ];
  for (const [line, expected] of lines) test(line, () => assert.deepEqual(parseRuntimeLine(line), expected));

  test('lines split across chunks are joined', () => {
    const splitter = new LineSplitter();
    assert.deepEqual(splitter.push('{"event":"st'), []);
    assert.deepEqual(splitter.push('art"}\r\nsecond\nthi'), ['{"event":"start"}', 'second']);
    assert.deepEqual(splitter.end(), ['thi']);
  });
});

describe('script names and versions', () => {
  const names: [string, ReturnType<typeof parseScriptName>][] = [
    ['0.13.0_add_age_Any.py', { version: [0, 13, 0], description: 'add_age', mode: 'Any', ext: 'py' }],
    ['1.0.0_web.py', { version: [1, 0, 0], description: '', mode: 'web', ext: 'py' }],
    ['2.1.3_fix-names_common.py', { version: [2, 1, 3], description: 'fix-names', mode: 'common', ext: 'py' }],
    ['0.2.0_bulk_Any.sql', { version: [0, 2, 0], description: 'bulk', mode: 'Any', ext: 'sql' }],
    ['0.2.0_bulk_web.sql', undefined],
    ['0.1_bad_Any.py', undefined],
    ['00.1.0_Any.py', undefined],
    ['0.1.0_x_any.py', undefined],
    ['depends.map', undefined],
  ];
  for (const [name, expected] of names) test(name, () => assert.deepEqual(parseScriptName(name), expected));

  const proposals: [string, [number, number, number] | undefined, [number, number, number][], string[]][] = [
    ['model ahead of every script: the model version first', [0, 4, 0], [[0, 2, 0], [0, 3, 0]], ['0.4.0', '0.4.1 ↑', '0.5.0 ↑', '1.0.0 ↑']],
    ['a script at the model version: still the model version first, then versions that raise it', [0, 4, 0], [[0, 4, 0]], ['0.4.0', '0.4.1 ↑', '0.5.0 ↑', '1.0.0 ↑']],
    ['scripts ahead of the model', [0, 1, 0], [[0, 3, 2]], ['0.1.0', '0.3.3 ↑', '0.4.0 ↑', '1.0.0 ↑']],
    ['nothing yet', undefined, [], ['0.0.1 ↑', '0.1.0 ↑', '1.0.0 ↑']],
  ];
  // "↑": choosing that version means raising numversion.
  const shown = (p: { version: string; raisesModel: boolean }) => `${p.version}${p.raisesModel ? ' ↑' : ''}`;
  for (const [what, model, scripts, expected] of proposals) test(`proposes: ${what}`, () => assert.deepEqual(proposeVersions(model, scripts).map(shown), expected));
  test('the model version says how many scripts it already has', () => {
    assert.equal(proposeVersions([0, 4, 0], [[0, 4, 0], [0, 4, 0]])[0].note, 'the model version (__pkginfo__.py), beside 2 scripts of that version');
    assert.equal(proposeVersions([0, 4, 0], [])[1].note, 'raises numversion to 0.4.1');
  });

  const descriptions: [string, string][] = [
    ['Add age to Person', 'add_age_to_person'],
    ['  état créé ', 'etat_cree'],
    ['drop old-style tokens!', 'drop_old-style_tokens'],
    ['', ''],
  ];
  for (const [text, expected] of descriptions) test(`description of "${text}"`, () => assert.equal(descriptionFromText(text), expected));

  test('builds names the parser accepts', () => {
    for (const name of [buildScriptName('0.4.0', 'add_age', 'Any'), buildScriptName('1.0.0', '', 'web'), buildScriptName('0.4.1', 'bulk', 'Any', 'sql')]) {
      assert.ok(parseScriptName(name), name);
    }
  });

  test('reads numversion', () => {
    assert.deepEqual(readModelVersion('modname = "x"\nnumversion = (0, 4, 1)\n'), [0, 4, 1]);
    assert.equal(readModelVersion('numversion = (0, 4)\n'), undefined);
  });
});

describe('status', () => {
  const at = (stored: string | null, installed: string, pending: number): MigrationStatus => ({
    stored: stored ? { model: stored, erudi: '2.28.0' } : null, installed: { model: installed, erudi: '2.28.0' },
    pending: Array.from({ length: pending }, (_, i) => `migration/0.${i}.0_Any.py`),
  });
  const texts: [MigrationStatus, string][] = [
    [at('0.2.0', '0.4.0', 3), 'DB 0.2.0 → 0.4.0 · 3 pending'],
    [at('0.4.0', '0.4.0', 0), 'DB 0.4.0 ✓'],
    [at('0.3.0', '0.4.0', 0), 'DB 0.3.0 → 0.4.0'],
    [at(null, '0.4.0', 0), 'DB: no instance · model 0.4.0'],
    [at('0.4.0', '0.1.0', 0), 'DB 0.4.0 newer than model 0.1.0'],
    [at('0.10.0', '0.9.0', 0), 'DB 0.10.0 newer than model 0.9.0'],
    // Never "✓" or "0 pending" when an upgrade is blocked or the ledger disagrees with the files.
    [{ ...at('0.2.0', '0.4.0', 0), blocked: 'migration/depends.map:2: not an entry' }, 'DB 0.2.0 → 0.4.0 · blocked'],
    [{ ...at('0.4.0', '0.4.0', 0), unapplied: ['migration/0.3.0_late_Any.py'] }, 'DB 0.4.0 · 1 unapplied'],
    [{ ...at('0.4.0', '0.4.0', 0), changed: [{ file: 'migration/0.4.0_Any.py' }] }, 'DB 0.4.0 · 1 changed'],
  ];
  for (const [status, expected] of texts) test(expected, () => assert.equal(statusBarText(status), expected));

  test('parses the runtime status', () => {
    assert.deepEqual(parseMigrationStatus('{"stored": null, "installed": {"model": "0.4.0", "erudi": "2.28.0"}, "pending": []}\n'),
      { stored: null, installed: { model: '0.4.0', erudi: '2.28.0' }, pending: [] });
    assert.match((parseMigrationStatus('Traceback') as { error: string }).error, /not JSON/);
    assert.match((parseMigrationStatus('{"stored": null}') as { error: string }).error, /lacks/);
  });
});

describe('a marker password in any URL spelling appears in no message', () => {
  const marker = 'Zq7MARKERx';
  const urls = [
    `postgresql://me:${marker}@localhost/db`,
    `postgresql://me:Zq7/MARKERx@localhost/db`,
    `postgresql://me:Zq7@MARKERx@localhost/db`,
    `postgresql://me:Zq7:MARKERx@localhost/db`,
    `postgresql://me:Zq7%40MARKERx@localhost/db`,
    `postgresql://me:Zq7?MARKERx@localhost/db`,
    `postgres://me@localhost/db?password=${marker}`,
    `postgresql://me@localhost/db?sslmode=disable&PASSWORD=${marker}`,
    `postgresql://me@localhost/db?pass%77ord=${marker}`,
    `postgresql://me@localhost/db?sslpassword=${marker}`,
    `postgresql://localhost/db?password=Zq7@MARKERx`,
  ];
  for (const url of urls) {
    test(`${url}: flagged, and redacted`, () => {
      const parsed = parseDatabaseUrl(url);
      if ('error' in parsed) assert.ok(!parsed.error.includes('MARKERx') && /password/i.test(parsed.error), parsed.error);
      else assert.ok(parsed.kind === 'postgresql' && parsed.inlinePassword, url);
      assert.ok(!redactDatabaseUrl(url).includes('MARKERx'), redactDatabaseUrl(url));
    });
  }
});

describe('instance data pages', () => {
  test('reads the rows event and renders a Markdown table that no cell can break', () => {
    const stdout = '{"event": "start"}\n{"event": "rows", "what": "Person", "columns": ["eid", "name", "photo", "note"], "rows": [[1, "a|b", {"bytes": 12, "base64": "x"}, null], [2, "two\\nlines", null, "\\\\"]], "total": 30, "offset": 0, "limit": 2}\n';
    const page = parseRowsPage(stdout);
    assert.ok(!('error' in page));
    const text = renderRowsPage(page, { title: 'Person', database: 'sqlite:///x.db' });
    assert.deepEqual(text.split('\n').slice(4, 8), [
      '| eid | name | photo | note |',
      '| --- | --- | --- | --- |',
      '| 1 | a\\|b | *12 bytes* | *NULL* |',
      '| 2 | two↵lines | *NULL* | \\\\ |',
    ]);
    assert.match(text, /Rows 1–2 of 30\. Next page/);
    assert.match(text, /Database: `sqlite:\/\/\/x\.db` \(read-only\)/);
  });

  test('an empty page and a missing event', () => {
    const empty = parseRowsPage('{"event": "rows", "what": "Tag", "columns": ["eid"], "rows": [], "total": 0, "offset": 0, "limit": 100}');
    assert.ok(!('error' in empty));
    assert.match(renderRowsPage(empty, { title: 'Tag', database: 'd' }), /No rows\./);
    assert.deepEqual(parseRowsPage('erudi-migrate: boom'), { error: 'the runtime printed no rows' });
  });

  test('entity classes of a schema, without abstract ones', () => {
    const schema = [
      'from yams.buildobjs import EntityType, String',
      'class _Base(EntityType):',
      '    __abstract__ = True',
      '    name = String()',
      'class Ticket(_Base, EntityType):',
      '    title = String()',
      'class Project(WorkflowableEntityType):',
      '    pass',
      'class knows(RelationDefinition):',
      '    subject = "Person"',
      'class Person(buildobjs.EntityType):',
      '    name = String()',
    ].join('\n');
    assert.deepEqual(entityClassLines(schema), [{ name: 'Ticket', line: 4 }, { name: 'Project', line: 6 }, { name: 'Person', line: 10 }]);
  });
});

describe('slow check warning', () => {
  test('says which file took how long, and where to look', async () => {
    const { slowCheckDetail } = await import('../src/core/slowCheck');
    const detail = slowCheckDetail({ path: '/ws/app/migration/0.2.0_big_Any.py', milliseconds: 1450 }, 'app/migration/0.2.0_big_Any.py');
    assert.equal(detail, 'checking app/migration/0.2.0_big_Any.py took 1.4 s (over 1 s): see the server log for slow requests');
  });
});

describe('what the output channel and the SQL preview say', () => {
  // event → its line in the output channel: words, never JSON
  const described: [RuntimeEvent, string | undefined][] = [
    [{ event: 'config', changes: [{ action: 'added', section: 'main', option: 'port', value: 8080 }, { action: 'changed', section: null, option: 'x', value: 2, old_value: 1 }], file: '/i.ini', saved: true },
      '  configuration: added [main] port = 8080\n  configuration: changed x = 2 (was 1)\n  configuration saved to /i.ini'],
    [{ event: 'notice', text: 'warning: migration/x.py is not a migration script name; never run' }, '  note: warning: migration/x.py is not a migration script name; never run'],
    [{ event: 'sql', sql: 'CREATE TABLE t (\n        a INTEGER,\n        b TEXT\n    )', params: [] }, '    CREATE TABLE t (\n        a INTEGER,\n        b TEXT\n    )'],
    [{ event: 'sql', sql: 'UPDATE t SET a = ? WHERE b = ?', params: [1, 'x'] }, '    UPDATE t SET a = ? WHERE b = ?    -- 1, "x"'],
    [{ event: 'other', name: 'question-answered', data: { text: 'Drop Tag? → yes (--non-interactive)' } }, '  question-answered: Drop Tag? → yes (--non-interactive)'],
    [{ event: 'other', name: 'progress', data: { n: 3 } }, undefined],
  ];
  for (const [event, line] of described) test(`describes ${event.event}`, () => assert.equal(describeEvent(event), line));

  test('a statement is laid out with one indentation', () => {
    assert.equal(layOutSql('\n      SELECT a,\n             b\n      FROM t  \n', '  '), '  SELECT a,\n         b\n  FROM t');
  });

  test('the SQL preview groups statements under steps and scripts, parameters as comments, the outcome last', () => {
    const events: RuntimeEvent[] = [
      { event: 'start', command: 'upgrade', db: 'sqlite:///x.db', dry_run: true },
      { event: 'step', kind: 'framework', version: '2.27.0' },
      { event: 'sql', sql: 'CREATE TABLE erudi_log (x INTEGER)', params: [] },
      { event: 'step', kind: 'model', version: '0.2.0' },
      { event: 'script', file: '/app/migration/0.2.0_tags_Any.py', display: 'migration/0.2.0_tags_Any.py', version: '0.2.0', mode: 'Any' },
      { event: 'sql', sql: 'INSERT INTO t VALUES (?, ?)', params: ["it's", null] },
      { event: 'output', text: 'done tags\n' },
      { event: 'confirm', id: 1, question: 'Drop Tag?' },
      { event: 'done', status: 'dry-run' },
    ];
    const report = buildRunReport(events);
    assert.equal(report.statementCount, 2);
    assert.deepEqual(report.steps.map((s) => [s.label, s.scripts.length]), [['framework (erudi) 2.27.0', 0], ['model 0.2.0', 1]]);
    assert.equal(renderSqlPreview(report, 'Dry run of the upgrade of app'), [
      '-- Dry run of the upgrade of app',
      '-- database: sqlite:///x.db (dry run)',
      '-- 2 statements, 1 script(s)',
      '',
      '-- ===== framework (erudi) 2.27.0 =====',
      '',
      'CREATE TABLE erudi_log (x INTEGER);',
      '',
      '-- ===== model 0.2.0 =====',
      '',
      '-- ----- migration/0.2.0_tags_Any.py (Any) -----',
      "-- parameters: 'it''s', NULL",
      'INSERT INTO t VALUES (?, ?);',
      '-- output: done tags',
      '',
      '-- asked: Drop Tag?',
      '-- outcome: rolled back — nothing was written',
      '',
    ].join('\n'));
  });

  test('a failure names its file and line in the outcome', () => {
    const report = buildRunReport([{ event: 'error', file: 'migration/0.2.0_x_Any.py', line: 3, message: 'boom' }, { event: 'done', status: 'rolled-back' }]);
    assert.match(renderSqlPreview(report, 't'), /-- outcome: failed at migration\/0\.2\.0_x_Any\.py:3: boom/);
  });
});

describe('questions in a run\'s notification', () => {
  test('no question: nothing said', () => assert.equal(questionsSummary([], []), ''));
  test('asked and answered by the user: counted', () => assert.equal(questionsSummary(['Drop Tag?'], []), ' 1 question asked (see the output).'));
  test('answered for the user: each one quoted, the rest counted', () => {
    assert.equal(questionsSummary(['Drop Tag?', 'Drop Note?'], ['Drop Note?']), ' 2 questions asked; answered Yes for you: “Drop Note?”.');
    const many = ['a?', 'b?', 'c?', 'd?', 'e?'];
    assert.equal(questionsSummary(many, many), ' 5 questions asked; answered Yes for you: “a?”, “b?”, “c?” and 2 more (see the output).');
  });
  test("the runtime's automatic yes (--non-interactive) counts as answered for the user", () => {
    const report = buildRunReport([
      { event: 'confirm', id: 1, question: 'Drop Tag?' },
      { event: 'other', name: 'question', data: { event: 'question', question: 'Drop Note?', answer: true, automatic: true } },
    ]);
    assert.deepEqual(report.questions, ['Drop Tag?', 'Drop Note?']);
    assert.deepEqual(report.automaticAnswers, ['Drop Note?']);
  });
});

describe('upgrade plan', () => {
  const status = JSON.stringify({
    stored: { model: '0.1.0', erudi: '2.26.0' }, installed: { model: '0.3.0', erudi: '2.28.0' },
    pending: ['migration/0.2.0_tags_Any.py', 'migration/0.2.0_tags_web.py', 'migration/0.3.0_Any.py'],
    steps: [{ kind: 'framework', version: '2.27.0' }, { kind: 'model', version: '0.2.0' }, { kind: 'framework', version: '2.28.0' }, { kind: 'model', version: '0.3.0' }],
    unapplied: ['migration/0.1.0_late_Any.py'],
    changed: [{ file: 'migration/0.1.0_init_Any.py', recorded: 'a'.repeat(64), current: 'b'.repeat(64), applied_at: '2026-11-30T10:00:00' }],
  });

  test('each step in order with its scripts, then the ledger', () => {
    const plan = parseUpgradePlan(`some line\n${status}\n`);
    assert.ok(!('error' in plan));
    assert.deepEqual(plan.steps.map((s) => [s.kind, s.version, s.scripts]), [
      ['framework', '2.27.0', []], ['model', '0.2.0', ['migration/0.2.0_tags_Any.py', 'migration/0.2.0_tags_web.py']],
      ['framework', '2.28.0', []], ['model', '0.3.0', ['migration/0.3.0_Any.py']],
    ]);
    const text = renderUpgradePlan(plan, 'app', 'sqlite:///x.db');
    assert.match(text, /From model 0\.1\.0 \(erudi 2\.26\.0\) to model 0\.3\.0 \(erudi 2\.28\.0\): 4 steps, 3 scripts\./);
    assert.match(text, /Pre-flight: passed/);
    assert.match(text, /## 2\. model 0\.2\.0\n\n- `migration\/0\.2\.0_tags_Any\.py` — pending\n- `migration\/0\.2\.0_tags_web\.py` — pending/);
    assert.match(text, /`migration\/0\.1\.0_late_Any\.py` — \*\*unapplied\*\*/);
    assert.match(text, /`migration\/0\.1\.0_init_Any\.py` — \*\*changed after it was applied\*\* \(applied 2026-11-30T10:00:00\): sha256 aaaaaaaaaaaa… then, bbbbbbbbbbbb… now/);
  });

  test('a blocked upgrade says why', () => {
    const plan = parseUpgradePlan(JSON.stringify({ stored: { model: '0.1.0', erudi: '2.28.0' }, installed: { model: '0.2.0', erudi: '2.28.0' }, pending: [], steps: [], blocked: 'migration/depends.map:3: not an entry' }));
    assert.ok(!('error' in plan));
    assert.match(renderUpgradePlan(plan, 'app', 'd'), /\*\*Pre-flight: blocked\.\*\* migration\/depends\.map:3: not an entry/);
    assert.ok('error' in parseUpgradePlan('not json'));
  });
});

describe('Migrations view groups', () => {
  const files = ['0.1.0_Any.py', '0.2.0_tags_Any.py', '0.2.0_tags_web.py', '0.1.0_late_Any.py', '0.3.0_x_Any.py', '0.9.0_future_Any.py', 'depends.map', '0.2_bad_any.py'];
  const status = {
    stored: { model: '0.2.0', erudi: '2.27.0' }, installed: { model: '0.3.0', erudi: '2.28.0' },
    pending: ['migration/0.3.0_x_Any.py'], steps: [{ kind: 'framework', version: '2.28.0' }, { kind: 'model', version: '0.3.0' }],
    unapplied: ['migration/0.1.0_late_Any.py'], changed: [{ file: 'migration/0.2.0_tags_web.py', recorded: 'a', current: 'b', applied_at: '2026-12-01' }],
  };

  test('scripts by version, framework steps before the model step they precede, states from the ledger', () => {
    const groups = groupScripts(files, status);
    assert.deepEqual(groups.map((g) => [g.label, groupSummary(g)]), [
      ['model 0.1.0', '1 applied · 1 unapplied'],
      ['model 0.2.0', '1 applied · 1 changed after apply'],
      ['framework (erudi) 2.28.0', 'step 1 of the next upgrade'],
      ['model 0.3.0', 'step 2 · 1 pending'],
      ['model 0.9.0', '1 above the model'],
    ]);
    assert.deepEqual(groups[1]!.scripts[1]!.changed, { recorded: 'a', current: 'b', applied_at: '2026-12-01' });
    assert.equal(scriptLabel('0.2.0_app_tokens_Any.py'), 'app_tokens_Any.py');
  });

  test('applied scripts say when they were applied and how long they took, from the ledger', () => {
    const raw = JSON.stringify({ ...status, records: [
      { component: 'model', version: '0.2.0', script: '0.2.0_tags_Any.py', outcome: 'applied', applied: true, applied_at: '2026-12-02T04:12:33.123456+00:00', duration_ms: 1834, recorded_by: 'ada@host' },
      { component: 'model', version: '0.1.0', script: '0.1.0_Any.py', outcome: 'created', applied: true, applied_at: '2026-12-01T09:00:00+00:00', duration_ms: null, recorded_by: 'ada@host' },
      { component: 'cube:file', version: '0.2.0', script: '0.2.0_tags_Any.py', outcome: 'applied', applied: true, applied_at: '2026-01-01T00:00:00+00:00', duration_ms: 1 },
      { component: 'model', version: '0.2.0', script: '0.2.0_tags_web.py', outcome: 'applied', applied: true, applied_at: '2026-12-01T10:00:00+00:00', duration_ms: 3 },
    ] });
    const parsed = parseMigrationStatus(raw);
    assert.ok(!('error' in parsed));
    const groups = groupScripts(files, parsed as MigrationStatus);
    const tags = groups[1]!.scripts[0]!;
    assert.equal(tags.record?.component, 'model', "the model's record, not the cube's of the same name");
    assert.deepEqual(recordSummary(tags), {
      description: 'applied 2026-12-02 04:12 UTC · 1.8 s',
      tooltip: 'Ledger: applied on 2026-12-02 04:12:33 UTC, in 1.8 s (recorded by ada@host)',
    });
    assert.deepEqual(recordSummary(groups[0]!.scripts[0]!), {
      description: 'created 2026-12-01 09:00 UTC', tooltip: 'Ledger: created with the instance on 2026-12-01 09:00:00 UTC (recorded by ada@host)',
    });
    assert.equal(recordSummary(groups[1]!.scripts[1]!)?.description, 'changed after apply', 'not applied as it is: its state, the record in the tooltip');
    assert.equal(recordSummary(groups[0]!.scripts[1]!), undefined, 'no record, nothing claimed');
    assert.deepEqual([formatDuration(0), formatDuration(999), formatDuration(61_000), formatDuration(245_400)], ['0 ms', '999 ms', '1 min 01 s', '4 min 05 s']);
    assert.equal(ledgerTime('not a time'), 'not a time');
  });

  test('without an instance every script says so', () => {
    const groups = groupScripts(['0.1.0_Any.py'], { stored: null, installed: { model: '0.1.0', erudi: '2.28.0' }, pending: [] });
    assert.equal(groups[0]!.scripts[0]!.state, 'no instance');
  });
});

describe('Restore Backup', () => {
  test('the backups the runtime lists read as quick pick items: time and versions first, path and size below', () => {
    const out = JSON.stringify({ backups: [
      { path: '/w/.erudi/t.sqlite.20261202-041233-000001.bak', time: '2026-12-02T04:12:33', kind: 'sqlite', model: '0.1.0', erudi: '2.26.0', size: 204800, config: '/w/.erudi/t.sqlite.20261202-041233-000001.bak.ini' },
      { path: '/w/x.bak', time: '2026-12-01T00:00:00', kind: 'sqlite', model: null, erudi: null, size: 10, config: null },
      { nonsense: true },
    ] });
    const backups = parseBackups(`some notice\n${out}\n`);
    assert.ok(Array.isArray(backups));
    assert.equal(backups.length, 2);
    assert.deepEqual(backupLabel(backups[0]!), {
      label: '2026-12-02 04:12:33', description: 'model 0.1.0 · erudi 2.26.0',
      detail: '/w/.erudi/t.sqlite.20261202-041233-000001.bak · 200.0 KB · with the configuration',
    });
    assert.equal(backupLabel(backups[1]!).description, 'no instance (unreadable)');
    assert.ok('error' in (parseBackups('not json') as object));
    assert.ok('error' in (parseBackups('{"other": 1}') as object));
  });
});
