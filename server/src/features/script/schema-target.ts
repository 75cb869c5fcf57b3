// What a string argument under the cursor names in schema.py (entity type, relation type or attribute) and where it is defined.
import type { NamedKind, Parameter } from '../../core/catalog/catalog';
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

/** The schema.py definitions the string under the cursor refers to (empty when schema.py has none). */
export function schemaTargetAt(context: ScriptContext, offset: number): SchemaTarget | undefined {
  const { schema } = context;
  const named = schema ? namedArgumentAt(context, offset) : undefined;
  if (!schema || !named?.parameter.names) return undefined;
  const { parameter, string, owner } = named;
  const kind = parameter.names;
  if (!kind) return undefined;
  const name = string.value;
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
      const own = ofOwner?.attributes.get(name) ?? ofOwner?.relations.get(name);
      if (own) definitions.push(own.location);
      else if (!ofOwner) {
        for (const e of schema.entityTypes.values()) {
          const attribute = e.attributes.get(name);
          if (attribute && !definitions.some((d) => d.start === attribute.location.start)) definitions.push(attribute.location);
        }
      }
      break;
    }
  }
  return { kind, name, owner, start: string.contentStart, end: string.contentEnd, definitions };
}
