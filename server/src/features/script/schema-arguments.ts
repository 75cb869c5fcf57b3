// unknown-entity-type, unknown-relation-type, unknown-attribute and still-in-schema: string arguments checked against schema.py.
import type { DiagnosticCode } from '../../core/diagnostic-codes';
import type { NamedKind, Parameter } from '../../core/catalog/catalog';
import type { CallArgument } from '../../core/python/calls';
import { definesRelation, relationNamesOf, type ApplicationSchema } from '../../core/schema/application-schema';
import type { CatalogCall } from './catalog-calls';
import { closestName } from '../../core/closest-name';
import type { ScriptProblem } from './script-problem';

/** What schema.py says about one named thing: defined (with where), or not, or unknowable here. */
type Lookup = { defined: true; line: number } | { defined: false; candidates: string[] } | undefined;

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
      return entity ? { defined: true, line: entity.location.line } : { defined: false, candidates: candidatesOf(schema, 'entities', () => [...schema.entityTypes.keys()]) };
    case 'entity-or-relation-type':
      if (entity) return { defined: true, line: entity.location.line };
      return relation ? { defined: true, line: relation.locations[0].line } : { defined: false, candidates: candidatesOf(schema, 'entities and relations', () => [...schema.entityTypes.keys(), ...schema.relationTypes.keys()]) };
    case 'relation-type': {
      const subject = literalOf(call, parameter.of ?? parameter.subject);
      const object = literalOf(call, parameter.object);
      // A relation of a given subject (and object): only judged when those types exist in schema.py.
      if (subject !== undefined && (parameter.of || object !== undefined)) {
        if (!schema.entityTypes.has(subject) || (object !== undefined && !schema.entityTypes.has(object))) return undefined;
        const found = definesRelation(schema, subject, name, object ?? '*');
        if (found) return { defined: true, line: relation?.locations[0].line ?? 0 };
        return { defined: false, candidates: candidatesOf(schema, `relations of ${subject}`, () => schema.relationDefinitions.filter((d) => d.subject === subject).map((d) => d.rtype)) };
      }
      if (parameter.subject || parameter.object) return undefined;
      return relation ? { defined: true, line: relation.locations[0].line } : { defined: false, candidates: candidatesOf(schema, 'relations', () => [...schema.relationTypes.keys()]) };
    }
    case 'attribute': {
      const etype = literalOf(call, parameter.of);
      const owner = etype !== undefined ? schema.entityTypes.get(etype) : undefined;
      // Without a known entity type there is nothing to look the attribute up in (unknown-entity-type says why).
      if (!owner) return undefined;
      const attribute = owner.attributes.get(name) ?? owner.relations.get(name);
      if (attribute) return { defined: true, line: attribute.location.line };
      // Relations declared elsewhere (RelationDefinition, ObjectRelation) count too; `reverse_<rtype>` when it is the object.
      const asSubject = relationNamesOf(schema, owner.name);
      const reverse = name.startsWith('reverse_') && definesRelation(schema, '*', name.slice('reverse_'.length), owner.name);
      if (asSubject.includes(name) || (parameter.kind === 'var-keyword' && reverse)) return { defined: true, line: relation?.locations[0].line ?? owner.location.line };
      return { defined: false, candidates: asSubject };
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

export function checkSchemaArguments(schema: ApplicationSchema | undefined, calls: readonly CatalogCall[]): ScriptProblem[] {
  if (!schema) return [];
  const problems: ScriptProblem[] = [];
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
        const suggestion = closestName(name, found.candidates);
        problems.push({ code: UNKNOWN_CODE[parameter.names], ...at, message:
          `schema.py does not define ${what}, but ${call.primitive.name}() reads it from there${suggestion ? `; did you mean '${suggestion}'?` : '; add it to schema.py first'}` });
      } else if (parameter.schema === 'removed' && found.defined) {
        problems.push({ code: 'still-in-schema', ...at, message:
          `schema.py still defines ${what} (line ${found.line + 1}), but ${call.primitive.name}() expects it gone from the model; remove it from schema.py, or the next schema synchronisation brings it back` });
      }
    }
  }
  return problems;
}
