// unknown-name: a name a script reads that is neither the catalog's, a Python builtin, nor bound anywhere in the script.
import type { Catalog } from '../../core/catalog/catalog';
import { diagnostic, type CheckDiagnostic } from '../../core/check-diagnostic';
import { closestName } from '../../core/closest-name';
import type { ParsedPython } from '../../core/python/parsed-python';
import type { SyntaxNode } from '../../core/python/parser';
import { topLevelStatements, type TopLevelStatement } from './script-statements';
import { ownText } from '../../core/own-text';

/** Python 3's builtins, and the module attributes every module sees. */
export const PYTHON_BUILTINS: ReadonlySet<string> = new Set(`ArithmeticError AssertionError AttributeError BaseException BaseExceptionGroup
BlockingIOError BrokenPipeError BufferError BytesWarning ChildProcessError ConnectionAbortedError ConnectionError ConnectionRefusedError
ConnectionResetError DeprecationWarning EOFError Ellipsis EncodingWarning EnvironmentError Exception ExceptionGroup False FileExistsError
FileNotFoundError FloatingPointError FutureWarning GeneratorExit IOError ImportError ImportWarning IndentationError IndexError InterruptedError
IsADirectoryError KeyError KeyboardInterrupt LookupError MemoryError ModuleNotFoundError NameError None NotADirectoryError NotImplemented
NotImplementedError OSError OverflowError PendingDeprecationWarning PermissionError ProcessLookupError RecursionError ReferenceError
ResourceWarning RuntimeError RuntimeWarning StopAsyncIteration StopIteration SyntaxError SyntaxWarning SystemError SystemExit TabError
TimeoutError True TypeError UnboundLocalError UnicodeDecodeError UnicodeEncodeError UnicodeError UnicodeTranslateError UnicodeWarning
UserWarning ValueError Warning ZeroDivisionError __build_class__ __debug__ __doc__ __import__ __loader__ __name__ __package__ __spec__
__file__ __builtins__ __cached__ __class__ abs aiter all anext any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile
complex copyright credits delattr dict dir divmod enumerate eval exec exit filter float format frozenset getattr globals hasattr hash help hex
id input int isinstance issubclass iter len license list locals map max memoryview min next object oct open ord pow print property quit range
repr reversed round set setattr slice sorted staticmethod str sum super tuple type vars zip`.split(/\s+/));

/** Python 2 builtins that old cube scripts still call: gone in Python 3, so each says what to write instead. */
export const PYTHON2_BUILTINS: Readonly<Record<string, string>> = {
  unicode: 'str', basestring: 'str', xrange: 'range', raw_input: 'input', long: 'int', unichr: 'chr', file: 'open',
  reduce: 'functools.reduce (import it from functools)', execfile: 'exec(open(path).read())', cmp: 'a comparison with < and >',
  buffer: 'memoryview', apply: 'f(*args, **kwargs)', intern: 'sys.intern', reload: 'importlib.reload', unicode_literals: 'nothing (every string is unicode)',
};

// Uses of these mean names can appear at run time that no text shows: then the rule cannot decide and stays silent.
const DYNAMIC_NAMES = new Set(['globals', 'locals', 'vars', 'exec', 'execfile', '__builtins__']);
// Containers an assignment target may nest a name in: `a, (b, *c) = ...`.
const TARGET_CONTAINERS = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'parenthesized_expression', 'list_splat_pattern']);
const TARGET_OWNERS = new Set(['assignment', 'augmented_assignment', 'for_statement', 'for_in_clause']);
const PARAMETER_PARENTS = new Set(['parameters', 'lambda_parameters', 'list_splat_pattern', 'dictionary_splat_pattern', 'global_statement', 'nonlocal_statement']);

export interface StatementNames {
  /** Names read, with offsets relative to the statement. */
  uses: Array<{ name: string; start: number; end: number }>;
  /** Names bound anywhere in it (any scope: a name bound in a function counts for the whole script, so nothing is guessed). */
  binds: string[];
  /** A star import or dynamic name access: the script's names cannot be known. */
  dynamic: boolean;
  /** The uses of names neither `catalog`'s nor builtins (most statements have none): only these depend on the script. */
  unresolved?: { catalog: Catalog; uses: StatementNames['uses'] };
}

function isField(parent: SyntaxNode, field: string, node: SyntaxNode): boolean {
  return parent.childForFieldName(field)?.startIndex === node.startIndex && parent.childForFieldName(field)?.endIndex === node.endIndex;
}

