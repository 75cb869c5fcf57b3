// Builds one schema from schema modules in load order (core, cubes, application) as yams does, without recursion.
import { basename } from 'node:path';
import {
  emptySchema, type ApplicationSchema, type SchemaAttribute, type SchemaEntityType, type SchemaLocation,
  type SchemaRelationDefinition, type SchemaRelationEnd, type SchemaRelationType,
} from './application-schema';
import { InheritedMembers } from './inherited-members';
import { isTrue, namesOf, toJson, type PyValue } from './python-value';
import {
  COMPUTED_RELATION_BASES, CORE_SCHEMA_MODULES, cubeOfModule, ENTITY_BASES, OFFERED_NAMES, RELATION_DEFINITION_BASES, RELATION_TYPE_BASES,
} from './schema-imports';
import type { ClassDeclaration, Member, SchemaModule } from './schema-module';

export interface SchemaInput {
  module: SchemaModule;
  /** Where the module comes from: its problems are reported on it, and imports from a missing cube stay silent. */
  origin: 'core' | 'cube' | 'application';
}

export interface BuildOptions {
  /** Cubes named in __depends__ that cannot be found: what they would define is unknowable, so never reported. */
  missingCubes?: ReadonlySet<string>;
  /** Give every entity type CubicWeb's `eid` (Int, required) and `identity` (to itself), as CubicWeb does (plain yams does not). */
  cubicweb?: boolean;
}

type ClassKind = 'entity' | 'relation-type' | 'computed-relation' | 'relation-definition' | 'other';

interface Resolved {
  declaration: ClassDeclaration;
  kind: ClassKind;
  workflowable: boolean;
  /** The entity types (abstract ones too) it inherits from, for entity classes. */
  parents: Built[];
}

interface Built {
  entity: SchemaEntityType;
  attributes: InheritedMembers<SchemaAttribute>;
  relations: InheritedMembers<SchemaRelationEnd>;
}

const YAMS_KIND: Record<string, ClassKind> = {};
for (const name of ENTITY_BASES) YAMS_KIND[name] = 'entity';
for (const name of RELATION_TYPE_BASES) YAMS_KIND[name] = 'relation-type';
for (const name of COMPUTED_RELATION_BASES) YAMS_KIND[name] = 'computed-relation';
for (const name of RELATION_DEFINITION_BASES) YAMS_KIND[name] = 'relation-definition';

const member = (declaration: ClassDeclaration, name: string): PyValue | undefined => {
  for (let i = declaration.members.length - 1; i >= 0; i--) if (declaration.members[i].name === name) return declaration.members[i].value;
  return undefined;
};

const stringOf = (value: PyValue | undefined): string | null => (value?.kind === 'str' ? value.value : null);

function composite(value: PyValue | undefined): 'subject' | 'object' | null {
  const text = stringOf(value);
  return text === 'subject' || text === 'object' ? text : null;
}

/** The constraint calls of a `constraints=[...]` argument (yams' shared FORMAT_CONSTRAINT counts as FormatConstraint()). */
function constraintCalls(value: PyValue | undefined): Extract<PyValue, { kind: 'call' }>[] {
  if (!value) return [];
  const items = value.kind === 'seq' ? value.items : [value];
  return items.flatMap((item) => {
    if (item.kind === 'call') return [item];
    if (item.kind === 'name' && item.name === 'FORMAT_CONSTRAINT') return [{ kind: 'call' as const, callee: 'FormatConstraint', args: [], kwargs: new Map(), node: item.node }];
    return [];
  });
}

