// Where a Python text still names an entity type, attribute or relation: string arguments, RQL strings, keyword arguments of entity writes.

export type RenamedKind = 'entity-type' | 'attribute' | 'relation-type';

export interface NameUse {
  /** Offsets of the name itself (what a replacement rewrites), UTF-16 code units. */
  start: number;
  end: number;
  /** "an RQL string", "a string argument", "a keyword argument". */
  what: string;
}

// One-line string literals (with an optional u/r/b prefix); triple-quoted strings are read as their parts, which is enough here.
const LITERAL = /(?<![\w'"])[uUrRbB]?('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")/g;
// An RQL query, or an RQL expression of schema.py (RQLConstraint('O is Ticket'), ERQLExpression('X owned_by U')).
const RQL_SHAPE = /\b(?:Any|DISTINCT|SET|DELETE|INSERT|WHERE)\b|(?:^|[\s,(])[A-Z]\w*\??\s+[a-z_]\w*\s+[A-Z%'"]/;
const ENTITY_WRITE = /\b(?:create_entity|add_entity|cw_set|set_attributes)\s*\(/g;

/** The text with comments blanked (same length, same offsets), so that a name in a comment is no use. */
function withoutComments(text: string): string {
  let out = '';
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') { out += c + (text[i + 1] ?? ''); i++; continue; }
      if (c === quote || c === '\n') quote = undefined;
      out += c;
    } else if (c === '#') {
      const end = text.indexOf('\n', i);
      const stop = end === -1 ? text.length : end;
      out += ' '.repeat(stop - i);
      i = stop - 1;
    } else {
      if (c === '"' || c === "'") quote = c;
      out += c;
    }
  }
  return out;
}

function escape(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The uses of `name` in `text` (from `from` on): a string that is exactly the name (an argument such as
 * `find('Old')` or `SubjectRelation('Old')`), the name as a word of an RQL string (for an attribute or relation, in a
 * relation's place: `X old V`), and for an attribute a keyword argument of an entity write (`cw_set(old=...)`).
 * A name built at run time is no use this can see: it stays silent there.
 */
export function findNameUses(text: string, name: string, kind: RenamedKind, from = 0): NameUse[] {
  if (!name || !text.includes(name)) return [];
  const code = withoutComments(text);
  const uses: NameUse[] = [];
  const word = new RegExp(kind === 'entity-type' ? `(?<![\\w.])${escape(name)}(?![\\w])` : `(?<=\\b[A-Z]\\w*\\??\\s+)${escape(name)}(?=\\s+[\\w%('"])`, 'g');
  for (const match of code.matchAll(LITERAL)) {
    const literalStart = match.index + match[0].length - match[1].length;
    if (literalStart + match[1].length <= from) continue;
    const content = match[1].slice(1, -1);
    const contentStart = literalStart + 1;
    if (content === name) {
      if (contentStart >= from) uses.push({ start: contentStart, end: contentStart + name.length, what: 'a string argument' });
      continue;
    }
    if (!RQL_SHAPE.test(content)) continue;
    for (const inner of content.matchAll(word)) {
      const start = contentStart + inner.index;
      if (start >= from) uses.push({ start, end: start + name.length, what: 'an RQL string' });
    }
  }
  if (kind === 'attribute') {
    const keyword = new RegExp(`(?<![\\w.])${escape(name)}(?=\\s*=(?!=))`, 'y');
    for (const call of code.matchAll(ENTITY_WRITE)) {
      // The call's argument text, up to its closing parenthesis (nested ones counted).
      let depth = 1;
      let i = call.index + call[0].length;
      for (; i < code.length && depth > 0; i++) {
        if (code[i] === '(') depth++;
        else if (code[i] === ')') depth--;
        else if (code[i] === "'" || code[i] === '"') {
          const quote = code[i];
          for (i++; i < code.length && code[i] !== quote && code[i] !== '\n'; i++) if (code[i] === '\\') i++;
        } else if (code[i] === name[0] && (i === 0 || !/[\w.]/.test(code[i - 1]))) {
          keyword.lastIndex = i;
          if (keyword.test(code) && i >= from) uses.push({ start: i, end: i + name.length, what: 'a keyword argument' });
        }
      }
    }
  }
  return uses.sort((a, b) => a.start - b.start);
}
