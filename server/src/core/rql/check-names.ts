// Checks the names of a parsed RQL query against a schema: unknown types, relations and attributes, relations between types they do not link, unrestricted variables.
import { closestName } from '../closest-name';
import { isNode, parseRql, type RqlNode, type RqlToken } from './parser';

/** What the name check needs of the merged schema (server/src/features/script/argument-languages.ts builds it). */
export interface RqlNameSchema {
  /** Entity type -> its attributes (own, inherited and those every entity has). */
  attributes: ReadonlyMap<string, ReadonlySet<string>>;
  /** Relation type -> its definitions; '*' stands for any entity type. */
  relations: ReadonlyMap<string, readonly { subject: string; object: string }[]>;
  /** Every relation and attribute name a query may use (relations, what every entity has, attributes), built once
   * per schema by `rqlNameSchema`: a query looks its names up instead of gathering them, so a cached result depends
   * on the names it used only. */
  names: ReadonlySet<string>;
  /** Names that are an attribute of some entity type. */
  attributeNames: ReadonlySet<string>;
}

/** The name schema with its lookups, from the attributes of each entity type and the relation definitions. */
export function rqlNameSchema(attributes: ReadonlyMap<string, ReadonlySet<string>>, relations: RqlNameSchema['relations']): RqlNameSchema {
  const names = new Set<string>([...relations.keys(), ...EVERY_ENTITY]);
  const attributeNames = new Set<string>();
  for (const attrs of attributes.values()) for (const a of attrs) names.add(a), attributeNames.add(a);
  return { attributes, relations, names, attributeNames };
}

export interface RqlNameProblem {
  code: 'rql-unknown-name';
  offset: number;
  length: number;
  message: string;
}

export interface RqlNameOptions {
  /** Names the query may use although the schema lacks them (dropped or renamed by this or a later script). */
  tolerated?: (name: string) => boolean;
  /** Why an unknown name may be right (an old script: a later release removed it); shown with a typo only. */
  olderScript?: string;
}

/** What CubicWeb gives every entity, whatever the schema says. */
const EVERY_ENTITY = new Set(['eid', 'is', 'is_instance_of', 'identity', 'has_text', 'creation_date', 'modification_date', 'cwuri',
  'owned_by', 'created_by', 'in_state', 'cw_source', 'in_group']);

function tokensOf(node: RqlNode | RqlToken, into: RqlToken[] = []): RqlToken[] {
  const stack: (RqlNode | RqlToken)[] = [node];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (isNode(item)) for (let i = item.children.length - 1; i >= 0; i--) stack.push(item.children[i]);
    else into.push(item);
  }
  return into;
}

/** The nodes of each of `rules` under `tree`, in one walk (each list as `nodesOf` gives it). */
function nodesByRule(tree: RqlNode, rules: readonly string[]): Map<string, RqlNode[]> {
  const found = new Map<string, RqlNode[]>(rules.map((rule) => [rule, []]));
  const stack: (RqlNode | RqlToken)[] = [tree];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (!isNode(item)) continue;
    found.get(item.rule)?.push(item);
    for (let i = item.children.length - 1; i >= 0; i--) stack.push(item.children[i]);
  }
  for (const nodes of found.values()) nodes.sort((a, b) => a.start - b.start);
  return found;
}

