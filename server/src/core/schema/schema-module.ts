// Reads one schema module (schema.py, a file of a schema/ package, or a core schema file) into its declarations, statically.
import { LineIndex, parserText } from '../python/line-index';
import { editTree, type PythonParser, type SyntaxNode, type Tree } from '../python/parser';
import { changeBetween } from '../python/text-change';
import type { SchemaLocation, SchemaReadProblem } from './application-schema';
import { evaluate, lastName, type PyValue } from './python-value';
import { carryClassShape } from './schema-module-shape';
import { forgetSharedTrees, sharedTree, shareTree } from '../python/shared-trees';

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

// A module being edited (read again with another text) keeps its tree and its classes, so each keystroke re-parses
// only around the edit (tree-sitter's incremental parse) and re-reads only the classes whose text changed. Only the
// few most recently edited modules keep them: a cold read of a workspace keeps no tree.
const MAX_EDITED = 4;
const edited = new Map<string, { text: string; tree: Tree; classes: ClassCache }>();

/** Like readSchemaModule, for a module read before with `previousText`: the same result, faster for a small edit. */
export function readEditedSchemaModule(parser: PythonParser, text: string, path: string, previousText: string): SchemaModule {
  const kept = edited.get(path);
  const source = parserText(text);
  // python-syntax may have parsed this very text already (schema.py is open): its tree is shared, not parsed again.
  let tree: Tree | undefined = sharedTree(path, text);
  if (tree) {
    if (kept) edited.delete(path), kept.tree.delete();
  } else if (kept) {
    edited.delete(path);
    const before = parserText(kept.text);
    editTree(kept.tree, before, changeBetween(before, source));
    tree = parser.parse(source, kept.tree);
    kept.tree.delete();
  } else {
    tree = parser.parse(source);
  }
  shareTree(path, text, tree);
  const classes: ClassCache = { previous: kept?.text === previousText ? kept.classes.current : new Map(), current: new Map() };
  edited.set(path, { text, tree, classes });
  if (edited.size > MAX_EDITED) {
    const [oldest, entry] = edited.entries().next().value!;
    entry.tree.delete();
    edited.delete(oldest);
  }
  return readTree(tree.rootNode, LineIndex.of(text), path, classes);
}

/** Forgets the kept trees (tests compare with a read from nothing). */
export function forgetEditedSchemaModules(): void {
  for (const entry of edited.values()) entry.tree.delete();
  edited.clear();
  forgetSharedTrees();
}

/**
 * Classes read by their text (with the column they start at and the constants defined before them, which their
 * values may use): the last read's, and this read's. A class found there is moved to where it is now.
 */
interface ClassCache {
  previous: Map<string, CachedClass>;
  current: Map<string, CachedClass>;
}

/** A class as read, and where its node started then. */
interface CachedClass {
  declaration: ClassDeclaration;
  start: number;
  line: number;
}

function moved(location: SchemaLocation, offsets: number, lines: number): SchemaLocation {
  return { ...location, start: location.start + offsets, end: location.end + offsets, line: location.line + lines };
}

function movedClass(declaration: ClassDeclaration, offsets: number, lines: number): ClassDeclaration {
  if (offsets === 0 && lines === 0) return declaration;
  const movedDeclaration = {
    ...declaration,
    location: moved(declaration.location, offsets, lines),
    bases: declaration.bases.map((b) => ({ ...b, location: moved(b.location, offsets, lines) })),
    members: declaration.members.map((m) => ({ ...m, location: moved(m.location, offsets, lines) })),
  };
  carryClassShape(declaration, movedDeclaration);
  return movedDeclaration;
}

function readTree(root: SyntaxNode, lines: LineIndex, path: string, classCache?: ClassCache): SchemaModule {
  const at = (node: SyntaxNode): SchemaLocation => {
    const { line, character } = lines.positionAt(node.startIndex);
    return { path, start: node.startIndex, end: node.endIndex, line, character };
  };
  const module: SchemaModule = { path, classes: [], additions: [], customTypes: new Map(), constants: new Map(), imports: [], wildcardImports: [], problems: [] };

  // The texts of the constant assignments so far: a class's values depend on them (and on its own text) only.
  let constantsKey = '';
  const readClass = (node: SyntaxNode) => {
    if (!classCache) return readClassNode(node);
    const start = lines.positionAt(node.startIndex);
    const key = `${start.character}\u0000${constantsKey}\u0000${node.text}`;
    // The same text twice in one module (a copied class) is read again: each keeps its own position.
    const known = classCache.current.has(key) ? undefined : classCache.previous.get(key);
    if (!known) {
      const count = module.classes.length;
      readClassNode(node);
      // A class without a name adds nothing.
      if (module.classes.length > count) classCache.current.set(key, { declaration: module.classes[count], start: node.startIndex, line: start.line });
      return;
    }
    const declaration = movedClass(known.declaration, node.startIndex - known.start, start.line - known.line);
    classCache.current.set(key, { declaration, start: node.startIndex, line: start.line });
    module.classes.push(declaration);
  };
  const readClassNode = (node: SyntaxNode) => {
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
        constantsKey += `${statement.text}\n`;
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