/** An attribute as yams builds it from `String(maxsize=..., vocabulary=..., constraints=[...], ...)`. */
function attributeOf(name: string, type: string, call: Extract<PyValue, { kind: 'call' }>, location: SchemaLocation): SchemaAttribute {
  const kw = call.kwargs;
  const constraints = constraintCalls(kw.get('constraints'));
  let maxsize: number | null = null;
  let vocabulary: unknown[] | null = null;
  for (const constraint of constraints) {
    if (constraint.callee === 'SizeConstraint') {
      const max = constraint.args[0] ?? constraint.kwargs.get('max');
      if (max?.kind === 'num') maxsize = max.value;
    } else if (constraint.callee === 'StaticVocabularyConstraint') {
      const values = constraint.args[0] ?? constraint.kwargs.get('values');
      if (values?.kind === 'seq') vocabulary = toJson(values) as unknown[];
    }
  }
  // yams applies maxsize= after the constraints, then vocabulary= (which, on a String, sets the size to its longest word).
  const maxsizeArgument = kw.get('maxsize');
  if (maxsizeArgument?.kind === 'num') maxsize = maxsizeArgument.value;
  const vocabularyArgument = kw.get('vocabulary');
  if (vocabularyArgument?.kind === 'seq') {
    vocabulary = toJson(vocabularyArgument) as unknown[];
    if (type === 'String' && vocabulary.length && vocabulary.every((v) => typeof v === 'string')) maxsize = Math.max(...(vocabulary as string[]).map((v) => v.length));
  }
  return {
    name,
    type,
    location,
    required: isTrue(kw.get('required')),
    unique: isTrue(kw.get('unique')) || constraints.some((c) => c.callee === 'UniqueConstraint'),
    default: kw.has('default') ? toJson(kw.get('default')) : null,
    maxsize,
    vocabulary,
    indexed: isTrue(kw.get('indexed')),
    fulltextindexed: isTrue(kw.get('fulltextindexed')),
    internationalizable: isTrue(kw.get('internationalizable')),
    formula: stringOf(kw.get('formula')),
  };
}

