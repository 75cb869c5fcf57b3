// The plain copy of a statement's tree answers every read the checks make exactly as tree-sitter's nodes do.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { ParsedPython } from '../../server/src/core/python/parsed-python';
import type { SyntaxNode } from '../../server/src/core/python/parser';
import { PlainNode, plainTree } from '../../server/src/core/python/plain-tree';
import { generateRealisticApp } from '../../bench/realistic-app';
import { parser, prepareScriptTests } from './script-support';

before(prepareScriptTests);

function pythonFilesUnder(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) pythonFilesUnder(path, out);
    else if (entry.name.endsWith('.py')) out.push(path);
  }
  return out;
}

// Python's constructs the checks walk: blocks, comprehensions, lambdas, decorators, f-strings, match, walrus, imports, with.
const CONSTRUCTS = `import os.path as p, sys
from a.b import (c as d, e)
from . import f
@decorator(1)
def g(x, y=2, *args, z: int = 3, **kw) -> int:
    """doc"""
    global q
    return [i * 2 for i in x if i] + {k: v for k, v in kw.items()}  # a comment
class H(Base, metaclass=M):
    attr: str = 'a'
    def m(self): return lambda a, *b: (a, b)
for (a, b), *c in rql('Any X, Y WHERE X is T, X name Y'):
    rql('SET X name %(n)s WHERE X eid %(x)s', {'x': a, 'n': f'{b!r:>10} {c}'})
else:
    pass
with open('x') as fh, ctx() as (u, v):
    data = fh.read()
try:
    drop_attribute('T', 'a')
except (KeyError, ValueError) as error:
    raise RuntimeError('no') from error
finally:
    checkpoint()
if (n := len(data)) > 10 and not data or data[1:2:3]:
    x, y = y, x
elif n:
    del x
match command:
    case [first, *rest] if first:
        pass
    case {'k': value, **others}:
        pass
    case Point(x=0, y=yy) | None:
        pass
async def co():
    async with a as b:
        await b
    yield from c
print >>sys.stderr, 'python 2'
exec 'code'
x = 0777 + 10L + 0x1F
assert x, "message"
`;

function sameNode(plain: PlainNode | SyntaxNode | null, real: SyntaxNode | null, where: string): void {
  if (!real || !plain) {
    assert.equal(plain === null, real === null, where);
    return;
  }
  assert.equal(plain.type, real.type, where);
  assert.equal(plain.startIndex, real.startIndex, `${where} start`);
  assert.equal(plain.endIndex, real.endIndex, `${where} end`);
}

function compare(plain: PlainNode, real: SyntaxNode, fields: readonly string[], path: string): void {
  const where = `${path} ${real.type}@${real.startIndex}`;
  sameNode(plain, real, where);
  assert.equal(plain.isNamed, real.isNamed, `${where} isNamed`);
  assert.equal(plain.text, real.text, `${where} text`);
  assert.equal(plain.hasError, real.hasError, `${where} hasError`);
  assert.equal(plain.isError, real.isError, `${where} isError`);
  assert.equal(plain.isMissing, real.isMissing, `${where} isMissing`);
  assert.equal(plain.childCount, real.childCount, `${where} childCount`);
  assert.equal(plain.namedChildCount, real.namedChildCount, `${where} namedChildCount`);
  sameNode(plain.firstChild, real.firstChild, `${where} firstChild`);
  sameNode(plain.lastChild, real.lastChild, `${where} lastChild`);
  sameNode(plain.firstNamedChild, real.firstNamedChild, `${where} firstNamedChild`);
  sameNode(plain.lastNamedChild, real.lastNamedChild, `${where} lastNamedChild`);
  sameNode(plain.nextSibling, real.nextSibling, `${where} nextSibling`);
  sameNode(plain.previousSibling, real.previousSibling, `${where} previousSibling`);
  sameNode(plain.nextNamedSibling, real.nextNamedSibling, `${where} nextNamedSibling`);
  sameNode(plain.previousNamedSibling, real.previousNamedSibling, `${where} previousNamedSibling`);
  sameNode(plain.parent, real.parent, `${where} parent`);
  for (const field of fields) {
    sameNode(plain.childForFieldName(field), real.childForFieldName(field), `${where} field ${field}`);
    const plainAll = plain.childrenForFieldName(field);
    const realAll = real.childrenForFieldName(field);
    assert.equal(plainAll.length, realAll.length, `${where} children of field ${field}`);
    plainAll.forEach((node, i) => sameNode(node, realAll[i], `${where} field ${field} #${i}`));
  }
  const named = plain.namedChildren;
  real.namedChildren.forEach((node, i) => {
    sameNode(named[i], node, `${where} namedChild ${i}`);
    sameNode(plain.namedChild(i), node, `${where} namedChild(${i})`);
  });
  const kids = plain.children;
  real.children.forEach((node, i) => {
    sameNode(plain.child(i), node, `${where} child(${i})`);
    compare(kids[i], node!, fields, where);
  });
}

