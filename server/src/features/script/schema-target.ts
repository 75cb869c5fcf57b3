// What a string argument under the cursor names in schema.py (entity type, relation type or attribute) and where it is defined.
import type { NamedKind, Parameter } from '../../core/catalog/catalog';
import { readArguments } from '../../core/python/calls';
import { surroundingsAt, type ArgumentBeforeCursor, type CallAtCursor, type CursorSurroundings, type StringAtCursor } from '../../core/python/call-at-cursor';
import type { SchemaLocation } from '../../core/schema/application-schema';
import { bindArguments } from './argument-binding';
import { catalogEntryNamed, type ScriptContext } from './script-context';

export interface NamedArgumentAtCursor {
  call: CallAtCursor;
  parameter: Parameter;
  string: StringAtCursor;
  /** Value of the parameter named by `parameter.of` (the entity type owning an attribute), when given as a literal. */
  owner?: string;
}

/** The string argument the cursor is in, when its parameter names something of schema.py (catalog `names`). */
export function namedArgumentAt(context: ScriptContext, offset: number, known?: CursorSurroundings): NamedArgumentAtCursor | undefined {
  const { call } = known ?? surroundingsAt(context.script.tree, context.script.text, offset);
  if (!call?.string) return undefined;
  const entry = catalogEntryNamed(context, call.name);
  if (entry?.kind !== 'function') return undefined;
  const binding = bindArguments<ArgumentBeforeCursor>(entry, [...call.previous, call.active]);
  const parameter = binding.parameterOf.get(call.active);
  if (!parameter) return undefined;
  const ownerParameter = parameter.of ?? parameter.subject;
  const owner = ownerParameter ? binding.bound.get(ownerParameter)?.value : undefined;
  return { call, parameter, string: call.string, owner };
}

export interface SchemaTarget {
  kind: NamedKind;
  name: string;
  owner?: string;
  /** The string's content range in the script. */
  start: number;
  end: number;
  definitions: SchemaLocation[];
}

/**
 * The keyword under the cursor when it names an attribute or relation through a `**kwargs` parameter with `names`
 * (`add_entity('Person', na|me='ann')`), as the string case does for string arguments.
 */
function keywordNameAt(context: ScriptContext, offset: number): { parameter: Parameter; name: string; owner?: string; start: number; end: number } | undefined {
  const root = context.script.tree.rootNode;
  const node = root.descendantForIndex(offset, offset);
  const identifier = node?.type === 'identifier' ? node : offset > 0 ? root.descendantForIndex(offset - 1, offset - 1) : undefined;
  const keywordArgument = identifier?.parent;
  if (!identifier || keywordArgument?.type !== 'keyword_argument' || keywordArgument.childForFieldName('name')?.startIndex !== identifier.startIndex) return undefined;
  const call = keywordArgument.parent?.parent;
  const callee = call?.type === 'call' ? call.childForFieldName('function') : undefined;
  const entry = callee?.type === 'identifier' ? catalogEntryNamed(context, callee.text) : undefined;
  const argumentList = call?.childForFieldName('arguments');
  if (entry?.kind !== 'function' || argumentList?.type !== 'argument_list') return undefined;
  const binding = bindArguments(entry, readArguments(argumentList));
  const parameter = entry.parameters.find((p) => p.kind === 'var-keyword' && p.names);
  if (!parameter || binding.bound.has(identifier.text)) return undefined;
  const owner = parameter.of ? binding.bound.get(parameter.of)?.literal?.value : undefined;
  return { parameter, name: identifier.text, owner, start: identifier.startIndex, end: identifier.endIndex };
}

/** The schema.py definitions the string (or `**kwargs` keyword) under the cursor refers to (empty when schema.py has none). */
export function schemaTargetAt(context: ScriptContext, offset: number): SchemaTarget | undefined {
  const { schema } = context;
  if (!schema) return undefined;
  const named = namedArgumentAt(context, offset);
  const keyword = named ? undefined : keywordNameAt(context, offset);
  const target = named
    ? { parameter: named.parameter, name: named.string.value, owner: named.owner, start: named.string.contentStart, end: named.string.contentEnd }
    : keyword;
  if (!target) return undefined;
  const { parameter, owner, name } = target;
  const kind = parameter.names;
  if (!kind) return undefined;
  const definitions: SchemaLocation[] = [];
  const entity = schema.entityTypes.get(name);
  const relation = schema.relationTypes.get(name);
  switch (kind) {
    case 'entity-type':
      if (entity) definitions.push(entity.location);
      break;
    case 'entity-or-relation-type':
      if (entity) definitions.push(entity.location);
      else if (relation) definitions.push(...relation.locations);
      break;
    case 'relation-type': {
      const ofOwner = owner !== undefined ? schema.entityTypes.get(owner) : undefined;
      const own = ofOwner?.relations.get(name) ?? ofOwner?.attributes.get(name);
      if (own) definitions.push(own.location);
      else if (relation) definitions.push(...relation.locations);
      break;
    }
    case 'attribute': {
      const ofOwner = owner !== undefined ? schema.entityTypes.get(owner) : undefined;
      const reversed = name.startsWith('reverse_') ? schema.relationTypes.get(name.slice('reverse_'.length)) : undefined;
      const own = ofOwner?.attributes.get(name) ?? ofOwner?.relations.get(name);
      if (own) definitions.push(own.location);
      else if (ofOwner && (relation || reversed)) definitions.push(...(relation ?? reversed)!.locations);
      else if (!ofOwner) {
        for (const e of schema.entityTypes.values()) {
          const attribute = e.attributes.get(name);
          if (attribute && !definitions.some((d) => d.start === attribute.location.start)) definitions.push(attribute.location);
        }
      }
      break;
    }
  }
  return { kind, name, owner, start: target.start, end: target.end, definitions };
}
