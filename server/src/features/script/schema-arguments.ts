// unknown-entity-type, unknown-relation-type, unknown-attribute and still-in-schema: string arguments checked against the merged schema.
import type { DiagnosticCode } from '../../core/diagnostic-codes';
import type { NamedKind, Parameter } from '../../core/catalog/catalog';
import { compareVersions } from '../../core/model-version';
import type { CallArgument } from '../../core/python/calls';
import { definesRelation, isKnownType, relationNamesOf, type ApplicationSchema, type SchemaLocation } from '../../core/schema/application-schema';
import type { CatalogCall } from './catalog-calls';
import { closestName } from '../../core/closest-name';
import type { SchemaSurroundings } from './script-context';
import type { ScriptProblem } from './script-problem';

/** What the merged schema says about one named thing: defined (with where, when known), or not, or unknowable here. */
// Candidates are listed only when a name is reported: listing every type reads the whole schema, which a cached
// result would then depend on (a type rename would re-check every script that merely looked a name up).
type Lookup = { defined: true; location?: SchemaLocation } | { defined: false; candidates: () => string[] } | undefined;

function literalOf(call: CatalogCall, parameterName: string | undefined): string | undefined {
  return parameterName ? call.binding.bound.get(parameterName)?.literal?.value : undefined;
}

// One list per schema and kind, so closestName indexes it once, not once per misspelt call (20,000 calls, 3,000 types).
const candidateLists = new WeakMap<ApplicationSchema, Map<string, string[]>>();

function candidatesOf(schema: ApplicationSchema, key: string, list: () => string[]): string[] {
  let lists = candidateLists.get(schema);
  if (!lists) candidateLists.set(schema, (lists = new Map()));
  let names = lists.get(key);
  if (!names) lists.set(key, (names = list()));
  return names;
}

function lookUp(schema: ApplicationSchema, call: CatalogCall, parameter: Parameter, name: string): Lookup {
  const entity = schema.entityTypes.get(name);
  const relation = schema.relationTypes.get(name);
  switch (parameter.names as NamedKind) {
    case 'entity-type':
      if (entity) return { defined: true, location: entity.location };
      // A final type (String, a make_type one) is a type too: the object of an attribute's relation definition.
      if (schema.finalTypes.has(name)) return { defined: true };
      return { defined: false, candidates: () => candidatesOf(schema, 'entities', () => [...schema.entityTypes.keys()]) };
    case 'entity-or-relation-type':
      if (entity) return { defined: true, location: entity.location };
      return relation ? { defined: true, location: relation.locations[0] } : { defined: false, candidates: () => candidatesOf(schema, 'entities and relations', () => [...schema.entityTypes.keys(), ...schema.relationTypes.keys()]) };
    case 'relation-type': {
      const subject = literalOf(call, parameter.of ?? parameter.subject);
      const object = literalOf(call, parameter.object);
      // A relation of a given subject (and object): only judged when those types exist in the schema.
      if (subject !== undefined && (parameter.of || object !== undefined)) {
        if (!schema.entityTypes.has(subject) || (object !== undefined && !isKnownType(schema, object))) return undefined;
        const found = definesRelation(schema, subject, name, object ?? '*');
        if (found) return { defined: true, location: relation?.locations[0] };
        return { defined: false, candidates: () => candidatesOf(schema, `relations of ${subject}`, () => relationNamesOf(schema, subject)) };
      }
      if (parameter.subject || parameter.object) return undefined;
      return relation ? { defined: true, location: relation.locations[0] } : { defined: false, candidates: () => candidatesOf(schema, 'relations', () => [...schema.relationTypes.keys()]) };
    }
    case 'attribute': {
      const etype = literalOf(call, parameter.of);
      const owner = etype !== undefined ? schema.entityTypes.get(etype) : undefined;
      // Without a known entity type there is nothing to look the attribute up in (unknown-entity-type says why).
      if (!owner) return undefined;
      const attribute = owner.attributes.get(name) ?? owner.relations.get(name);
      if (attribute) return { defined: true, location: attribute.location };
      // Relations declared elsewhere (RelationDefinition, ObjectRelation) count too; `reverse_<rtype>` when it is the object.
      const asSubject = relationNamesOf(schema, owner.name);
      const reverse = name.startsWith('reverse_') && definesRelation(schema, '*', name.slice('reverse_'.length), owner.name);
      if (asSubject.includes(name) || (parameter.kind === 'var-keyword' && reverse)) return { defined: true, location: relation?.locations[0] ?? owner.location };
      return { defined: false, candidates: () => asSubject };
    }
  }
}