function compareDescendants(plain: PlainNode, real: SyntaxNode, where: string): void {
  const types = new Set(plain.descendantsOfType([...new Set(real.descendantsOfType(typesUnder(plain)).map((n) => n!.type))]).map((n) => n.type));
  for (const wanted of [...types, ['call', 'string'], ['import_statement', 'import_from_statement'], 'no_such_type']) {
    const plainFound = plain.descendantsOfType(wanted);
    const realFound = real.descendantsOfType(wanted);
    assert.equal(plainFound.length, realFound.length, `${where} descendantsOfType ${wanted}`);
    plainFound.forEach((node, i) => sameNode(node, realFound[i], `${where} descendantsOfType ${wanted} #${i}`));
  }
}

function typesUnder(node: PlainNode, out = new Set<string>()): string[] {
  out.add(node.type);
  for (const kid of node.kids) typesUnder(kid, out);
  return [...out];
}

function compareCursors(plain: PlainNode, real: SyntaxNode, where: string): void {
  const a = plain.walk();
  const b = real.walk();
  const steps = ['gotoFirstChild', 'gotoNextSibling', 'gotoFirstChild', 'gotoParent', 'gotoNextSibling', 'gotoLastChild', 'gotoPreviousSibling'] as const;
  for (let i = 0; i < 400; i++) {
    assert.equal(a.nodeType, b.nodeType, `${where} cursor step ${i}`);
    assert.equal(a.startIndex, b.startIndex, `${where} cursor step ${i} start`);
    assert.equal(a.endIndex, b.endIndex, `${where} cursor step ${i} end`);
    assert.equal(a.currentFieldName ?? null, b.currentFieldName ?? null, `${where} cursor step ${i} field`);
    const step = steps[(i * 7 + (i >> 2)) % steps.length];
    assert.equal(a[step](), b[step](), `${where} cursor ${step} at step ${i}`);
  }
  b.delete();
}

function checkText(text: string, name: string): number {
  const script = ParsedPython.parse(parser, text);
  const fields = script.tree.language.fields.filter((f): f is string => !!f);
  let compared = 0;
  try {
    const root = script.tree.rootNode;
    for (let i = 0; i < root.childCount; i++) {
      const real = root.child(i)!;
      if (real.hasError) continue;
      const plain = plainTree(real);
      compare(plain, real, fields, `${name} statement ${i}`);
      compareDescendants(plain, real, `${name} statement ${i}`);
      compareCursors(plain, real, `${name} statement ${i}`);
      compared++;
    }
  } finally {
    script.dispose();
  }
  return compared;
}

test('a plain statement tree reads as the real one on every construct of the grammar the checks walk', () => {
  const compared = checkText(CONSTRUCTS, 'constructs');
  assert.ok(compared >= 15, `${compared} statements compared`);
});

test('a plain statement tree reads as the real one on every script of the fixtures, examples and a generated realistic application', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'plain-tree-'));
  try {
    const app = generateRealisticApp(workspace, 40, 5);
    const root = join(__dirname, '..', '..');
    const files = [...pythonFilesUnder(join(root, 'test', 'fixtures')), ...pythonFilesUnder(join(root, 'examples')), ...app.scripts];
    let compared = 0;
    for (const path of files) compared += checkText(readFileSync(path, 'utf8'), path);
    assert.ok(compared > 1_000, `${compared} statements compared`);
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
});