/** Builds the schema; never fails: problems are collected on the file and line that causes them. */
export function buildSchema(inputs: readonly SchemaInput[], options: BuildOptions = {}): ApplicationSchema {
  const schema = emptySchema();
  const missing = options.missingCubes ?? new Set<string>();
  const classesByName = new Map<string, { resolved: Resolved; built?: Built; order: number }[]>();
  const everyEntity = new Map<string, SchemaAttribute>();
  // Attributes a RelationDefinition gives one entity type: attached once every class is read (the type may come later).
  const pending: { subject: string; attribute: SchemaAttribute }[] = [];
  const relationTypeOf = (name: string, location: SchemaLocation): SchemaRelationType => {
    let known = schema.relationTypes.get(name);
    if (!known) schema.relationTypes.set(name, (known = { name, final: false, symmetric: false, inlined: false, computed: false, rule: null, locations: [] }));
    if (!known.locations.some((l) => l.start === location.start && l.path === location.path)) known.locations.push(location);
    return known;
  };
  // Definition properties a RelationType class gives all its definitions that do not set them (CubicWeb's in_state: '1*').
  const rtypeDefaults = new Map<string, { cardinality?: string; composite?: 'subject' | 'object' | null }>();
  const setRelationProperties = (rtype: SchemaRelationType, values: (name: string) => PyValue | undefined) => {
    if (values('symmetric') !== undefined) rtype.symmetric = isTrue(values('symmetric'));
    if (values('inlined') !== undefined) rtype.inlined = isTrue(values('inlined'));
    const defaults = rtypeDefaults.get(rtype.name) ?? {};
    if (stringOf(values('cardinality'))) defaults.cardinality = stringOf(values('cardinality'))!;
    if (values('composite') !== undefined) defaults.composite = composite(values('composite'));
    rtypeDefaults.set(rtype.name, defaults);
  };

  for (const { module } of inputs) {
    for (const { type } of module.customTypes.values()) schema.finalTypes.add(type);
  }

  const customTypes = new Map(inputs.flatMap((i) => [...i.module.customTypes]).map(([local, t]) => [local, t.type]));
  if (options.cubicweb) {
    const nowhere: SchemaLocation = { path: '', start: 0, end: 0, line: 0, character: 0 };
    everyEntity.set('eid', { ...attributeOf('eid', 'Int', { kind: 'call', callee: 'Int', args: [], kwargs: new Map([['required', { kind: 'bool', value: true }]]), node: undefined as never }, nowhere) });
    relationTypeOf('identity', nowhere);
  }
  let order = 0;
  for (const { module, origin } of inputs) {
    // Local names bound by imports: `from cubicweb.schemas.base import CWUser as _CWUser` makes _CWUser mean CWUser.
    const imported = new Map(module.imports.map((i) => [i.local, i]));
    const report = (location: SchemaLocation, message: string, severity: 'error' | 'warning' = 'error') => {
      if (origin !== 'core') schema.problems.push({ severity, location, message });
    };
    const fromMissingCube = (local: string) => {
      const source = imported.get(local);
      const cube = source && cubeOfModule(source.module);
      return cube !== undefined && missing.has(cube);
    };

    // Imports naming what the compatibility modules do not offer: CubicWeb would stop with ImportError.
    for (const item of module.imports) {
      if (!item.name) continue;
      const offered = OFFERED_NAMES.get(item.module);
      if (offered && !offered.has(item.name)) {
        report(item.location, `${item.module} offers no '${item.name}' to schema files: remove the import, or import it from where it is defined (yams.buildobjs, yams.constraints, cubicweb.schema)`);
      }
    }

    const seenHere = new Map<string, SchemaLocation>();
    for (const declaration of module.classes) {
      const earlier = seenHere.get(declaration.name);
      if (earlier) report(declaration.location, `class ${declaration.name} is defined twice in ${basename(module.path)} (first on line ${earlier.line + 1}); the later one wins`, 'warning');
      seenHere.set(declaration.name, declaration.location);

      // What each base is: a yams class, or a class read before this one (Python needs bases defined first: no recursion).
      let kind: ClassKind = 'other';
      let workflowable = false;
      const parents: Built[] = [];
      for (const base of declaration.bases) {
        const source = imported.get(base.name);
        const original = source?.name ?? base.name;
        const yamsKind = YAMS_KIND[original];
        if (yamsKind) {
          if (kind === 'other') kind = yamsKind;
          if (original === 'WorkflowableEntityType') workflowable = true;
          continue;
        }
        // A base named like the class itself is the earlier definition it redefines (class CWUser(CWUser)).
        const candidates = classesByName.get(original) ?? [];
        const known = candidates.length ? candidates[candidates.length - 1] : undefined;
        if (known) {
          if (kind === 'other') kind = known.resolved.kind;
          workflowable ||= known.resolved.workflowable;
          if (known.built) parents.push(known.built);
          continue;
        }
        const bound = source !== undefined || module.wildcardImports.length > 0 || module.constants.has(base.name);
        if (!bound) {
          report(base.location, `class ${declaration.name} inherits from '${base.name}', which is neither a yams class nor a class of this schema, its cubes or CubicWeb's core: import it (e.g. from yams.buildobjs import EntityType), define it above, or fix the spelling`);
        } else if (source && !fromMissingCube(base.name) && (CORE_SCHEMA_MODULES.test(source.module) || cubeOfModule(source.module) !== undefined)) {
          const where = CORE_SCHEMA_MODULES.test(source.module) ? "CubicWeb's core schema" : `the ${cubeOfModule(source.module)} cube`;
          report(base.location, `class ${declaration.name} inherits from '${original}', which ${where} does not define (imported from ${source.module}): CubicWeb stops with ImportError; check the name`);
        }
      }

      const resolved: Resolved = { declaration, kind, workflowable, parents };
      const entry: { resolved: Resolved; built?: Built; order: number } = { resolved, order: order++ };
      if (kind === 'entity') entry.built = buildEntity(declaration, parents, workflowable, everyEntity, customTypes, imported);
      else if (kind !== 'other' && !declaration.name.startsWith('_')) buildRelationClass(declaration, kind, schema, relationTypeOf, setRelationProperties, everyEntity, customTypes, pending);
      const list = classesByName.get(declaration.name) ?? [];
      list.push(entry);
      classesByName.set(declaration.name, list);
    }

    // Etype.add_relation(...) on a type defined here or elsewhere (a cube's, the core's).
    for (const addition of module.additions) {
      const original = imported.get(addition.target)?.name ?? addition.target;
      const list = classesByName.get(original);
      const built = list?.[list.length - 1]?.built;
      if (!built) {
        if (!fromMissingCube(addition.target) && !imported.has(addition.target) && module.wildcardImports.length === 0) {
          report(addition.location, `${addition.target}.add_relation(...): '${addition.target}' is no entity type read so far; import it (e.g. from cubicweb.schemas.base import CWUser) or fix the name`);
        }
        continue;
      }
      addMember(built, addition.member, customTypes, imported);
    }
  }

  for (const { subject, attribute } of pending) {
    const list = classesByName.get(subject);
    const built = list?.[list.length - 1]?.built;
    if (built && !built.attributes.own.has(attribute.name)) built.attributes.own.set(attribute.name, attribute);
  }

  // Registered entity types: the last definition of each name wins (an application may redefine a cube's type).
  for (const list of classesByName.values()) {
    const last = [...list].reverse().find((e) => e.built);
    if (!last?.built) continue;
    const entity = last.built.entity;
    // yams never registers a `_` class (what it declares is inherited); an `__abstract__` one CubicWeb still registers.
    (entity.name.startsWith('_') ? schema.abstractTypes : schema.entityTypes).set(entity.name, entity);
  }

  // Relation types and definitions from what the entity types declare (inherited ones included).
  const seen = new Set(schema.relationDefinitions.map((d) => `${d.subject}\u0000${d.rtype}\u0000${d.object}`));
  const define = (definition: SchemaRelationDefinition) => {
    const key = `${definition.subject}\u0000${definition.rtype}\u0000${definition.object}`;
    if (seen.has(key)) return;
    seen.add(key);
    schema.relationDefinitions.push(definition);
  };
  // Attribute names from what each class declares itself (flattening every type's attributes would be quadratic in a deep chain).
  const attributeNames = new Set<string>();
  for (const list of classesByName.values()) {
    for (const { built } of list) for (const attribute of built?.attributes.own.values() ?? []) attributeNames.add(attribute.name), relationTypeOf(attribute.name, attribute.location);
  }
  for (const attribute of everyEntity.values()) attributeNames.add(attribute.name), relationTypeOf(attribute.name, attribute.location);
  for (const entity of schema.entityTypes.values()) {
    // CubicWeb: X identity X for every entity type.
    if (options.cubicweb) define({ subject: entity.name, rtype: 'identity', object: entity.name, location: entity.location, cardinality: '**', composite: null });
    for (const relation of entity.relations.values()) {
      const rtype = relationTypeOf(relation.name, relation.location);
      if (relation.inlined !== undefined) rtype.inlined = relation.inlined;
      if (relation.symmetric !== undefined) rtype.symmetric = relation.symmetric;
      for (const target of relation.targets) {
        const [subject, object] = relation.role === 'subject' ? [entity.name, target] : [target, entity.name];
        const defaults = rtypeDefaults.get(relation.name);
        define({
          subject, rtype: relation.name, object, location: relation.location,
          cardinality: relation.cardinalityGiven ? relation.cardinality : defaults?.cardinality ?? relation.cardinality,
          composite: relation.compositeGiven ? relation.composite : defaults?.composite ?? relation.composite,
        });
      }
    }
  }
  // Final: only ever an attribute. A relation type declared with no definition (props for a cube's relation) is not.
  const relationNames = new Set(schema.relationDefinitions.map((d) => d.rtype));
  for (const rtype of schema.relationTypes.values()) rtype.final = !rtype.computed && !relationNames.has(rtype.name) && attributeNames.has(rtype.name);
  return schema;
}

