// The runtime's error for a script mistake says what the checker says of it: same message, line and column, and the source line.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { main } from '../../server/src/cli/check-command';
import { prepareScriptAnalysis } from '../../server/src/features/script/script-analysis';

const python = process.env.ERUDI_TEST_PYTHON ?? '/usr/bin/python3';
const env = { ...process.env, PYTHONPATH: join(__dirname, '../../runtime') };
const root = mkdtempSync(join(tmpdir(), 'erudi-runtime-messages-'));
after(() => rmSync(root, { recursive: true, force: true }));
before(prepareScriptAnalysis);

// Each script holds one mistake on its last line (the lines before it run fine); the checker's code for it.
const MISTAKES: Array<{ file: string; script: string; code: string; fragment: RegExp }> = [
  { file: '9.9.1_too_many_Any.py', script: "x = 1\nadd_attribute('Ticket', 'title', 'String', True, 'extra')\n", code: 'wrong-arguments', fragment: /takes at most 4 positional arguments .* but 5 were given; the signature is add_attribute\(etype: str/ },
  { file: '9.9.2_keyword_Any.py', script: "add_attribute('Ticket', 'title', bogus=1)\n", code: 'wrong-arguments', fragment: /has no parameter 'bogus'/ },
  { file: '9.9.3_missing_Any.py', script: "if True:\n    add_attribute('Ticket')\n", code: 'wrong-arguments', fragment: /missing required argument 'attrname'/ },
  { file: '9.9.4_repository_web.py', script: "print('web')\nadd_entity_type('Ticket')\n", code: 'not-available-in-mode', fragment: /only available in 'Any' or 'repository' scripts .* this is a 'web' script; move this code to a script whose file name ends in _Any\.py/ },
  { file: '9.9.5_typo_Any.py', script: "add_atribute('Ticket', 'title')\n", code: 'unknown-name', fragment: /did you mean 'add_attribute'\?/ },
  { file: '9.9.6_python2_Any.py', script: "name = unicode('x')\n", code: 'unknown-name', fragment: /Python 2 builtin .* use str/ },
  { file: '9.9.7_local_typo_Any.py', script: "tickets = rql('Any X WHERE X is Ticket')\nfor t in tickest:\n    pass\n", code: 'unknown-name', fragment: /did you mean 'tickets'\?/ },
];

interface Reported { line: number; column: number; message: string; code?: string; source?: string }

test('the runtime reports each script mistake with the checker\'s message, line, column and the source line', () => {
  const app = join(root, 'app');
  mkdirSync(join(app, 'migration'), { recursive: true });
  writeFileSync(join(app, '__pkginfo__.py'), 'numversion = (0, 1, 0)\n');
  writeFileSync(join(app, 'schema.py'), 'from yams.buildobjs import EntityType, String\n\nclass Ticket(EntityType):\n    title = String()\n');
  const url = `sqlite:///${join(root, 'instance.db')}`;
  execFileSync(python, ['-m', 'erudi_migrate', 'create', '--app', app, '--db', url, '--non-interactive'], { env, stdio: 'pipe' });
  // Scripts above numversion are kept out of the app while it is created, then checked and run one by one.
  const scratch = join(root, 'scratch');
  mkdirSync(join(scratch, 'migration'), { recursive: true });
  writeFileSync(join(scratch, '__pkginfo__.py'), 'numversion = (9, 9, 9)\n');
  writeFileSync(join(scratch, 'schema.py'), 'from yams.buildobjs import EntityType, String\n\nclass Ticket(EntityType):\n    title = String()\n');
  for (const { file, script } of MISTAKES) writeFileSync(join(scratch, 'migration', file), script);
  const lines: string[] = [];
  main(['check', scratch, '--format', 'json'], (l) => lines.push(l), () => {});
  const checked = JSON.parse(lines.join('\n')) as { diagnostics: Array<Reported & { path: string }> };

  for (const { file, script, code, fragment } of MISTAKES) {
    const expected = checked.diagnostics.find((d) => d.path.endsWith(file) && d.code === code);
    assert.ok(expected, `${file}: the checker reports ${code}: ${JSON.stringify(checked.diagnostics.filter((d) => d.path.endsWith(file)))}`);
    assert.match(expected.message, fragment, file);
    const run = spawnSync(python, ['-m', 'erudi_migrate', 'run', '--json', '--app', scratch, '--db', url, join(scratch, 'migration', file)], { env, encoding: 'utf8' });
    assert.equal(run.status, 1, `${file}: the run fails\n${run.stdout}\n${run.stderr}`);
    const events = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { event: string } & Reported);
    const error = events.find((e) => e.event === 'error');
    assert.ok(error, `${file}: an error event\n${run.stdout}`);
    assert.equal(error.message, expected.message, file);
    assert.equal(error.line, expected.line, `${file}: line`);
    assert.equal(error.column, expected.column, `${file}: column`);
    assert.equal(error.source, script.split('\n')[expected.line - 1], `${file}: source line`);
    // The human output shows the source line and a caret under the failing part, and no traceback.
    const human = spawnSync(python, ['-m', 'erudi_migrate', 'run', '--app', scratch, '--db', url, join(scratch, 'migration', file)], { env, encoding: 'utf8' });
    const tail = human.stderr.trimEnd().split('\n').slice(-3);
    assert.ok(tail[0].endsWith(expected.message), `${file}: ${tail[0]}`);
    assert.equal(tail[1], `    ${error.source}`, file);
    assert.match(tail[2], new RegExp(`^ {${4 + expected.column - 1}}\\^+$`), `${file}: caret under column ${expected.column}: ${JSON.stringify(tail[2])}`);
    assert.doesNotMatch(human.stderr, /Traceback|erudi_migrate[/\\]/, file);
  }
});
