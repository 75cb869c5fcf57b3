// Completion in a migration script: catalog names for its mode, schema.py names inside string arguments, snippets, keywords.
import { rqlMethodArguments } from './rql-method-calls';
import type { CatalogEntry, Primitive } from '../../core/catalog/catalog';
import { declaration, entryDocumentation } from '../../core/catalog/signature';
import { relationNamesOf } from '../../core/schema/application-schema';
import { surroundingsAt, type CallAtCursor, type CursorSurroundings } from '../../core/python/call-at-cursor';
import { preferredQuote, withQuote, type Quote } from '../../core/python/quote-style';
import { bindArguments } from './argument-binding';
import { ARGUMENT_LANGUAGES } from './argument-languages';
import { catalogEntryNamed, type ScriptContext } from './script-context';
import { namedArgumentAt } from './schema-target';
import { snippetsForMode } from './snippets';

export type ScriptCompletionKind =
  | 'function' | 'value' | 'snippet' | 'keyword-argument'
  | 'entity-type' | 'relation-type' | 'attribute'
  | 'relation' | 'keyword' | 'variable';

export interface ScriptCompletion {
  label: string;
  kind: ScriptCompletionKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** What replaces [replaceStart, replaceEnd); snippet syntax when `isSnippet`. */
  insertText: string;
  isSnippet: boolean;
  replaceStart: number;
  replaceEnd: number;
  /** Keeps the catalog's order (context names, then primitives by category). */
  sortText?: string;
}

// Where a name cannot be a use of a global: after `def`, `class`, `import`, `as`, or `x.`.
const NO_NAMES_AFTER = new Set(['.', 'def', 'class', 'import', 'from', 'as', 'global', 'nonlocal']);

/** `add_attribute('${1:etype}', '${2:attrname}')$0`: the call with a placeholder per required parameter, names quoted with the file's quote. */
export function callSnippet(primitive: Primitive, quote: Quote = "'"): string {
  const required = primitive.parameters.filter((p) => p.kind === 'positional-or-keyword' && p.default === undefined);
  const quoted = (name: string, names: boolean) => (names ? `${quote}\${${name}}${quote}` : `\${${name}}`);
  return `${primitive.name}(${required.map((p, i) => quoted(`${i + 1}:${p.name}`, p.names !== undefined)).join(', ')})$0`;
}

export function completeScript(context: ScriptContext, offset: number): ScriptCompletion[] {
  const { text, tree } = context.script;
  const surroundings = surroundingsAt(tree, text, offset);
  if (surroundings.inComment) return [];
  if (surroundings.call?.string) return completeInString(context, offset, surroundings);
  if (surroundings.string) return completeInRqlMethodCall(context, offset);
  if (surroundings.previousToken === '.') return memberCompletions(context, offset);
  if (surroundings.previousToken && NO_NAMES_AFTER.has(surroundings.previousToken)) return [];

  let wordStart = offset;
  while (wordStart > 0 && /\w/.test(text[wordStart - 1])) wordStart--;
  let wordEnd = offset;
  while (wordEnd < text.length && /\w/.test(text[wordEnd])) wordEnd++;
  if (/\d/.test(text[wordStart] ?? '')) return [];
  const followedByParen = text[wordEnd] === '(';
  const items: ScriptCompletion[] = [];
  const quote = preferredQuote(tree);

  if (surroundings.call && !surroundings.call.nested) items.push(...keywordArguments(context, surroundings.call, wordStart, wordEnd));

  context.catalog.entries.forEach((entry, index) => {
    if (!entry.modes.includes(context.mode) || !catalogEntryNamed(context, entry.name)) return;
    items.push(nameCompletion(entry, index, wordStart, wordEnd, followedByParen, quote));
  });

  const lineStart = text.lastIndexOf('\n', wordStart - 1) + 1;
  const atStatementStart = !surroundings.call && /^[ \t]*$/.test(text.slice(lineStart, wordStart));
  if (atStatementStart) {
    for (const snippet of snippetsForMode(context.catalog, context.mode)) {
      items.push({
        label: snippet.prefix,
        kind: 'snippet',
        detail: snippet.name,
        documentation: `${snippet.description}\n\n\`\`\`python\n${snippet.body.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d/g, '')}\n\`\`\``,
        insertText: withQuote(snippet.body, quote),
        isSnippet: true,
        replaceStart: wordStart,
        replaceEnd: wordEnd,
        sortText: `2-${snippet.prefix}`,
      });
    }
  }
  return items;
}

