// python-syntax as a table: Python text → each problem as "line:col-line:col" and a word its message must hold; plus CR line endings.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { before, test } from 'node:test';
import { LineIndex } from '../../server/src/core/python/line-index';
import { ParsedPython } from '../../server/src/core/python/parsed-python';
import { checkScript } from '../../server/src/features/script/check-script';
import { checkPythonSyntax } from '../../server/src/features/script/python-syntax';
import { completeScript } from '../../server/src/features/script/completion';
import { atCursor, parser, prepareScriptTests } from './script-support';

before(prepareScriptTests);

function syntax(source: string): string[] {
  return checkPythonSyntax(ParsedPython.parse(parser, source)).map((d) => {
    assert.equal(d.code, 'python-syntax');
    assert.equal(d.severity, 'error');
    return `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`;
  });
}

// [name, source, expected: "range" + a fragment of the message]
const CASES: Array<[string, string, Array<[string, string]>]> = [
  ['valid Python 3 is silent', "x = f'{a}' + u'x' + r'y' + b'z' + 0 + 00 + 0o7 + 0x1F\nprint\nif a:  # c\n    # c\n    pass\nelse:\n    print('x', file=sys.stderr)\ntry:\n    pass\nexcept (A, B) as e:\n    raise E('m') from e\n", []],
  ['unclosed call', 'add_entity_type("Tag"\n', [['0:15-0:16', "'(' was never closed: add the matching ')'"]]],
  ['unclosed call followed by more statements', "add_attribute('Person', 'age'\nadd_entity_type('Tag')\ncommit()\n", [['0:13-0:14', "'(' was never closed"]]],
  ['unclosed list', 'x = [1, 2\ny = 3\n', [['0:4-0:5', "'[' was never closed"]]],
  ['unclosed dict before a def', "x = {'a': 1\n\ndef f():\n    pass\n", [['0:4-0:5', "'{' was never closed"]]],
  ['one closing parenthesis too many', "add_attribute('Person', 'age'))\n", [['0:30-0:31', "unmatched ')'"]]],
  ['two statements run together', 'add_entity_type("Tag")title\n', [['0:22-0:27', "unexpected 'title' after a complete statement"]]],
  ['unterminated string', 'x = "abc\ny = 1\n', [['0:4-0:8', 'unterminated string']]],
  ['unterminated string in a call', "rql('Any X WHERE X is Person)\n", [['0:4-0:29', 'unterminated string']]],
  ['unterminated triple-quoted string', "x = '''abc\n", [['0:4-0:10', 'unterminated string']]],
  ['missing colon after for', 'for x in y\n    pass\n', [['0:9-0:10', "missing ':' at the end of the 'for' line"]]],
  ['missing colon after class', 'class A(EntityType)\n    name = String()\n', [['0:18-0:19', "missing ':' at the end of the 'class' line"]]],
  ['missing closing parenthesis of a def', 'def f(:\n  pass\n', [['0:5-0:6', "missing ')'"]]],
  ['dangling operator', 'x = 1 +\n', [['0:6-0:7', "invalid syntax at '+'"]]],
  ['no indented block', 'if x:\nfoo()\n', [['0:0-0:5', "expected an indented block after this 'if' line"]]],
  ['indented too far in a block', 'if x:\n    foo()\n      bar()\n', [['2:0-2:6', 'bad indentation (Python stops with IndentationError): this line is indented by 6 column(s), expected 4']]],
  ['indented top-level statement', '  x = 1\ny = 2\n', [['0:0-0:2', 'expected no indentation']]],
  ['dedent to no enclosing level', 'if x:\n    a()\n  b()\n', [['2:0-2:2', 'bad indentation']]],
  ['tabs and spaces', 'if x:\n\tfoo()\n        bar()\n', [['2:0-2:8', 'inconsistent use of tabs and spaces']]],
  // Python 2, as real cubes' old scripts are written
  ['print statement', "print 'x'\n", [['0:0-0:9', 'Python 2 print statement, a syntax error in Python 3']]],
  ['print chevron', "print >>sys.stderr, 'x'\n", [['0:0-0:23', 'print(...) with parentheses']]],
  ['except comma', 'try:\n    pass\nexcept Exception, e:\n    pass\n', [['2:0-2:20', "write 'except X as e:'"]]],
  ['raise comma', 'raise E, "msg"\n', [['0:0-0:14', "write 'raise E(\"message\")'"]]],
  ['exec statement', "exec 'x=1'\n", [['0:0-0:10', 'exec(code)']]],
  ['octal literal', 'x = 0777\n', [['0:4-0:8', 'write 0o777']]],
  ['long literal', 'x = 10L\n', [['0:4-0:7', 'write 10']]],
  ['not-equal', 'x = 1 <> 2\n', [['0:6-0:8', "write '!='"]]],
  ['backquotes', 'x = `y`\n', [['0:4-0:5', 'repr(...)']]],
  ['ur prefix', 'x = ur"abc"\n', [['0:4-0:7', "string prefix 'ur'"]]],
  ['nested in a function', "def f():\n    print 'x'\n    return 1\n", [['1:4-1:13', 'Python 2 print statement']]],
];