/** What an identifier is: a name read, a name bound, or no name at all (an attribute, a keyword, part of an import). */
function roleOf(node: SyntaxNode, ancestors: readonly SyntaxNode[]): 'use' | 'bind' | 'none' {
  let level = ancestors.length - 1;
  const parent = ancestors[level];
  if (!parent) return 'use';
  switch (parent.type) {
    case 'attribute':
      return isField(parent, 'attribute', node) ? 'none' : 'use';
    case 'keyword_argument':
      return isField(parent, 'name', node) ? 'none' : 'use';
    case 'dotted_name':
    case 'aliased_import':
    case 'relative_import':
    case 'import_statement':
    case 'import_from_statement':
      // Import parts are bound by bindImports; a capture pattern of `match` binds its name.
      return 'none';
    case 'function_definition':
    case 'class_definition':
      return isField(parent, 'name', node) ? 'bind' : 'use';
    case 'default_parameter':
    case 'typed_default_parameter':
      return isField(parent, 'name', node) ? 'bind' : 'use';
    case 'typed_parameter':
      return parent.firstNamedChild?.startIndex === node.startIndex ? 'bind' : 'use';
    case 'named_expression':
      return isField(parent, 'name', node) ? 'bind' : 'use';
    case 'as_pattern_target':
      return 'bind';
    case 'except_clause':
      // Python 2's `except X, e:` binds e (python-syntax reports the form itself).
      return parent.namedChildren.filter((c) => c?.type !== 'block').length > 1 && parent.namedChildren[1]?.startIndex === node.startIndex ? 'bind' : 'use';
    default:
      if (PARAMETER_PARENTS.has(parent.type)) return 'bind';
  }
  // Climb out of target containers: `a` in `for a, (b, c) in ...` or `x, *y = ...` is bound.
  let child: SyntaxNode = node;
  let owner: SyntaxNode | undefined = parent;
  while (owner && TARGET_CONTAINERS.has(owner.type)) {
    if (owner.type === 'as_pattern_target') return 'bind';
    child = owner;
    owner = ancestors[--level];
  }
  if (owner?.type === 'as_pattern_target') return 'bind';
  if (owner && TARGET_OWNERS.has(owner.type) && isField(owner, 'left', child)) return 'bind';
  return 'use';
}

/**
 * Whether a name lies inside an ERROR node of the statement, from the statement's error ranges: walking each name's
 * ancestors instead costs the depth squared per name (tree-sitter finds a parent from the root), so 500 nested calls took 5 s.
 */
function errorRanges(statement: SyntaxNode): (node: SyntaxNode) => boolean {
  const ranges: Array<[number, number]> = [];
  for (const error of statement.descendantsOfType('ERROR')) {
    if (!error) continue;
    const last = ranges[ranges.length - 1];
    // Nested errors overlap their parent: keep the outer range (descendants come in document order).
    if (last && error.startIndex < last[1]) last[1] = Math.max(last[1], error.endIndex);
    else ranges.push([error.startIndex, error.endIndex]);
  }
  if (statement.isError) ranges.splice(0, ranges.length, [statement.startIndex, statement.endIndex]);
  return (node) => {
    let low = 0;
    let high = ranges.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const [start, end] = ranges[middle];
      if (node.endIndex <= start) high = middle - 1;
      else if (node.startIndex >= end) low = middle + 1;
      else return start <= node.startIndex && node.endIndex <= end;
    }
    return false;
  };
}

function bindImports(statement: SyntaxNode, binds: Set<string>): boolean {
  let star = false;
  for (const node of statement.descendantsOfType(['import_statement', 'import_from_statement'])) {
    if (!node) continue;
    if (node.descendantsOfType('wildcard_import').length) star = true;
    const moduleName = node.childForFieldName('module_name');
    for (const imported of node.namedChildren) {
      if (!imported || (moduleName && imported.startIndex === moduleName.startIndex)) continue;
      if (imported.type === 'aliased_import') {
        const alias = imported.childForFieldName('alias');
        if (alias) binds.add(alias.text);
      } else if (imported.type === 'dotted_name' && imported.firstNamedChild) binds.add(imported.firstNamedChild.text);
    }
  }
  return star;
}