/** After `cnx.`: the members of a catalog object (the script must not rebind the object). */
function memberCompletions(context: ScriptContext, offset: number): ScriptCompletion[] {
  const match = /(?:^|[^\w.])([A-Za-z_]\w*)\.(\w*)$/.exec(context.script.text.slice(Math.max(0, offset - 200), offset));
  if (!match) return [];
  const owner = catalogEntryNamed(context, match[1]);
  if (owner?.kind !== 'value' || !owner.members || !owner.modes.includes(context.mode)) return [];
  let end = offset;
  while (end < context.script.text.length && /\w/.test(context.script.text[end])) end++;
  const followedByParen = context.script.text[end] === '(';
  const quote = preferredQuote(context.script.tree);
  return owner.members.map((member, index) => ({
    ...nameCompletion(member, index, offset - match[2].length, end, followedByParen, quote),
    sortText: `0-${String(index).padStart(3, '0')}`,
  }));
}

function nameCompletion(entry: CatalogEntry, index: number, start: number, end: number, followedByParen: boolean, quote: Quote): ScriptCompletion {
  const isCall = entry.kind === 'function' && !followedByParen;
  return {
    label: entry.name,
    kind: entry.kind === 'function' ? 'function' : 'value',
    detail: declaration(entry),
    documentation: entryDocumentation(entry),
    insertText: isCall ? callSnippet(entry, quote) : entry.name,
    isSnippet: isCall,
    replaceStart: start,
    replaceEnd: end,
    sortText: `1-${String(index).padStart(3, '0')}`,
  };
}

/** `commit=`, `auto=`: keyword parameters of the call not given yet. */
function keywordArguments(context: ScriptContext, call: CallAtCursor, start: number, end: number): ScriptCompletion[] {
  const entry = catalogEntryNamed(context, call.name);
  if (entry?.kind !== 'function' || call.active.kind !== 'positional') return [];
  const { bound } = bindArguments(entry, call.previous);
  const given = new Set(call.previous.map((a) => a.keyword));
  // `**kwargs` naming attributes of an entity type (add_entity): its attributes and relations as keywords.
  const named = entry.parameters.find((p) => p.kind === 'var-keyword' && p.names === 'attribute' && p.of);
  const owner = named?.of ? bound.get(named.of)?.value : undefined;
  const schemaKeywords: ScriptCompletion[] = owner && context.schema?.entityTypes.has(owner)
    ? relationNamesOf(context.schema, owner).filter((name) => !given.has(name)).map((name) => ({
      label: `${name}=`,
      kind: 'keyword-argument' as const,
      detail: context.schema!.entityTypes.get(owner)!.attributes.has(name) ? `attribute of ${owner}` : `relation of ${owner}`,
      insertText: `${name}=`,
      isSnippet: false,
      replaceStart: start,
      replaceEnd: end,
      sortText: `0-${name}`,
    }))
    : [];
  return [...schemaKeywords, ...entry.parameters
    .filter((p) => (p.kind === 'positional-or-keyword' || p.kind === 'keyword-only') && !bound.has(p.name))
    .map((p) => ({
      label: `${p.name}=`,
      kind: 'keyword-argument' as const,
      detail: `${p.type}${p.default !== undefined ? ` = ${p.default}` : ''}`,
      insertText: `${p.name}=`,
      isSnippet: false,
      replaceStart: start,
      replaceEnd: end,
      sortText: `0-${p.name}`,
    }))];
}

