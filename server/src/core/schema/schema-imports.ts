// The names schema files may import from yams and CubicWeb (what the runtime's compatibility modules offer), and what they mean.

/** yams.buildobjs classes that make a class a schema definition. */
export const ENTITY_BASES = new Set(['EntityType', 'WorkflowableEntityType']);
export const RELATION_TYPE_BASES = new Set(['RelationType']);
export const COMPUTED_RELATION_BASES = new Set(['ComputedRelation']);
export const RELATION_DEFINITION_BASES = new Set(['RelationDefinition']);

const FINAL = ['String', 'Password', 'Bytes', 'Int', 'BigInt', 'Float', 'Boolean', 'Decimal', 'Time', 'Date', 'Datetime', 'TZTime', 'TZDatetime', 'Interval'];
const CONSTRAINTS = [
  'BaseConstraint', 'UniqueConstraint', 'SizeConstraint', 'RegexpConstraint', 'BoundaryConstraint', 'BoundConstraint', 'IntervalBoundConstraint',
  'StaticVocabularyConstraint', 'FormatConstraint', 'FORMAT_CONSTRAINT', 'MultipleStaticVocabularyConstraint', 'Attribute', 'NOW', 'TODAY',
];

/** Module → the names it offers to schema files. A module absent here (a cube's, a third-party one) is not checked. */
export const OFFERED_NAMES: ReadonlyMap<string, ReadonlySet<string>> = new Map<string, ReadonlySet<string>>([
  ['yams.buildobjs', new Set([
    'EntityType', 'RelationType', 'RelationDefinition', 'SubjectRelation', 'ObjectRelation', 'ComputedRelation', 'RichString', 'make_type',
    'Definition', ...FINAL,
  ])],
  ['yams.constraints', new Set(CONSTRAINTS)],
  ['yams', new Set(['BASE_TYPES', 'MARKER', 'BadSchemaDefinition', 'ValidationError', 'register_base_type', 'KNOWN_METAATTRIBUTES', 'buildobjs', 'constraints', 'reader'])],
  ['yams.reader', new Set(['SchemaLoader', 'PyFileReader', 'fill_schema', 'build_schema_from_namespace', 'context'])],
  ['cubicweb', new Set(['_', 'Binary', 'ValidationError', 'Unauthorized', 'schema'])],
  ['cubicweb.schema', new Set([
    'ERQLExpression', 'RRQLExpression', 'RQLExpression', 'RQLConstraint', 'RQLUniqueConstraint', 'RQLVocabularyConstraint',
    'WorkflowableEntityType', 'make_workflowable', 'display_name', 'META_RTYPES', 'VIRTUAL_RTYPES', 'SCHEMA_TYPES', 'WORKFLOW_TYPES',
    'INTERNAL_TYPES', 'SYSTEM_RTYPES', 'WORKFLOW_RTYPES', 'WORKFLOW_DEF_RTYPES', 'ETYPE_NAME_MAP', 'PUB_SYSTEM_ENTITY_PERMS',
    'PUB_SYSTEM_REL_PERMS', 'PUB_SYSTEM_ATTR_PERMS', 'RO_REL_PERMS', 'RO_ATTR_PERMS', 'HOOKS_RTYPE_PERMS', 'CONSTRAINTS', '_',
    // yams names CubicWeb's module re-exports.
    'EntityType', 'RelationType', 'RelationDefinition', 'SubjectRelation', 'ObjectRelation', 'ComputedRelation', 'RichString', 'make_type', ...FINAL, ...CONSTRAINTS,
  ])],
]);

/** Core schema modules, whose names are the classes the core schema defines. */
export const CORE_SCHEMA_MODULES = /^cubicweb\.schemas(\.\w+)?$/;

/** The cube a module belongs to: `cubicweb_file.schema` and `cubes.file.schema` are the file cube's. */
export function cubeOfModule(module: string): string | undefined {
  const modern = /^cubicweb_(\w+)(\.|$)/.exec(module);
  if (modern) return modern[1];
  const legacy = /^cubes\.(\w+)(\.|$)/.exec(module);
  return legacy?.[1];
}
