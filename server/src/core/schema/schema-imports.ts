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
const DEFAULT_PERMISSIONS = ['DEFAULT_ETYPEPERMS', 'DEFAULT_RELPERMS', 'DEFAULT_ATTRPERMS', 'DEFAULT_COMPUTED_ATTRPERMS'];

/**
 * Module → the names it offers to schema files: a superset of the runtime's compatibility modules
 * (runtime/erudi_migrate/compat/) and of what CubicWeb 3.28's modules hold, so that nothing loadable is reported.
 * A module absent here (a cube's, a third-party one) is not checked.
 */
export const OFFERED_NAMES: ReadonlyMap<string, ReadonlySet<string>> = new Map<string, ReadonlySet<string>>([
  ['yams.buildobjs', new Set([
    'EntityType', 'RelationType', 'RelationDefinition', 'SubjectRelation', 'ObjectRelation', 'ComputedRelation', 'RichString', 'make_type',
    'Definition', 'AbstractTypedAttribute', 'make_workflowable', 'register_base_type', 'BASE_TYPES', 'RDEF_PROPERTIES', 'RTYPE_PROPERTIES',
    ...DEFAULT_PERMISSIONS, ...FINAL, 'SizeConstraint', 'UniqueConstraint', 'StaticVocabularyConstraint', 'FORMAT_CONSTRAINT',
  ])],
  ['yams.constraints', new Set(CONSTRAINTS)],
  ['yams', new Set(['BASE_TYPES', 'MARKER', 'BadSchemaDefinition', 'ValidationError', 'UnknownType', 'register_base_type', 'unregister_base_type',
    'KNOWN_METAATTRIBUTES', 'buildobjs', 'constraints', 'reader', ...DEFAULT_PERMISSIONS])],
  ['yams.reader', new Set(['SchemaLoader', 'PyFileReader', 'fill_schema', 'build_schema_from_namespace', 'context', 'CONSTRAINTS',
    'RQLConstraint', 'RQLUniqueConstraint', 'RQLVocabularyConstraint'])],
  ['cubicweb', new Set(['_', 'Binary', 'ValidationError', 'Unauthorized', 'ETYPE_NAME_MAP', 'schema', 'schemas'])],
  ['cubicweb.schema', new Set([
    'ERQLExpression', 'RRQLExpression', 'RQLExpression', 'RQLConstraint', 'RQLUniqueConstraint', 'RQLVocabularyConstraint',
    'WorkflowableEntityType', 'make_workflowable', 'display_name', 'META_RTYPES', 'VIRTUAL_RTYPES', 'SCHEMA_TYPES', 'WORKFLOW_TYPES',
    'INTERNAL_TYPES', 'SYSTEM_RTYPES', 'WORKFLOW_RTYPES', 'WORKFLOW_DEF_RTYPES', 'PURE_VIRTUAL_RTYPES', 'UNIQUE_CONSTRAINTS', 'ETYPE_NAME_MAP',
    'PUB_SYSTEM_ENTITY_PERMS', 'PUB_SYSTEM_REL_PERMS', 'PUB_SYSTEM_ATTR_PERMS', 'RO_REL_PERMS', 'RO_ATTR_PERMS', 'HOOKS_RTYPE_PERMS',
    'CONSTRAINTS', 'BaseRQLConstraint', 'BadSchemaDefinition', '_', ...DEFAULT_PERMISSIONS,
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