/** Completion inside the query of `cnx.execute('...')` / `session.execute('...')`, as inside rql()'s. */
function completeInRqlMethodCall(context: ScriptContext, offset: number): ScriptCompletion[] {
  const argument = rqlMethodArguments(context.script.tree.rootNode).find((a) => a.literal!.contentStart <= offset && offset <= a.literal!.contentEnd);
  const string = argument?.literal;
  if (!string) return [];
  return ARGUMENT_LANGUAGES.rql.complete!(string.value, offset - string.contentStart, context.schema).map((c) => ({
    label: c.label, kind: c.kind, detail: c.detail, insertText: c.label, isSnippet: false,
    replaceStart: string.contentStart + c.replaceFrom, replaceEnd: offset, sortText: `${c.kind === 'keyword' ? 1 : 0}-${c.label}`,
  }));
}

function completeInString(context: ScriptContext, offset: number, surroundings: CursorSurroundings): ScriptCompletion[] {
  const named = namedArgumentAt(context, offset, surroundings);
  if (!named) return completeInRqlMethodCall(context, offset);
  const { parameter, string, owner } = named;
  const language = parameter.language ? ARGUMENT_LANGUAGES[parameter.language] : undefined;
  if (language?.complete) {
    return language.complete(string.value, offset - string.contentStart, context.schema)
      .map((c) => ({
        label: c.label, kind: c.kind, detail: c.detail, insertText: c.label, isSnippet: false,
        replaceStart: string.contentStart + c.replaceFrom, replaceEnd: offset, sortText: `${c.kind === 'keyword' ? 1 : 0}-${c.label}`,
      }));
  }
  const { schema } = context;
  // Names to remove are by definition no longer in schema.py: nothing to offer there.
  if (!schema || !parameter.names || parameter.schema === 'removed') return [];
  // Replace the whole name when the string is closed on this line; else only up to the cursor.
  const rest = context.script.text.slice(offset, string.contentEnd);
  const replaceEnd = !string.unterminated && !rest.includes('\n') ? string.contentEnd : offset;
  const item = (label: string, kind: ScriptCompletion['kind'], detail: string): ScriptCompletion =>
    ({ label, kind, detail, insertText: label, isSnippet: false, replaceStart: string.contentStart, replaceEnd, sortText: `0-${label}` });
  const items: ScriptCompletion[] = [];
  const entityItems = () => [...schema.entityTypes.values()].map((e) => ({
    ...item(e.name, 'entity-type', `entity type (${context.surroundings.describe(e.location)})`),
    documentation: `Attributes: ${[...e.attributes.values()].map((a) => `\`${a.name}\` (${a.type})`).join(', ') || 'none'}`
      + (e.relations.size ? `\n\nRelations: ${[...e.relations.values()].map((r) => `\`${r.name}\` (${r.role === 'subject' ? '→' : '←'} ${r.targets.join(', ')})`).join(', ')}` : ''),
  }));
  switch (parameter.names) {
    case 'entity-type':
      items.push(...entityItems());
      break;
    case 'entity-or-relation-type':
      items.push(...entityItems());
      for (const r of schema.relationTypes.values()) if (!r.final) items.push(item(r.name, 'relation-type', 'relation type'));
      break;
    case 'relation-type': {
      const ofOwner = owner !== undefined ? schema.entityTypes.get(owner) : undefined;
      if (ofOwner && parameter.of) {
        for (const name of relationNamesOf(schema, ofOwner.name)) items.push(item(name, ofOwner.attributes.has(name) ? 'attribute' : 'relation-type', `relation of ${ofOwner.name}`));
      } else {
        for (const r of schema.relationTypes.values()) if (!r.final) items.push(item(r.name, 'relation-type', 'relation type'));
      }
      break;
    }
    case 'attribute': {
      const ofOwner = owner !== undefined ? schema.entityTypes.get(owner) : undefined;
      const owners = ofOwner ? [ofOwner] : [...schema.entityTypes.values()];
      const seen = new Set<string>();
      for (const e of owners) {
        for (const a of e.attributes.values()) {
          if (seen.has(a.name)) continue;
          seen.add(a.name);
          items.push(item(a.name, 'attribute', `${a.type} attribute of ${e.name}`));
        }
      }
      break;
    }
  }
  return items;
}
