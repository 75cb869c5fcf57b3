// Edits that make top-level boundaries hard, shared by the tests of re-parsing statements alone (statement-splice,
// known-regions): a script of tricky shapes, edits at line starts and anywhere, and a readable dump of module children.
import fc from 'fast-check';
import type { ModuleChild } from '../../server/src/core/python/parsed-python';

// Shapes that make boundaries hard: blocks followed by comments at every indentation, decorators, continuation lines,
// strings over several lines, brackets over several lines, else/except clauses, semicolons, blank lines with spaces.
export const BASE = [
  '# a migration script',
  "add_attribute('Person', 'age')",
  "for eid, title in rql('Any X, T WHERE X is Person, X title T'):",
  "    rql('SET X age 1 WHERE X eid %(x)s', {'x': eid})",
  '    # inside the loop',
  '# after the loop',
  "if confirm('drop?'):",
  "    drop_attribute('Person', 'email')",
  'else:',
  '    pass',
  '',
  '   ',
  '@decorator',
  'def helper(a, b=2):',
  '    """A docstring',
  '    over two lines."""',
  '    return a + \\',
  '        b',
  'x = (1,',
  '     2)',
  "sql('''UPDATE person",
  "SET age = 1''')",
  'try:',
  '    commit()',
  'except Exception:',
  '    rollback()',
  'a = 1; b = 2',
  "change_relation_props('Person', 'knows', 'Person', cardinality='?*')",
  'checkpoint()',
  '',
].join('\n');

// Whole lines inserted at a line start (most keep the script valid, so boundaries stay clean and the short way is taken)...
const LINES = ['# c\n', '    # c\n', '\n', '   \n', '\t\n', 'if x:\n    pass\n', 'x = 1\n', "add_attribute('Person', 'name')\n", '    pass\n',
  'else:\n    pass\n', '@d\n', 'def f():\n    return 1\n', 'y = (1,\n     2)\n', 'z = 1 + \\\n    2\n', "'''doc\nstring'''\n", 'x = 1 \\\n',
  'a = 1; b = 2\n', 'print 1\n', '\r\n', 'for a in b:\n    # c\n    pass\n# d\n',
  // Python 2 prints, classes with methods, with, match, lambdas, comments in brackets, clauses, CRLF lines.
  "print 'x' % y\n", 'class A(object):\n    x = 1\n\n    def f(self):\n        pass\n', 'with open(f) as g:\n    pass\n',
  'match x:\n    case 1:\n        pass\n', 'f = lambda a: a\n', "d = {\n# c\n'a': 1}\n", "s = u'caf\\xe9'\n", 'elif y:\n    pass\n', 'finally:\n    pass\n',
  'while a:\r\n    b()\r\n# c\r\n'];
// ...and pieces typed anywhere (many break the script for a while).
const PIECES = ['', 'x', 'é', "'", '"', '(', ')', '\n', '    ', '#', ':', '\\', '"""', ', ', '=', ';', '\r'];

export type Edit = { at: number; length: number; insert: string; nearLine: boolean };

export const anEdit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ at: fc.nat(), length: fc.constant(0), insert: fc.constantFrom(...LINES), nearLine: fc.constant(true) }) },
  // Deleting a line (up to its line break) or a few characters at a line start.
  { weight: 2, arbitrary: fc.record({ at: fc.nat(), length: fc.nat({ max: 40 }), insert: fc.constant(''), nearLine: fc.constant(true) }) },
  // Typing in an identifier or a string: a letter in, a letter out.
  { weight: 3, arbitrary: fc.record({ at: fc.nat(), length: fc.constantFrom(0, 1), insert: fc.constantFrom('x', 'é', ''), nearLine: fc.constant(false) }) },
  { weight: 1, arbitrary: fc.record({ at: fc.nat(), length: fc.nat({ max: 12 }), insert: fc.constantFrom(...PIECES), nearLine: fc.boolean() }) },
);

export const edits = fc.array(anEdit, { minLength: 1, maxLength: 12 });

/** Every child as offsets, type, text, its node's offsets, positions and S-expression (reading each node). */
export function describe(children: readonly ModuleChild[]): string[] {
  return children.map((c) => {
    const node = c.node();
    const { startPosition: from, endPosition: to } = node;
    return `${c.start}-${c.end} ${c.type} ${JSON.stringify(c.text)} ${node.startIndex}-${node.endIndex} ${from.row}:${from.column}-${to.row}:${to.column} ${node.toString()}`;
  });
}

/** Where an edit applies in `text` (at a line start when `nearLine`, where boundaries are; a deletion then ends at the line's end at most). */
export function editRange(text: string, e: Edit): { startOffset: number; oldEndOffset: number; newText: string } {
  let start = e.at % (text.length + 1);
  let end = Math.min(text.length, start + e.length);
  if (e.nearLine) {
    start = text.lastIndexOf('\n', start - 1) + 1;
    const lineEnd = text.indexOf('\n', start);
    end = Math.min(start + e.length, lineEnd === -1 ? text.length : lineEnd + 1);
  }
  return { startOffset: start, oldEndOffset: end, newText: e.insert };
}

/** The text after the edits, one after the other. */
export function editedText(text: string, list: readonly Edit[]): string {
  for (const e of list) {
    const { startOffset, oldEndOffset, newText } = editRange(text, e);
    text = text.slice(0, startOffset) + newText + text.slice(oldEndOffset);
  }
  return text;
}
