// The data model a schema declares, as read statically: entity types, attributes, relation types and definitions.
import { registerSchemaDerived, schemaDerived } from '../recorded-reads';

/** The yams final (attribute) types; `make_type` adds custom ones. RichString is a String with a `<name>_format` companion. */
export const FINAL_TYPES = ['String', 'Int', 'BigInt', 'Float', 'Decimal', 'Boolean', 'Date', 'Datetime', 'TZDatetime', 'Time', 'TZTime', 'Interval', 'Bytes', 'Password'] as const;
export type FinalType = (typeof FINAL_TYPES)[number];

/** Where a name is defined (the file; offsets in UTF-16 code units; lines and characters from 0). */
export interface SchemaLocation {
  /** The schema file, absolute. */
  path: string;
  start: number;
  end: number;
  line: number;
  character: number;
}

export interface SchemaAttribute {
  name: string;
  /** A final type name (String, Int, ...) or a `make_type` custom type. */
  type: string;
  location: SchemaLocation;
  required: boolean;
  unique: boolean;
  /** The literal default value (null when none or not a constant). */
  default: unknown;
  maxsize: number | null;
  vocabulary: unknown[] | null;
  indexed: boolean;
  fulltextindexed: boolean;
  internationalizable: boolean;
  /** The RQL of a computed attribute. */
  formula: string | null;
  /** Declared as RichString (its format lives in `<name>_format`). */
  richString?: boolean;
}

/** A relation as seen from an entity type (`SubjectRelation`/`ObjectRelation` in its class body, or `add_relation`). */
export interface SchemaRelationEnd {
  name: string;
  role: 'subject' | 'object';
  /** The types at the other end, as written (`'*'` means any). */
  targets: string[];
  location: SchemaLocation;
  cardinality: string;
  composite: 'subject' | 'object' | null;
  /** Whether cardinality/composite were written (else the relation type's, or yams' default). */
  cardinalityGiven?: boolean;
  compositeGiven?: boolean;
  /** Relation type properties given on the relation (`SubjectRelation('X', inlined=True)`). */
  inlined?: boolean;
  symmetric?: boolean;
}

export interface SchemaEntityType {
  name: string;
  location: SchemaLocation;
  /** Base classes as written (EntityType, or another entity type it inherits from). */
  bases: string[];
  /** `__abstract__ = True` (CubicWeb still registers it). A `_`-prefixed class is no type at all (see `abstractTypes`). */
  abstract: boolean;
  /** The parent named first, when `__specializes_schema__ = True`. */
  specializes: string | null;
  workflowable: boolean;
  /** Own and inherited attributes (and those every entity type has). */
  attributes: ReadonlyMap<string, SchemaAttribute>;
  /** Own and inherited relations declared on the class, by name. */
  relations: ReadonlyMap<string, SchemaRelationEnd>;
}

/** subject -rtype-> object between entity types; '*' stands for any entity type. */
export interface SchemaRelationDefinition {
  subject: string;
  rtype: string;
  object: string;
  location: SchemaLocation;
  cardinality: string;
  composite: 'subject' | 'object' | null;
}

export interface SchemaRelationType {
  name: string;
  /** True when the name is only ever an attribute (a "final" relation in yams). */
  final: boolean;
  symmetric: boolean;
  inlined: boolean;
  /** A ComputedRelation, with its rule. */
  computed: boolean;
  rule: string | null;
  /** Every place the relation type is declared: RelationType/RelationDefinition classes, relation and attribute lines. */
  locations: SchemaLocation[];
}

/** A problem in a schema file worth showing (never thrown: reading always returns a model). */
export interface SchemaReadProblem {
  severity: 'error' | 'warning';
  message: string;
  location: SchemaLocation;
}