function buildEntity(
  declaration: ClassDeclaration, parents: Built[], workflowable: boolean, everyEntity: Map<string, SchemaAttribute>,
  customTypes: Map<string, string>, imported: Map<string, { name?: string }>,
): Built {
  const attributes = new InheritedMembers<SchemaAttribute>(parents.map((p) => p.attributes), everyEntity);
  const relations = new InheritedMembers<SchemaRelationEnd>(parents.map((p) => p.relations));
  const specializes = isTrue(member(declaration, '__specializes_schema__')) && parents.length ? parents[0].entity.name : null;
  const entity: SchemaEntityType = {
    name: stringOf(member(declaration, 'name')) ?? declaration.name,
    location: declaration.location,
    bases: declaration.bases.map((b) => b.name),
    abstract: isTrue(member(declaration, '__abstract__')),
    specializes,
    workflowable,
    attributes,
    relations,
  };
  const built: Built = { entity, attributes, relations };
  for (const m of declaration.members) if (!m.name.startsWith('__')) addMember(built, m, customTypes, imported);
  // CubicWeb's WorkflowableEntityType (make_workflowable) adds the workflow relations; their properties come from the
  // relation types of the core's workflow schema.
  if (workflowable && !entity.abstract && !relations.has('in_state')) {
    const add = (name: string, role: 'subject' | 'object', target: string) => {
      if (!relations.own.has(name)) {
        relations.own.set(name, { name, role, targets: [target], location: declaration.location, cardinality: '**', composite: null, cardinalityGiven: false, compositeGiven: false });
      }
    };
    add('custom_workflow', 'subject', 'Workflow');
    add('in_state', 'subject', 'State');
    add('wf_info_for', 'object', 'TrInfo');
  }
  return built;
}

