// The data model an application's schema.py declares, as read statically: entity types, attributes, relations.

/** The yams final (attribute) types. */
export const FINAL_TYPES = ['String', 'Int', 'BigInt', 'Float', 'Decimal', 'Boolean', 'Date', 'Datetime', 'TZDatetime', 'Time', 'TZTime', 'Interval', 'Bytes', 'Password', 'RichString'] as const;
export type FinalType = (typeof FINAL_TYPES)[number];

/** Where a name is defined in schema.py (offsets in UTF-16 code units; lines and characters from 0). */
export interface SchemaLocation {
  start: number;
  end: number;
  line: number;
  character: number;
}

export interface SchemaAttribute {
  name: string;
  type: FinalType;
  location: SchemaLocation;
}

/** A relation as seen from an entity type (`SubjectRelation`/`ObjectRelation` in its class body). */
export interface SchemaRelationEnd {
  name: string;
  role: 'subject' | 'object';
  /** The types at the other end, as written (`'*'` means any). */
  targets: string[];
  location: SchemaLocation;
}

export interface SchemaEntityType {
  name: string;
  location: SchemaLocation;
  /** Base classes as written (EntityType, or another entity type it specializes). */
  bases: string[];
  /** Own and inherited attributes. */
  attributes: Map<string, SchemaAttribute>;
  /** Own and inherited relations declared in the class body. */
  relations: Map<string, SchemaRelationEnd>;
}

/** subject -rtype-> object; '*' stands for any entity type. */
export interface SchemaRelationDefinition {
  subject: string;
  rtype: string;
  object: string;
  location: SchemaLocation;
}

export interface SchemaRelationType {
  name: string;
  /** True when the name is only ever an attribute (a "final" relation in yams). */
  final: boolean;
  /** Every place the relation type is declared: RelationType/RelationDefinition classes, relation and attribute lines. */
  locations: SchemaLocation[];
}

/** A problem in schema.py worth showing (never thrown: reading always returns a model). */
export interface SchemaReadProblem {
  message: string;
  location: SchemaLocation;
}

export interface ApplicationSchema {
  entityTypes: Map<string, SchemaEntityType>;
  relationTypes: Map<string, SchemaRelationType>;
  relationDefinitions: SchemaRelationDefinition[];
  problems: SchemaReadProblem[];
}

/** True when schema.py defines the relation subject -rtype-> object (either end may be '*'). */
export function definesRelation(schema: ApplicationSchema, subject: string, rtype: string, object: string): boolean {
  const matches = (declared: string, wanted: string) => declared === '*' || wanted === '*' || declared === wanted;
  return schema.relationDefinitions.some((d) => d.rtype === rtype && matches(d.subject, subject) && matches(d.object, object));
}

/** Attributes and relations an entity type has as subject (what `X <name> ...` may use in RQL). */
export function relationNamesOf(schema: ApplicationSchema, etype: string): string[] {
  const names = new Set<string>();
  for (const d of schema.relationDefinitions) if (d.subject === etype || d.subject === '*') names.add(d.rtype);
  for (const name of schema.entityTypes.get(etype)?.attributes.keys() ?? []) names.add(name);
  return [...names];
}
