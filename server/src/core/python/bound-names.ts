// Collects the names a Python module binds itself (assignments, imports, defs), which hide catalog names of the same spelling.
import type { SyntaxNode, Tree } from './parser';

const NESTED_STATEMENTS = new Set(['if_statement', 'elif_clause', 'else_clause', 'for_statement', 'while_statement', 'try_statement', 'except_clause', 'finally_clause', 'with_statement', 'block']);

function targets(node: SyntaxNode | null, into: Set<string>): void {
  if (!node) return;
  if (node.type === 'identifier') into.add(node.text);
  else if (['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list'].includes(node.type)) {
    for (const child of node.namedChildren) targets(child, into);
  }
}

/** Adds the names one module-level statement binds (function and class bodies are their own scopes and do not count). */
export function bindStatement(child: SyntaxNode, names: Set<string>): void {
  switch (child.type) {
    case 'expression_statement':
      for (const part of child.namedChildren) {
        if (part?.type === 'assignment' || part?.type === 'augmented_assignment') targets(part.childForFieldName('left'), names);
      }
      break;
    case 'function_definition':
    case 'class_definition':
      targets(child.childForFieldName('name'), names);
      break;
    case 'decorated_definition':
      targets(child.childForFieldName('definition')?.childForFieldName('name') ?? null, names);
      break;
    case 'import_statement':
    case 'import_from_statement':
      for (const imported of child.namedChildren) {
        if (!imported || imported.startIndex === child.childForFieldName('module_name')?.startIndex) continue;
        if (imported.type === 'aliased_import') targets(imported.childForFieldName('alias'), names);
        else if (imported.type === 'dotted_name') targets(imported.firstNamedChild, names);
      }
      break;
    case 'for_statement':
      targets(child.childForFieldName('left'), names);
      bindNested(child, names);
      break;
    case 'with_statement':
      for (const item of child.descendantsOfType('as_pattern')) {
        const alias = item?.childForFieldName('alias') ?? null;
        targets(alias?.type === 'as_pattern_target' ? alias.firstNamedChild : alias, names);
      }
      bindNested(child, names);
      break;
    default:
      if (NESTED_STATEMENTS.has(child.type)) bindNested(child, names);
  }
}

function bindNested(node: SyntaxNode, names: Set<string>): void {
  for (const child of node.namedChildren) if (child) bindStatement(child, names);
}

/** Names bound at module level (function and class bodies are their own scopes and do not count). */
export function moduleBoundNames(tree: Tree): Set<string> {
  const names = new Set<string>();
  bindNested(tree.rootNode, names);
  return names;
}