const UNKNOWN_CODE: Record<NamedKind, DiagnosticCode> = {
  'entity-type': 'unknown-entity-type',
  'entity-or-relation-type': 'unknown-entity-type',
  'relation-type': 'unknown-relation-type',
  attribute: 'unknown-attribute',
};

function describe(call: CatalogCall, parameter: Parameter, name: string): string {
  switch (parameter.names as NamedKind) {
    case 'entity-type': return `entity type '${name}'`;
    case 'entity-or-relation-type': return `entity or relation type '${name}'`;
    case 'relation-type': {
      const subject = literalOf(call, parameter.of ?? parameter.subject);
      const object = literalOf(call, parameter.object);
      if (subject && object) return `relation ${subject} ${name} ${object}`;
      return subject ? `relation '${name}' of ${subject}` : `relation type '${name}'`;
    }
    case 'attribute': return `attribute '${name}' of ${literalOf(call, parameter.of)}`;
  }
}

/** Why a name the script needs is missing, in words that fit the script: an old script is not told to edit schema.py. */
function missingMessage(call: CatalogCall, what: string, name: string, suggestion: string | undefined, surroundings: SchemaSurroundings): string {
  const didYouMean = suggestion ? `; did you mean '${suggestion}'?` : undefined;
  const history = surroundings.history;
  if (history?.numversion && compareVersions(history.version, history.numversion) < 0) {
    const removedBy = history.removedBy(name);
    if (removedBy) {
      return `${what} is not in the current schema: it is dropped later by ${removedBy}, and this script (${history.version.text}) is older, so it ran while the name existed; nothing to change here${didYouMean ?? ''}`;
    }
    return `${what} is not in the current schema; this script (${history.version.text}) is older than numversion ${history.numversion.text}, so a later release may have dropped or renamed it: nothing to change unless the name is misspelt${didYouMean ?? ''}`;
  }
  return `schema.py does not define ${what}, nor do its cubes or CubicWeb's core, but ${call.primitive.name}() reads it from there${didYouMean ?? '; add it to schema.py first'}`;
}

export function checkSchemaArguments(schema: ApplicationSchema | undefined, calls: readonly CatalogCall[], surroundings: SchemaSurroundings = { describe: (l) => `line ${l.line + 1}`, missingCubes: [] }): ScriptProblem[] {
  if (!schema) return [];
  const problems: ScriptProblem[] = [];
  // With a cube missing, any name could be the missing cube's: "not defined" is unknowable, so it is never said.
  const incomplete = surroundings.missingCubes.length > 0;
  for (const call of calls) {
    for (const [argument, parameter] of call.binding.parameterOf as Map<CallArgument, Parameter | undefined>) {
      // A `**kwargs` parameter with `names` names things by its keywords (add_entity('Person', name='ann')).
      const byKeyword = parameter?.kind === 'var-keyword';
      const name = byKeyword ? argument.keyword : argument.literal?.value;
      // An empty name is one still being typed (the editor closes the quote at once): nothing to judge yet.
      if (!parameter?.names || !parameter.schema || name === undefined || name.trim() === '') continue;
      const found = lookUp(schema, call, parameter, name);
      if (!found) continue;
      const at = byKeyword ? { start: argument.start, end: argument.start + name.length } : { start: argument.valueStart, end: argument.valueEnd };
      const what = describe(call, parameter, name);
      if (parameter.schema === 'defined' && !found.defined) {
        if (incomplete) continue;
        const suggestion = closestName(name, found.candidates());
        problems.push({ code: UNKNOWN_CODE[parameter.names], ...at, message: missingMessage(call, what, name, suggestion, surroundings) });
      } else if (parameter.schema === 'removed' && found.defined && found.location) {
        const history = surroundings.history;
        const old = history?.numversion && compareVersions(history.version, history.numversion) < 0;
        problems.push({ code: 'still-in-schema', ...at, message: old
          ? `${surroundings.describe(found.location)} defines ${what} again, but this script (${history!.version.text}) is older than numversion ${history!.numversion!.text}: a later release may have brought it back; nothing to change unless this script should not drop it`
          : `${surroundings.describe(found.location)} still defines ${what}, but ${call.primitive.name}() expects it gone from the model; remove it there, or the next schema synchronisation brings it back` });
      }
    }
  }
  return problems;
}