export interface ApplicationSchema {
  /** Entity types yams registers. */
  entityTypes: Map<string, SchemaEntityType>;
  /** `_`-prefixed entity classes: no table and no type of their own; their children inherit what they declare. */
  abstractTypes: Map<string, SchemaEntityType>;
  relationTypes: Map<string, SchemaRelationType>;
  /** Definitions of non-final relations (attributes are on the entity types). */
  relationDefinitions: SchemaRelationDefinition[];
  /** Final types: the yams ones and the `make_type` ones. */
  finalTypes: Set<string>;
  problems: SchemaReadProblem[];
}

// Relation definitions by relation type and by subject, built once per schema (schemaDerived: a check reading them
// depends only on the entries it looks up, not on every definition of the schema).
function byKey(key: 'rtype' | 'subject') {
  return (schema: object): Map<string, SchemaRelationDefinition[]> => {
    const index = new Map<string, SchemaRelationDefinition[]>();
    for (const d of (schema as ApplicationSchema).relationDefinitions) {
      const list = index.get(d[key]);
      if (list) list.push(d);
      else index.set(d[key], [d]);
    }
    return index;
  };
}
const byRelationType = byKey('rtype');
/** Per subject type (and '*' alone): the definitions whose subject is that type or '*', in the schema's order. */
function bySubject(schema: object): Map<string, SchemaRelationDefinition[]> {
  const { relationDefinitions, entityTypes } = schema as ApplicationSchema;
  const index = new Map<string, SchemaRelationDefinition[]>();
  for (const subject of ['*', ...entityTypes.keys(), ...relationDefinitions.map((d) => d.subject)]) if (!index.has(subject)) index.set(subject, []);
  // One pass in the schema's order: a '*' definition belongs to every list, another to its subject's.
  for (const d of relationDefinitions) {
    if (d.subject === '*') for (const list of index.values()) list.push(d);
    else index.get(d.subject)!.push(d);
  }
  return index;
}
registerSchemaDerived('relation-definitions-by-rtype', byRelationType);
registerSchemaDerived('relation-definitions-by-subject', bySubject);

export function emptySchema(): ApplicationSchema {
  return { entityTypes: new Map(), abstractTypes: new Map(), relationTypes: new Map(), relationDefinitions: [], finalTypes: new Set(FINAL_TYPES), problems: [] };
}

/** True when the schema defines the relation subject -rtype-> object (either end may be '*'), attributes included. */
export function definesRelation(schema: ApplicationSchema, subject: string, rtype: string, object: string): boolean {
  const matches = (declared: string, wanted: string) => declared === '*' || wanted === '*' || declared === wanted;
  // Indexed by relation type: a check depends on the definitions of that type only, not on every definition.
  const definitions = schemaDerived(schema, 'relation-definitions-by-rtype', byRelationType).get(rtype) ?? [];
  if (definitions.some((d) => matches(d.subject, subject) && matches(d.object, object))) return true;
  const attribute = subject === '*'
    ? [...schema.entityTypes.values()].some((e) => e.attributes.get(rtype) && matches(e.attributes.get(rtype)!.type, object))
    : schema.entityTypes.get(subject)?.attributes.get(rtype);
  return attribute === true || (typeof attribute === 'object' && attribute !== undefined && matches(attribute.type, object));
}

/** Attributes and relations an entity type has as subject (what `X <name> ...` may use in RQL). */
export function relationNamesOf(schema: ApplicationSchema, etype: string): string[] {
  const names = new Set<string>();
  for (const name of schema.entityTypes.get(etype)?.attributes.keys() ?? []) names.add(name);
  const index = schemaDerived(schema, 'relation-definitions-by-subject', bySubject);
  for (const d of index.get(etype) ?? index.get('*') ?? []) names.add(d.rtype);
  return [...names];
}

/** Entity types and final types: what may stand at either end of a relation definition. */
export function isKnownType(schema: ApplicationSchema, name: string): boolean {
  return schema.entityTypes.has(name) || schema.finalTypes.has(name);
}