for (const [name, source, expected] of CASES) {
  test(`python-syntax: ${name}`, () => {
    const found = syntax(source);
    assert.equal(found.length, expected.length, found.join('\n'));
    expected.forEach(([range, fragment], i) => {
      assert.equal(found[i].split(' ')[0], range, found[i]);
      assert.ok(found[i].includes(fragment), `${found[i]}\nlacks: ${fragment}`);
    });
  });
}

test('python-syntax is the same after incremental edits as after a fresh parse', () => {
  let parsed = ParsedPython.parse(parser, "add_attribute('Person', 'age')\nx = 1\n");
  const steps = ["add_attribute('Person', 'age'\nx = 1\n", "add_attribute('Person', 'age')\nprint 'x'\nx = 1\n", "add_attribute('Person', 'age')\nprint('x')\nx = 1\n"];
  for (const next of steps) {
    parsed = parsed.withChanges(parser, [{ startOffset: 0, oldEndOffset: parsed.text.length, newText: next }]);
    assert.deepEqual(checkPythonSyntax(parsed), checkPythonSyntax(ParsedPython.parse(parser, next)));
  }
  assert.deepEqual(checkPythonSyntax(parsed), []);
});

test('a script with a syntax error still gets the other checks and completion', () => {
  const { context } = atCursor("add_attribute('Person')\nx = (1,\n");
  assert.deepEqual(checkScript(context).map((d) => d.code), ['wrong-arguments']);
  assert.deepEqual(checkPythonSyntax(context.script).map((d) => d.range.start.line), [1]);
  const completion = atCursor("x = (1,\nadd_attr|");
  assert.ok(completeScript(completion.context, completion.offset).some((s) => s.label === 'add_attribute'));
});

test('lines end at \\n, \\r\\n and a lone \\r, as the LSP counts them', () => {
  const lines = new LineIndex('a\nbb\r\nccc\rd');
  assert.equal(lines.lineCount, 4);
  assert.deepEqual([0, 1, 2, 3].map((l) => lines.lineText(l)), ['a', 'bb', 'ccc', 'd']);
  assert.deepEqual(lines.positionAt(9), { line: 2, character: 3 });
  assert.deepEqual(lines.positionAt(10), { line: 3, character: 0 });
  assert.equal(lines.offsetAt({ line: 1, character: 99 }), 4);
  assert.equal(lines.offsetAt({ line: 2, character: 1 }), 7);
});

test('a script saved with CR-only line endings is many lines: checks, syntax errors and positions follow', () => {
  const source = "# drop the old type\rdrop_entity_type('OldTicket')\radd_attribute('Person')\rprint 'done'\r";
  const { context } = atCursor(source);
  assert.deepEqual(checkScript(context).map((d) => `${d.range.start.line} ${d.code}`), ['1 destructive-operation', '2 wrong-arguments']);
  assert.deepEqual(checkPythonSyntax(context.script).map((d) => `${d.range.start.line}:${d.range.start.character}`), ['3:0']);
  // An edit that turns a lone \r into \r\n keeps the tree in step with the text.
  const edited = context.script.withChanges(parser, [{ startOffset: 20, oldEndOffset: 20, newText: '\n' }]);
  assert.deepEqual(checkPythonSyntax(edited), checkPythonSyntax(ParsedPython.parse(parser, edited.text)));
});

// CPython's tokenizer limits, at their edges: the checker refuses exactly what compile() refuses (asked of Python itself).
test('nesting limits: 200 brackets and 99 blocks pass, one more is python-syntax, as compile() says', () => {
  const python = process.env.ERUDI_TEST_PYTHON ?? '/usr/bin/python3';
  const blocks = (k: number) => 'x = 1\n' + Array.from({ length: k }, (_, i) => `${' '.repeat(i)}if x:\n`).join('') + `${' '.repeat(k)}pass\n`;
  const brackets = (k: number) => `x = ${'('.repeat(k)}1${')'.repeat(k)}\n`;
  const calls = (k: number) => `x = ${'f('.repeat(k)}1${')'.repeat(k)}\n`;
  const strings = (k: number) => `x = "${'('.repeat(k)}"\n`;
  const sources = [blocks(99), blocks(100), brackets(200), brackets(201), calls(201), strings(5000), `def f():\n${blocks(98).replace(/^(?=.)/gm, ' ')}`, `def f():\n${blocks(99).replace(/^(?=.)/gm, ' ')}`];
  const verdicts = JSON.parse(execFileSync(python, ['-c', `import json,sys
out=[]
for s in json.load(sys.stdin):
    try:
        compile(s, 's', 'exec'); out.append(None)
    except SyntaxError as e:
        out.append(e.msg)
print(json.dumps(out))`], { input: JSON.stringify(sources) }).toString()) as Array<string | null>;
  const ours = sources.map((source) => syntax(source).find((d) => d.includes('too many')) ?? null);
  assert.deepEqual(ours.map((d) => d?.match(/too many (nested parentheses|levels of indentation)/)?.[0] ?? null), verdicts);
  assert.match(ours[1] ?? '', /^101:100-101:101 too many levels of indentation: .* move the inner blocks into a function/);
  assert.match(ours[3] ?? '', /^0:204-0:205 too many nested parentheses: .* assigning the inner parts to names/);
});
