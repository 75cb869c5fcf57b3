// not-available-in-mode: a repository-side name (checkpoint, sqlcursor, add_attribute, ...) used in a web or common script.
import type { Catalog, CatalogEntry } from '../../core/catalog/catalog';
import { MODES, type Mode } from '../../core/mode';
import { catalogEntryNamed, type ScriptContext } from './script-context';
import type { ScriptProblem } from './script-problem';
import type { SyntaxNode } from '../../core/python/parser';

// Parents in which an identifier is not a use of a global name: `x.name`, `f(name=...)`, `def f(name)`.
function isGlobalUse(parentType: string | undefined, fieldIsAttribute: boolean): boolean {
  if (fieldIsAttribute) return false;
  return !['keyword_argument', 'parameters', 'default_parameter', 'typed_parameter', 'typed_default_parameter', 'function_definition', 'class_definition', 'aliased_import', 'dotted_name'].includes(parentType ?? '');
}

// Per catalog: a pattern of every name some mode lacks. A text holding none of them is silent in every mode, without
// reading the mode (the statement cache then shares its result between scripts of different modes).
const isRestricted = (entry: CatalogEntry) => MODES.some((m) => !entry.modes.includes(m));
const restrictedNames = new WeakMap<Catalog, RegExp | null>();

function restrictedPattern(catalog: Catalog): RegExp | null {
  let pattern = restrictedNames.get(catalog);
  if (pattern === undefined) {
    const names = catalog.entries.filter(isRestricted).map((e) => e.name);
    restrictedNames.set(catalog, (pattern = names.length ? new RegExp(`(?<![\\w.])(?:${names.join('|')})(?!\\w)`) : null));
  }
  return pattern;
}

/**
 * Uses of unavailable names in the text [from, from + text.length) of the script (one statement, or all of it), found
 * in `within` (the statement's node; the whole tree by default).
 */
export function checkModeAvailability(context: ScriptContext, text: string, from: number, within?: SyntaxNode): ScriptProblem[] {
  const restricted = restrictedPattern(context.catalog);
  if (!restricted || !restricted.test(text)) return [];
  const { script } = context;
  const allows = context.modeAllows ?? ((modes: readonly Mode[]) => modes.includes(context.mode));
  const unavailable = context.catalog.entries.filter((e) => isRestricted(e) && !allows(e.modes));
  if (!unavailable.length) return [];
  const problems: ScriptProblem[] = [];
  // A text search finds the few candidate spots; the tree then says whether each is a real use of the name.
  const pattern = new RegExp(`(?<![\\w.])(${unavailable.map((e) => e.name).join('|')})(?!\\w)`, 'g');
  for (const match of text.matchAll(pattern)) {
    const start = from + match.index;
    const node = (within ?? script.tree.rootNode).descendantForIndex(start, start + match[0].length);
    if (!node || node.type !== 'identifier' || node.startIndex !== start) continue;
    const parent = node.parent;
    const isAttribute = parent?.type === 'attribute' && parent.childForFieldName('attribute')?.startIndex === start;
    if (parent?.type === 'keyword_argument' && parent.childForFieldName('value')?.startIndex === start) {
      // `f(x=checkpoint)` is a use.
    } else if (!isGlobalUse(parent?.type, isAttribute)) continue;
    const entry = catalogEntryNamed(context, node.text);
    if (!entry) continue;
    const called = parent?.type === 'call' && parent.childForFieldName('function')?.startIndex === start ? parent : undefined;
    problems.push({ code: 'not-available-in-mode', start, end: called ? called.endIndex : node.endIndex, message: message(entry, context.mode) });
  }
  return problems;
}

function message(entry: CatalogEntry, mode: string): string {
  const where = entry.modes.map((m) => `'${m}'`).join(' or ');
  return `${entry.name} is only available in ${where} scripts (repository side), and this is a '${mode}' script; `
    + `move this code to a script whose file name ends in _${entry.modes[0]}.py, or remove it`;
}
