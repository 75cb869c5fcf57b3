// unknown-name as a table: script text → the unknown names (line:col name) and their "did you mean"; the quick fix replaces the name.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { scriptCatalog } from '../../server/src/core/catalog/catalog';
import { ParsedPython } from '../../server/src/core/python/parsed-python';
import { replaceUnknownNameAction } from '../../server/src/features/code-actions/replace-unknown-name';
import { checkUnknownNames } from '../../server/src/features/script/unknown-names';
import { applyEdits } from './apply-edits';
import { parser, prepareScriptTests } from './script-support';
import { ROOT, SETTINGS, workspaceOf } from './workspace-check';

before(prepareScriptTests);

function unknown(source: string): string[] {
  return checkUnknownNames(ParsedPython.parse(parser, source), scriptCatalog).map((d) => {
    const suggestion = /did you mean '([^']+)'/.exec(d.message)?.[1];
    return `${d.range.start.line}:${d.range.start.character}-${d.range.end.character} ${d.message.match(/^'([^']+)'/)![1]}${suggestion ? ` → ${suggestion}` : ''}`;
  });
}

const CASES: Array<[string, string, string[]]> = [
  ['a typo of a primitive', "add_atribute('Person', 'age')\n", ['0:0-12 add_atribute → add_attribute']],
  ['a typo of a builtin and of a script name', "people = rql('Any X')\nfor p in peeple:\n    prnt(p)\n", ['1:9-15 peeple → people', '2:4-8 prnt → print']],
  ['catalog names, builtins and dunders are known', "checkpoint()\nx = len(config) + int('1')\nprint(__file__, __name__, interactive_mode, _('x'))\n", []],
  ['names bound by assignment, import, loops, with, except, defs, parameters, globals', [
    'import os.path', 'import json as j', 'from collections import OrderedDict as OD, defaultdict', 'from . import helpers',
    'a, (b, *c) = 1, (2, 3)', 'd: int = 4', 'e += 1', 'for f, g in []:', '    pass', '[h for h in [] if (i := h)]', '{k: v for k, v in {}.items()}',
    'with open(os.path.join("x")) as (l, m), open("y") as n:', '    pass', 'try:', '    pass', 'except Exception as o:', '    pass',
    'def p(q, r: int, s=1, *t, u, w: str = "", **x):', '    global y', '    y = q + r + s + len(t) + u + len(w) + len(x)', '    return lambda z, *aa, **bb: z',
    'class Cc(object):', '    pass', 'print(j, OD, defaultdict, helpers, a, b, c, d, e, f, g, h, i, k, v, l, m, n, o, p, Cc, y)',
    'match a:', '    case [dd, ee]:', '        print(dd, ee)',
  ].join('\n') + '\n', []],
  ['a name bound in a function counts for the whole script (no scope guessing)', 'def f():\n    inner = 1\nprint(inner)\n', []],
  ['attributes and keywords are no names', "obj = object()\nprint(obj.whatever, sep='')\nobj.anything(key=1)\n", []],
  ['Python 2 builtins say what to write in Python 3', "x = unicode('a')\nfor i in xrange(3):\n    pass\n", ['0:4-11 unicode', '1:9-15 xrange']],
  ['names in f-strings and decorators are read', "@decorate\ndef f():\n    pass\nprint(f'{missing}')\n", ['0:1-9 decorate', '3:9-16 missing']],
  ['a star import: the script may have any name, stay silent', 'from somewhere import *\nanything()\n', []],
  ['globals() can bind any name: stay silent', "globals()['x'] = 1\nprint(x)\n", []],
  ['broken code: names inside the unparsable part are not judged', "add_attribute('Person', 'age'\nfoo(\n", []],
  ['an unknown name far from any known one gets no suggestion', 'zzqqxxyyww()\n', ['0:0-10 zzqqxxyyww']],
  ['Python 2 except binds its variable', 'try:\n    pass\nexcept Exception, e:\n    print(e)\n', []],
];

for (const [name, source, expected] of CASES) {
  test(`unknown-name: ${name}`, () => assert.deepEqual(unknown(source), expected));
}

test('unknown-name messages: NameError for a typo, the Python 3 spelling for a Python 2 builtin', () => {
  const [typo, old] = checkUnknownNames(ParsedPython.parse(parser, "add_atribute('P', 'a')\nraw_input('?')\n"), scriptCatalog);
  assert.equal(typo.code, 'unknown-name');
  assert.equal(typo.severity, 'warning');
  assert.equal(typo.message, "'add_atribute' is not defined: it is no primitive of the catalog, no Python builtin and no name this script binds, so the script stops here with NameError; did you mean 'add_attribute'?");
  assert.equal(old.message, "'raw_input' is a Python 2 builtin that Python 3 (the runtime's Python) does not have: use input");
});

test('the "did you mean" quick fix replaces the name', () => {
  const text = "add_atribute('Person', 'age')\nchekpoint()\nzzqqxxyyww()\n";
  const { index } = workspaceOf({ 'app/migration/0.1.0_Any.py': text });
  const document = { ...index.document(`${ROOT}/app/migration/0.1.0_Any.py`)!, text, settings: SETTINGS };
  const diagnostics = checkUnknownNames(ParsedPython.parse(parser, text), scriptCatalog);
  const actions = replaceUnknownNameAction(document, { range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } }, diagnostics, canRenameFiles: false });
  assert.deepEqual(actions.map((a) => a.title), ["Replace with 'add_attribute'", "Replace with 'checkpoint'"]);
  assert.equal(applyEdits(text, actions.flatMap((a) => a.edit.textEdits!)), "add_attribute('Person', 'age')\ncheckpoint()\nzzqqxxyyww()\n");
});
