// Reads one schema module (schema.py, a file of a schema/ package, or a core schema file) into its declarations, statically.
import { LineIndex, parserText } from '../python/line-index';
import type { PythonParser, SyntaxNode } from '../python/parser';
import type { SchemaLocation, SchemaReadProblem } from './application-schema';
import { evaluate, lastName, type PyValue } from './python-value';

/** `name = value` in a class body or a module. */
export interface Member {
  name: string;
  location: SchemaLocation;
  value: PyValue;
}

export interface ClassDeclaration {
  name: string;
  location: SchemaLocation;
  /** Base classes by the name written (the last part of a dotted name). */
  bases: { name: string; location: SchemaLocation }[];
  /** Assignments of the class body, in order. */
  members: Member[];
  /** The module the class is written in. */
  path: string;
}

/** `Etype.add_relation(SubjectRelation('X'), name='rel')` (or insert_relation_after) at module level. */
export interface RelationAddition {
  /** The entity type's name as written (may be an imported alias). */
  target: string;
  location: SchemaLocation;
  member: Member;
}

/** `from module import name as local` (or `import module as local`, with name undefined). */
export interface ImportedName {
  local: string;
  module: string;
  name?: string;
  location: SchemaLocation;
}

export interface SchemaModule {
  path: string;
  classes: ClassDeclaration[];
  additions: RelationAddition[];
  /** `Geometry = make_type('Geometry')`: local name to the final type it makes. */
  customTypes: Map<string, { type: string; location: SchemaLocation }>;
  /** Module-level constants (`MAXSIZE = 64`), usable in declarations. */
  constants: Map<string, PyValue>;
  imports: ImportedName[];
  /** Modules imported with `*`. */
  wildcardImports: string[];
  problems: SchemaReadProblem[];
}

const NESTING_BLOCKS = new Set(['if_statement', 'block', 'else_clause', 'elif_clause', 'try_statement', 'except_clause', 'finally_clause', 'with_statement']);

function dottedName(node: SyntaxNode | null | undefined): string {
  if (!node) return '';
  if (node.type === 'relative_import') return node.text;
  return node.text.replace(/\s+/g, '');
}

/** Reads a module's text; never fails: what cannot be understood is skipped (python-syntax reports syntax errors). */
export function readSchemaModule(parser: PythonParser, text: string, path: string): SchemaModule {
  // Lone \r line breaks parsed as \n, so a CR-only schema file is many lines (offsets unchanged).
  const tree = parser.parse(parserText(text));
  try {
    return readTree(tree.rootNode, new LineIndex(text), path);
  } finally {
    tree.delete();
  }
}