/** `text` is the statement's: what it lacks (an import, a `case`) is not looked for in the tree (a walk each). */
function namesOf(statement: SyntaxNode, text: string, reusable: boolean): StatementNames {
  const binds = new Set<string>();
  const uses: StatementNames['uses'] = [];
  let dynamic = text.includes('import') ? bindImports(statement, binds) : false;
  // A reusable statement holds no syntax error (see TopLevelStatement.reusable): no name of it is inside an ERROR.
  const insideError = reusable ? () => false : errorRanges(statement);
  // One cursor walk keeps each name's ancestors at hand (tree-sitter's `parent` searches from the root: quadratic when deep).
  const cursor = statement.walk();
  const ancestors: SyntaxNode[] = [];
  for (;;) {
    if (cursor.nodeType === 'identifier') {
      const node = cursor.currentNode;
      const role = roleOf(node, ancestors);
      if (role === 'bind') binds.add(node.text);
      else if (role === 'use') {
        if (DYNAMIC_NAMES.has(node.text)) dynamic = true;
        if (!insideError(node)) uses.push({ name: node.text, start: node.startIndex - statement.startIndex, end: node.endIndex - statement.startIndex });
      }
    } else {
      const node = cursor.currentNode;
      if (node.childCount > 0 && cursor.gotoFirstChild()) {
        ancestors.push(node);
        continue;
      }
    }
    while (!cursor.gotoNextSibling()) {
      if (!ancestors.length || !cursor.gotoParent()) {
        cursor.delete();
        return finish();
      }
      ancestors.pop();
    }
  }
  function finish(): StatementNames {
    // `match` capture patterns (`case [a, b]:`) bind their names.
    for (const pattern of text.includes('case') ? statement.descendantsOfType('case_pattern') : []) {
      for (const name of pattern?.descendantsOfType('dotted_name') ?? []) if (name?.namedChildCount === 1 && name.firstNamedChild) binds.add(name.firstNamedChild.text);
    }
    return { uses, binds: [...binds], dynamic };
  }
}

function statementNames(statement: TopLevelStatement): StatementNames {
  const known = statement.known;
  let names = known?.names;
  if (!names) {
    names = namesOf(statement.tree(), statement.text, statement.reusable);
    if (known) {
      // Kept across versions: the names are copies, not views into the script's text.
      names = { uses: names.uses.map((use) => ({ ...use, name: ownText(use.name) })), binds: names.binds.map(ownText), dynamic: names.dynamic };
      known.names = names;
    }
  }
  return names;
}

/** The statement's uses of names that neither the catalog nor Python defines (computed once per text and catalog). */
function unresolvedUses(names: StatementNames, catalog: Catalog): StatementNames['uses'] {
  if (names.unresolved?.catalog === catalog) return names.unresolved.uses;
  const uses = names.uses.filter((use) => !catalog.byName.has(use.name) && !PYTHON_BUILTINS.has(use.name));
  names.unresolved = { catalog, uses };
  return uses;
}

function message(name: string, suggestion: string | undefined): string {
  const python3 = PYTHON2_BUILTINS[name];
  if (python3) return `'${name}' is a Python 2 builtin that Python 3 (the runtime's Python) does not have: use ${python3}`;
  return `'${name}' is not defined: it is no primitive of the catalog, no Python builtin and no name this script binds, so the script stops here with NameError`
    + (suggestion ? `; did you mean '${suggestion}'?` : '');
}

/** Every unknown-name diagnostic of a parsed script; silent when the script can bind names no text shows. */
export function checkUnknownNames(script: ParsedPython, catalog: Catalog): CheckDiagnostic[] {
  const statements = topLevelStatements(script);
  const names: StatementNames[] = new Array(statements.length);
  const bound = new Set<string>();
  let unresolved = false;
  for (let i = 0; i < statements.length; i++) {
    const found = (names[i] = statementNames(statements[i]));
    if (found.dynamic) return [];
    for (const name of found.binds) bound.add(name);
    if (unresolvedUses(found, catalog).length) unresolved = true;
  }
  const diagnostics: CheckDiagnostic[] = [];
  if (!unresolved) return diagnostics;
  const suggestions = new Map<string, string | undefined>();
  const suggest = (name: string) => {
    if (!suggestions.has(name)) suggestions.set(name, closestName(name, [...catalog.byName.keys(), ...bound, ...PYTHON_BUILTINS]));
    return suggestions.get(name);
  };
  for (let i = 0; i < statements.length; i++) {
    const start = statements[i].start;
    for (const use of unresolvedUses(names[i], catalog)) {
      if (bound.has(use.name)) continue;
      const range = script.lines.rangeOf(start + use.start, start + use.end);
      diagnostics.push(diagnostic('unknown-name', range, message(use.name, PYTHON2_BUILTINS[use.name] ? undefined : suggest(use.name))));
    }
  }
  return diagnostics;
}
