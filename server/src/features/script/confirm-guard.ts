// Whether code runs only after the user said yes: inside `if confirm(...):` (or the else of `if not confirm(...):`).
import type { SyntaxNode } from '../../core/python/parser';

/** True when the condition can only be true once confirm() answered yes: `confirm(...)`, `x and confirm(...)`. */
function requiresConfirm(condition: SyntaxNode | null, isConfirm: (name: string) => boolean): boolean {
  if (!condition) return false;
  switch (condition.type) {
    case 'call': {
      const callee = condition.childForFieldName('function');
      return callee?.type === 'identifier' && isConfirm(callee.text);
    }
    case 'parenthesized_expression':
      return requiresConfirm(condition.firstNamedChild, isConfirm);
    case 'boolean_operator':
      return condition.childForFieldName('operator')?.type === 'and'
        && (requiresConfirm(condition.childForFieldName('left'), isConfirm) || requiresConfirm(condition.childForFieldName('right'), isConfirm));
    default:
      return false;
  }
}

/** True when the condition is `not confirm(...)`: its else branch runs only after a yes. */
function refusesConfirm(condition: SyntaxNode | null, isConfirm: (name: string) => boolean): boolean {
  if (condition?.type === 'parenthesized_expression') return refusesConfirm(condition.firstNamedChild, isConfirm);
  return condition?.type === 'not_operator' && requiresConfirm(condition.childForFieldName('argument'), isConfirm);
}

const same = (a: SyntaxNode | null, b: SyntaxNode) => !!a && a.startIndex === b.startIndex && a.endIndex === b.endIndex && a.type === b.type;

/** True when `node` sits in a branch that only runs once confirm() (the catalog's, `isConfirm` says) answered yes. */
export function guardedByConfirm(node: SyntaxNode, isConfirm: (name: string) => boolean): boolean {
  for (let child: SyntaxNode = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (child.type !== 'block') continue;
    if ((parent.type === 'if_statement' || parent.type === 'elif_clause') && same(parent.childForFieldName('consequence'), child)
      && requiresConfirm(parent.childForFieldName('condition'), isConfirm)) return true;
    if (parent.type === 'else_clause' && parent.parent?.type === 'if_statement' && !parent.parent.children.some((c) => c?.type === 'elif_clause')
      && refusesConfirm(parent.parent.childForFieldName('condition'), isConfirm)) return true;
  }
  return false;
}
