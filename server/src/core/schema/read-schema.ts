// Reads a yams-style schema.py statically (never executing it) into entity types, attributes and relations.
import type { PythonParser, SyntaxNode } from '../python/parser';
import { LineIndex, parserText } from '../python/line-index';
import { stringLiteral } from '../python/string-literal';
import {
  FINAL_TYPES, type ApplicationSchema, type FinalType, type SchemaEntityType, type SchemaLocation,
  type SchemaRelationDefinition, type SchemaRelationEnd, type SchemaRelationType,
} from './application-schema';

const ENTITY_BASES = new Set(['EntityType', 'WorkflowableEntityType']);
const RELATION_TYPE_BASES = new Set(['RelationType', 'ComputedRelation']);
const RELATION_DEFINITION_BASES = new Set(['RelationDefinition']);
const FINAL = new Set<string>(FINAL_TYPES);

interface ClassSketch {
  name: string;
  node: SyntaxNode;
  nameNode: SyntaxNode;
  bases: string[];
  /** `name = value` lines of the class body. */
  assignments: { name: string; nameNode: SyntaxNode; value: SyntaxNode }[];
}

/** `yams.buildobjs.String` and `String` both name String. */
function lastName(node: SyntaxNode | null): string | undefined {
  if (!node) return undefined;
  if (node.type === 'identifier') return node.text;
  if (node.type === 'attribute') return node.childForFieldName('attribute')?.text;
  return undefined;
}

/** 'Person', ('Person', 'Company') or ['Person'] as a list of names; anything else as none. */
function stringsOf(node: SyntaxNode | null | undefined): string[] {
  if (!node) return [];
  const single = stringLiteral(node);
  if (single) return [single.value];
  if (node.type === 'tuple' || node.type === 'list' || node.type === 'parenthesized_expression') {
    return node.namedChildren.flatMap((child) => (child ? stringsOf(child) : []));
  }
  return [];
}

function sketchClass(node: SyntaxNode): ClassSketch | undefined {
  const nameNode = node.childForFieldName('name');
  if (!nameNode) return undefined;
  const bases = (node.childForFieldName('superclasses')?.namedChildren ?? []).map((b) => lastName(b)).filter((b): b is string => !!b);
  const assignments: ClassSketch['assignments'] = [];
  for (const statement of node.childForFieldName('body')?.namedChildren ?? []) {
    const assignment = statement?.type === 'expression_statement' ? statement.firstNamedChild : undefined;
    if (assignment?.type !== 'assignment') continue;
    const left = assignment.childForFieldName('left');
    const value = assignment.childForFieldName('right');
    if (left?.type === 'identifier' && value) assignments.push({ name: left.text, nameNode: left, value });
  }
  return { name: nameNode.text, node, nameNode, bases, assignments };
}

/** Classes at the top level of the module, also under `if` blocks and decorators. */
function topLevelClasses(root: SyntaxNode): ClassSketch[] {
  const classes: ClassSketch[] = [];
  const visit = (node: SyntaxNode) => {
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'class_definition') {
        const sketch = sketchClass(child);
        if (sketch) classes.push(sketch);
      } else if (child.type === 'decorated_definition') {
        const definition = child.childForFieldName('definition');
        const sketch = definition?.type === 'class_definition' ? sketchClass(definition) : undefined;
        if (sketch) classes.push(sketch);
      } else if (['if_statement', 'block', 'else_clause', 'elif_clause', 'try_statement', 'except_clause'].includes(child.type)) {
        visit(child);
      }
    }
  };
  visit(root);
  return classes;
}

/** Reads schema.py's text; never fails: what cannot be understood is skipped or reported in `problems`. */
export function readSchema(parser: PythonParser, text: string): ApplicationSchema {
  // Lone \r line breaks parsed as \n, so a CR-only schema.py is many lines (offsets unchanged).
  const tree = parser.parse(parserText(text));
  try {
    return readSchemaTree(tree.rootNode, new LineIndex(text));
  } finally {
    tree.delete();
  }
}