/** One `name = String(...)` / `SubjectRelation(...)` of an entity class (or an add_relation), added to its own members. */
function addMember(built: Built, m: Member, customTypes: Map<string, string>, imported: Map<string, { name?: string }>): void {
  if (m.value.kind !== 'call') return;
  const callee = imported.get(m.value.callee)?.name ?? m.value.callee;
  const type = customTypes.get(m.value.callee) ?? callee;
  if (callee === 'RichString') {
    const mainKwargs = new Map([...m.value.kwargs].filter(([key]) => key !== 'default_format' && key !== 'format_constraints'));
    const main = attributeOf(m.name, 'String', { ...m.value, kwargs: mainKwargs }, m.location);
    main.richString = true;
    built.attributes.own.set(m.name, main);
    // yams: String(internationalizable=True, default=default_format, maxsize=50, constraints=format_constraints or [FORMAT_CONSTRAINT]).
    const formatKwargs = new Map<string, PyValue>([
      ['internationalizable', { kind: 'bool', value: true }],
      ['default', m.value.kwargs.get('default_format') ?? { kind: 'str', value: 'text/plain' }],
      ['maxsize', { kind: 'num', value: 50 }],
    ]);
    const formatConstraints = m.value.kwargs.get('format_constraints');
    formatKwargs.set('constraints', formatConstraints && formatConstraints.kind !== 'none'
      ? formatConstraints
      : { kind: 'seq', items: [{ kind: 'call', callee: 'FormatConstraint', args: [], kwargs: new Map(), node: m.value.node }] });
    built.attributes.own.set(`${m.name}_format`, attributeOf(`${m.name}_format`, 'String', { ...m.value, kwargs: formatKwargs }, m.location));
    return;
  }
  if (callee === 'SubjectRelation' || callee === 'ObjectRelation') {
    const targets = namesOf(m.value.args[0] ?? m.value.kwargs.get('etype'));
    const finalTarget = targets.length === 1 && (customTypes.has(targets[0]) || FINAL_NAMES.has(targets[0]));
    if (callee === 'SubjectRelation' && finalTarget) {
      built.attributes.own.set(m.name, attributeOf(m.name, targets[0], m.value, m.location));
      return;
    }
    built.relations.own.set(m.name, {
      name: m.name,
      role: callee === 'SubjectRelation' ? 'subject' : 'object',
      targets,
      location: m.location,
      cardinality: stringOf(m.value.kwargs.get('cardinality')) ?? '**',
      composite: composite(m.value.kwargs.get('composite')),
      cardinalityGiven: m.value.kwargs.has('cardinality'),
      compositeGiven: m.value.kwargs.has('composite'),
      ...(m.value.kwargs.has('inlined') ? { inlined: isTrue(m.value.kwargs.get('inlined')) } : {}),
      ...(m.value.kwargs.has('symmetric') ? { symmetric: isTrue(m.value.kwargs.get('symmetric')) } : {}),
    });
    return;
  }
  if (FINAL_NAMES.has(callee) || customTypes.has(m.value.callee)) built.attributes.own.set(m.name, attributeOf(m.name, type, m.value, m.location));
}