function nodesOf(tree: RqlNode, rule: string): RqlNode[] {
  const found: RqlNode[] = [];
  const stack: (RqlNode | RqlToken)[] = [tree];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (!isNode(item)) continue;
    if (item.rule === rule) found.push(item);
    for (let i = item.children.length - 1; i >= 0; i--) stack.push(item.children[i]);
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Names of a query that the schema lacks, and relations used between types they do not link. A query that does
 * not parse gets none (rql-syntax says why). */
export function checkRqlNames(text: string, schema: RqlNameSchema, options: RqlNameOptions = {}): RqlNameProblem[] {
  const parsed = parseRql(text);
  if (!parsed.tree) return [];
  const problems: RqlNameProblem[] = [];
  const tolerated = options.tolerated ?? (() => false);
  const names = schema.names;

  // Candidates are listed afresh for each report (as closestName expects a list per query), only when a name is unknown.
  const report = (token: RqlToken, what: string, candidates: () => Iterable<string>) => {
    if (tolerated(token.text)) return;
    const suggestion = closestName(token.text, candidates());
    if (options.olderScript && !suggestion) return;
    const didYouMean = suggestion ? `; did you mean '${suggestion}'?` : '';
    const message = options.olderScript
      ? `${what} '${token.text}' is not in the current schema; ${options.olderScript}: nothing to change unless the name is misspelt${didYouMean}`
      : `${what} '${token.text}' is not in the merged schema (schema.py, its cubes and CubicWeb's core)${didYouMean}`;
    problems.push({ code: 'rql-unknown-name', offset: token.start, length: token.end - token.start, message });
  };

  // The query's selections, declarations, relations and assignments, found in one walk.
  const byRule = nodesByRule(parsed.tree, ['select', 'declaration', 'relation', 'assignment']);
  const selects = byRule.get('select')!;
  const declarations = byRule.get('declaration')!;

  // Entity types: at the head of a selection, in declarations, after is / is_instance_of.
  const typeTokens: RqlToken[] = [];
  for (const select of selects) {
    const head = select.children.find((c) => !isNode(c) && c.kind === 'ETYPE') as RqlToken | undefined;
    if (head && head.text !== 'Any') typeTokens.push(head);
  }
  for (const declaration of declarations) typeTokens.push(declaration.children[0] as RqlToken);
  const declared = new Map<string, string>();
  for (const declaration of declarations) {
    const [etype, variable] = declaration.children as RqlToken[];
    if (etype.text !== 'Any') declared.set(variable.text, etype.text);
  }
  for (const select of selects) {
    const head = select.children.find((c) => !isNode(c) && c.kind === 'ETYPE') as RqlToken | undefined;
    const first = tokensOf(select.children.find((c) => isNode(c) && c.rule === 'selection') ?? select)[0];
    if (head && head.text !== 'Any' && first?.kind === 'VAR') declared.set(first.text, head.text);
  }
  const relations = byRule.get('relation')!;
  for (const relation of relations) {
    const [subject] = relation.children as RqlToken[];
    const name = relation.children.find((c) => !isNode(c) && c.kind === 'NAME') as RqlToken;
    if (name.text !== 'is' && name.text !== 'is_instance_of') continue;
    const value = tokensOf(relation).filter((t) => t.start > name.start && t.kind === 'ETYPE');
    typeTokens.push(...value.filter((t) => t.text !== 'Any'));
    if (value.length === 1 && value[0].text !== 'Any' && name.text === 'is') declared.set(subject.text, value[0].text);
  }
  for (const token of typeTokens) if (!schema.attributes.has(token.text)) report(token, 'entity type', () => [...schema.attributes.keys()]);

  // Relations and attributes: after a variable in a restriction, in SET/INSERT/DELETE assignments.
  const uses: { subject: RqlToken; name: RqlToken; object?: RqlToken }[] = [];
  for (const node of [...relations, ...byRule.get('assignment')!]) {
    const subject = node.children[0] as RqlToken;
    const name = node.children.find((c) => !isNode(c) && c.kind === 'NAME') as RqlToken;
    const rest = tokensOf(node).filter((t) => t.start > name.start && t.kind !== '?');
    uses.push({ subject, name, object: rest.length === 1 && rest[0].kind === 'VAR' ? rest[0] : undefined });
  }
  for (const { name } of uses) if (!names.has(name.text)) report(name, 'relation or attribute', () => [...names]);

  // A relation between types it does not link; an attribute a typed variable's type lacks.
  for (const { subject, name, object } of uses) {
    const subjectType = declared.get(subject.text);
    if (!subjectType || !schema.attributes.has(subjectType) || EVERY_ENTITY.has(name.text) || tolerated(name.text)) continue;
    const definitions = schema.relations.get(name.text);
    const isAttribute = schema.attributeNames.has(name.text);
    if (schema.attributes.get(subjectType)!.has(name.text)) continue;
    const objectType = object ? declared.get(object.text) : undefined;
    if (definitions && definitions.length > 0) {
      const fromSubject = definitions.filter((d) => d.subject === '*' || d.subject === subjectType);
      const linking = fromSubject.filter((d) => !objectType || d.object === '*' || d.object === objectType);
      if (linking.length > 0) continue;
      const links = definitions.map((d) => `${d.subject} to ${d.object}`).join(', ');
      const message = objectType && fromSubject.length > 0
        ? `'${name.text}' does not link ${subjectType} to ${objectType} (it links ${links})`
        : `'${name.text}' does not start from ${subjectType} (it links ${links})`;
      problems.push({ code: 'rql-unknown-name', offset: name.start, length: name.end - name.start, message });
    } else if (isAttribute) {
      const suggestion = closestName(name.text, schema.attributes.get(subjectType)!);
      problems.push({ code: 'rql-unknown-name', offset: name.start, length: name.end - name.start,
        message: `${subjectType} has no attribute '${name.text}'${suggestion ? `; did you mean '${suggestion}'?` : ''}` });
    }
  }
  problems.push(...unrestrictedVariables(parsed.tree));
  return problems.sort((a, b) => a.offset - b.offset);
}

/** A variable selected or changed that no restriction, declaration or subquery mentions: every entity would do. */
function unrestrictedVariables(tree: RqlNode): RqlNameProblem[] {
  const problems: RqlNameProblem[] = [];
  const statement = (tree.children[0] as RqlNode).children[0] as RqlNode;
  const parts = statement.rule === 'union' ? nodesOf(statement, 'select') : [statement];
  for (const part of parts) {
    const restricted = new Set<string>();
    const where = part.children.find((c) => isNode(c) && c.rule === 'where') as RqlNode | undefined;
    for (const t of where ? tokensOf(where) : []) if (t.kind === 'VAR') restricted.add(t.text);
    for (const d of nodesOf(part, 'declaration')) restricted.add((d.children[1] as RqlToken).text);
    for (const s of nodesOf(part, 'subquery')) for (const t of s.children) if (!isNode(t) && t.kind === 'VAR') restricted.add(t.text);
    const head = part.children.find((c) => !isNode(c) && c.kind === 'ETYPE') as RqlToken | undefined;
    const selection = part.children.find((c) => isNode(c) && c.rule === 'selection') as RqlNode | undefined;
    const selected = selection ? tokensOf(selection).filter((t) => t.kind === 'VAR') : [];
    if (head && head.text !== 'Any' && selected[0]) restricted.add(selected[0].text);
    const changed = part.rule === 'update' || part.rule === 'delete'
      ? nodesOf(part, 'assignment').map((a) => a.children[0] as RqlToken) : [];
    const insert = part.rule === 'insert';
    const candidates = insert ? [] : [...changed, ...(restricted.size > 0 || changed.length > 0 ? selected : [])];
    const seen = new Set<string>();
    for (const variable of candidates) {
      if (restricted.has(variable.text) || seen.has(variable.text)) continue;
      seen.add(variable.text);
      const how = part.rule === 'select'
        ? `pairs every entity with the other rows: add \`${variable.text} is <Etype>\` or a relation in WHERE`
        : `changes every entity that has it: add a WHERE clause such as \`${variable.text} eid %(eid)s\``;
      problems.push({ code: 'rql-unknown-name', offset: variable.start, length: variable.end - variable.start,
        message: `${variable.text} is restricted by nothing, so the query ${how}` });
    }
  }
  return problems;
}