function readSchemaTree(root: SyntaxNode, lines: LineIndex): ApplicationSchema {
  const at = (node: SyntaxNode): SchemaLocation => {
    const { line, character } = lines.positionAt(node.startIndex);
    return { start: node.startIndex, end: node.endIndex, line, character };
  };
  const schema: ApplicationSchema = { entityTypes: new Map(), relationTypes: new Map(), relationDefinitions: [], problems: [] };
  const classes = topLevelClasses(root);
  const sketches = new Map(classes.map((c) => [c.name, c]));

  // Entity types are EntityType subclasses, or subclasses of another entity type of this file.
  const isEntity = (sketch: ClassSketch, seen = new Set<string>()): boolean => {
    if (seen.has(sketch.name)) return false;
    seen.add(sketch.name);
    return sketch.bases.some((b) => ENTITY_BASES.has(b) || (sketches.get(b) !== undefined && isEntity(sketches.get(b)!, seen)));
  };

  const relationType = (name: string, final: boolean, location: SchemaLocation) => {
    const known: SchemaRelationType = schema.relationTypes.get(name) ?? { name, final, locations: [] };
    known.final &&= final;
    if (!known.locations.some((l) => l.start === location.start)) known.locations.push(location);
    schema.relationTypes.set(name, known);
  };
  const define = (subject: string, rtype: string, object: string, location: SchemaLocation) => {
    const definition: SchemaRelationDefinition = { subject, rtype, object, location };
    schema.relationDefinitions.push(definition);
  };

  const seenClass = new Map<string, SchemaLocation>();
  for (const sketch of classes) {
    const location = at(sketch.nameNode);
    const earlier = seenClass.get(sketch.name);
    if (earlier) schema.problems.push({ message: `class ${sketch.name} is defined twice in schema.py (first on line ${earlier.line + 1}); the later one wins`, location });
    seenClass.set(sketch.name, location);

    if (isEntity(sketch)) {
      const entity: SchemaEntityType = { name: sketch.name, location, bases: sketch.bases, attributes: new Map(), relations: new Map() };
      for (const { name, nameNode, value } of sketch.assignments) {
        if (name.startsWith('__') || value.type !== 'call') continue;
        const callee = lastName(value.childForFieldName('function'));
        if (!callee) continue;
        const where = at(nameNode);
        if (FINAL.has(callee)) {
          entity.attributes.set(name, { name, type: callee as FinalType, location: where });
          // yams stores a RichString's format in a companion String attribute.
          if (callee === 'RichString') entity.attributes.set(`${name}_format`, { name: `${name}_format`, type: 'String', location: where });
        } else if (callee === 'SubjectRelation' || callee === 'ObjectRelation') {
          const first = value.childForFieldName('arguments')?.namedChildren.find((a) => a && a.type !== 'keyword_argument');
          const relation: SchemaRelationEnd = { name, role: callee === 'SubjectRelation' ? 'subject' : 'object', targets: stringsOf(first), location: where };
          entity.relations.set(name, relation);
        }
      }
      schema.entityTypes.set(sketch.name, entity);
    } else if (sketch.bases.some((b) => RELATION_DEFINITION_BASES.has(b))) {
      const values = new Map(sketch.assignments.map((a) => [a.name, a.value]));
      const rtype = stringsOf(values.get('name'))[0] ?? sketch.name;
      relationType(rtype, false, location);
      for (const subject of stringsOf(values.get('subject'))) {
        for (const object of stringsOf(values.get('object'))) define(subject, rtype, object, location);
      }
    } else if (sketch.bases.some((b) => RELATION_TYPE_BASES.has(b))) {
      const rtype = stringsOf(sketch.assignments.find((a) => a.name === 'name')?.value)[0] ?? sketch.name;
      relationType(rtype, false, location);
    }
  }

  // Specialized entity types inherit what their parent declares, unless they redefine it.
  const inherited = new Set<string>();
  const inherit = (entity: SchemaEntityType, trail: Set<string>) => {
    if (inherited.has(entity.name) || trail.has(entity.name)) return;
    trail.add(entity.name);
    for (const base of entity.bases) {
      const parent = schema.entityTypes.get(base);
      if (!parent) continue;
      inherit(parent, trail);
      for (const [name, attribute] of parent.attributes) if (!entity.attributes.has(name)) entity.attributes.set(name, attribute);
      for (const [name, relation] of parent.relations) if (!entity.relations.has(name)) entity.relations.set(name, relation);
    }
    inherited.add(entity.name);
  };
  for (const entity of schema.entityTypes.values()) inherit(entity, new Set());

  for (const entity of schema.entityTypes.values()) {
    for (const attribute of entity.attributes.values()) {
      relationType(attribute.name, true, attribute.location);
      define(entity.name, attribute.name, attribute.type, attribute.location);
    }
    for (const relation of entity.relations.values()) {
      relationType(relation.name, false, relation.location);
      for (const target of relation.targets) {
        if (relation.role === 'subject') define(entity.name, relation.name, target, relation.location);
        else define(target, relation.name, entity.name, relation.location);
      }
    }
  }
  return schema;
}