function readTree(root: SyntaxNode, lines: LineIndex, path: string): SchemaModule {
  const at = (node: SyntaxNode): SchemaLocation => {
    const { line, character } = lines.positionAt(node.startIndex);
    return { path, start: node.startIndex, end: node.endIndex, line, character };
  };
  const module: SchemaModule = { path, classes: [], additions: [], customTypes: new Map(), constants: new Map(), imports: [], wildcardImports: [], problems: [] };

  const readClass = (node: SyntaxNode) => {
    const nameNode = node.childForFieldName('name');
    if (!nameNode) return;
    const bases: ClassDeclaration['bases'] = [];
    for (const base of node.childForFieldName('superclasses')?.namedChildren ?? []) {
      if (!base || base.type === 'keyword_argument' || base.type === 'comment') continue;
      const name = lastName(base);
      if (name) bases.push({ name, location: at(base) });
    }
    const members: Member[] = [];
    for (const statement of node.childForFieldName('body')?.namedChildren ?? []) {
      const assignment = statement?.type === 'expression_statement' ? statement.firstNamedChild : undefined;
      if (assignment?.type !== 'assignment') continue;
      const left = assignment.childForFieldName('left');
      const right = assignment.childForFieldName('right');
      if (left?.type === 'identifier' && right) members.push({ name: left.text, location: at(left), value: evaluate(right, module.constants) });
    }
    module.classes.push({ name: nameNode.text, location: at(nameNode), bases, members, path });
  };

  const readExpression = (statement: SyntaxNode) => {
    const expression = statement.firstNamedChild;
    if (expression?.type === 'assignment') {
      const left = expression.childForFieldName('left');
      const right = expression.childForFieldName('right');
      if (left?.type !== 'identifier' || !right) return;
      const value = evaluate(right, module.constants);
      if (value.kind === 'call' && value.callee === 'make_type' && value.args[0]?.kind === 'str') {
        module.customTypes.set(left.text, { type: value.args[0].value, location: at(left) });
      } else if (value.kind !== 'other' && value.kind !== 'call') {
        module.constants.set(left.text, value);
      }
      return;
    }
    if (expression?.type !== 'call') return;
    const callee = expression.childForFieldName('function');
    const method = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
    const owner = callee?.type === 'attribute' ? callee.childForFieldName('object') : undefined;
    if (!owner || owner.type !== 'identifier' || (method !== 'add_relation' && method !== 'insert_relation_after')) return;
    const call = evaluate(expression, module.constants);
    if (call.kind !== 'call') return;
    // add_relation(rdef, name=None); insert_relation_after(afterrelname, name, rdef).
    const rdef = method === 'add_relation' ? call.args[0] ?? call.kwargs.get('rdef') : call.args[2] ?? call.kwargs.get('rdef');
    const nameValue = method === 'add_relation' ? call.args[1] ?? call.kwargs.get('name') : call.args[1] ?? call.kwargs.get('name');
    if (!rdef || nameValue?.kind !== 'str') return;
    const argumentNode = expression.childForFieldName('arguments') ?? expression;
    module.additions.push({ target: owner.text, location: at(owner), member: { name: nameValue.value, location: at(argumentNode), value: rdef } });
  };

  const readImport = (statement: SyntaxNode) => {
    if (statement.type === 'import_statement') {
      for (const item of statement.namedChildren) {
        if (!item) continue;
        if (item.type === 'aliased_import') {
          const local = item.childForFieldName('alias')?.text;
          const name = dottedName(item.childForFieldName('name'));
          if (local) module.imports.push({ local, module: name, location: at(item) });
        } else if (item.type === 'dotted_name') {
          module.imports.push({ local: item.text.split('.')[0], module: dottedName(item), location: at(item) });
        }
      }
      return;
    }
    const moduleNode = statement.childForFieldName('module_name');
    const from = dottedName(moduleNode);
    for (const item of statement.namedChildren) {
      // Nodes are fresh objects on each access: the module name is recognised by its position.
      if (!item || (moduleNode && item.startIndex === moduleNode.startIndex)) continue;
      if (item.type === 'wildcard_import') module.wildcardImports.push(from);
      else if (item.type === 'aliased_import') {
        const name = dottedName(item.childForFieldName('name'));
        const local = item.childForFieldName('alias')?.text ?? name;
        module.imports.push({ local, module: from, name, location: at(item) });
      } else if (item.type === 'dotted_name') {
        module.imports.push({ local: item.text, module: from, name: item.text, location: at(item) });
      }
    }
  };

  // Top-level statements, also under if/try/with blocks (schemas guard imports that way); iterative, in file order.
  const stack: SyntaxNode[] = [...root.namedChildren].filter((c): c is SyntaxNode => !!c).reverse();
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'class_definition') readClass(node);
    else if (node.type === 'decorated_definition') {
      const definition = node.childForFieldName('definition');
      if (definition?.type === 'class_definition') readClass(definition);
    } else if (node.type === 'expression_statement') readExpression(node);
    else if (node.type === 'import_statement' || node.type === 'import_from_statement') readImport(node);
    else if (NESTING_BLOCKS.has(node.type)) {
      const children = node.namedChildren.filter((c): c is SyntaxNode => !!c);
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
  }
  return module;
}