const FINAL_NAMES = new Set(['String', 'Password', 'Bytes', 'Int', 'BigInt', 'Float', 'Boolean', 'Decimal', 'Time', 'Date', 'Datetime', 'TZTime', 'TZDatetime', 'Interval']);

/** RelationType, ComputedRelation and RelationDefinition classes. */
function buildRelationClass(
  declaration: ClassDeclaration, kind: ClassKind, schema: ApplicationSchema,
  relationTypeOf: (name: string, location: SchemaLocation) => SchemaRelationType,
  setRelationProperties: (rtype: SchemaRelationType, values: (name: string) => PyValue | undefined) => void,
  everyEntity: Map<string, SchemaAttribute>, customTypes: Map<string, string>, pending: { subject: string; attribute: SchemaAttribute }[],
): void {
  const value = (name: string) => member(declaration, name);
  const name = stringOf(value('name')) ?? declaration.name;
  const rtype = relationTypeOf(name, declaration.location);
  setRelationProperties(rtype, value);
  if (kind === 'computed-relation') {
    rtype.final = false;
    rtype.computed = true;
    // Spacing normalized, as the runtime stores it.
    const rule = stringOf(value('rule'));
    rtype.rule = rule === null ? null : rule.split(/\s+/).filter(Boolean).join(' ');
    return;
  }
  const subjects = namesOf(value('subject'));
  const objects = namesOf(value('object'));
  for (const subject of subjects) {
    for (const object of objects) {
      const final = FINAL_NAMES.has(object) || customTypes.has(object) || schema.finalTypes.has(object);
      if (final) {
        // An attribute declared as a relation (CubicWeb's core: creation_date on '*'): the entity types get it.
        const cardinality = stringOf(value('cardinality')) ?? '?1';
        const kwargs = new Map<string, PyValue>();
        for (const key of ['default', 'maxsize', 'vocabulary', 'constraints', 'indexed', 'fulltextindexed', 'internationalizable', 'formula']) {
          const v = value(key);
          if (v !== undefined) kwargs.set(key, v);
        }
        if (cardinality.startsWith('1')) kwargs.set('required', { kind: 'bool', value: true });
        const attribute = attributeOf(name, object, { kind: 'call', callee: object, args: [], kwargs, node: undefined as never }, declaration.location);
        if (subject === '*') everyEntity.set(name, attribute);
        else pending.push({ subject, attribute });
        continue;
      }
      rtype.final = false;
      schema.relationDefinitions.push({
        subject, rtype: name, object, location: declaration.location,
        cardinality: stringOf(value('cardinality')) ?? '**', composite: composite(value('composite')),
      });
    }
  }
}
