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

interface Restrictions {
  /** Any restricted name, as a use (not an attribute). */
  pattern: RegExp;
  /** The restricted entries' distinct mode lists (most catalogs have one: repository-side), in catalog order. */
  modeLists: Array<readonly Mode[]>;
  /** For each restricted entry, the index of its mode list. */
  entries: Array<{ entry: CatalogEntry; list: number }>;
  /** By which mode lists the script's mode is refused (a string of 0/1 per list): the unavailable names' pattern. */
  unavailable: Map<string, RegExp | null>;
}

const restrictions = new WeakMap<Catalog, Restrictions | null>();

function restrictionsOf(catalog: Catalog): Restrictions | null {
  let known = restrictions.get(catalog);
  if (known === undefined) {
    const restricted = catalog.entries.filter(isRestricted);
    const lists = new Map<string, number>();
    const modeLists: Array<readonly Mode[]> = [];
    const entries = restricted.map((entry) => {
      const key = entry.modes.join(',');
      let list = lists.get(key);
      if (list === undefined) {
        lists.set(key, (list = modeLists.length));
        modeLists.push(entry.modes);
      }
      return { entry, list };
    });
    known = restricted.length ? { pattern: new RegExp(`(?<![\\w.])(?:${restricted.map((e) => e.name).join('|')})(?!\\w)`), modeLists, entries, unavailable: new Map() } : null;
    restrictions.set(catalog, known);
  }
  return known;
}

/**
 * Uses of unavailable names in the text [from, from + text.length) of the script (one statement, or all of it), found
 * in `within` (the statement's node; the whole tree by default).
 */
export function checkModeAvailability(context: ScriptContext, text: string, from: number, within?: SyntaxNode): ScriptProblem[] {
  const restricted = restrictionsOf(context.catalog);
  if (!restricted || !restricted.pattern.test(text)) return [];
  const { script } = context;
  const allows = context.modeAllows ?? ((modes: readonly Mode[]) => modes.includes(context.mode));
  // Each distinct mode list is asked once (a statement's checks record what they asked: one fact per list).
  let refused = '';
  for (const modes of restricted.modeLists) refused += allows(modes) ? '0' : '1';
  let unavailable = restricted.unavailable.get(refused);
  if (unavailable === undefined) {
    const entries = restricted.entries.filter(({ list }) => refused[list] === '1').map(({ entry }) => entry);
    unavailable = entries.length ? new RegExp(`(?<![\\w.])(${entries.map((e) => e.name).join('|')})(?!\\w)`, 'g') : null;
    restricted.unavailable.set(refused, unavailable);
  }
  if (!unavailable) return [];
  const problems: ScriptProblem[] = [];
  // A text search finds the few candidate spots; the tree then says whether each is a real use of the name.
  // matchAll works on a copy of the shared pattern (its lastIndex is its own).
  for (const match of text.matchAll(unavailable)) {
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
