// Hover: documentation of a catalog name (signature, summary, modes, whether it destroys data), and of schema names in strings.
import { entryDocumentation } from '../../core/catalog/signature';
import { catalogEntryNamed, type ScriptContext } from './script-context';
import { schemaTargetAt } from './schema-target';
import { safetyHoverAt } from '../safety-rules/safety-hover';

export interface ScriptHover {
  markdown: string;
  start: number;
  end: number;
}

/** The hover at `offset`, with the note and help of any safety rule firing there. */
export function hoverAt(context: ScriptContext, offset: number): ScriptHover | undefined {
  const hover = documentationAt(context, offset);
  const safety = safetyHoverAt(context, offset);
  if (!safety) return hover;
  if (hover) return { ...hover, markdown: `${hover.markdown}\n\n---\n\n${safety}` };
  return { markdown: safety, start: offset, end: offset };
}

function documentationAt(context: ScriptContext, offset: number): ScriptHover | undefined {
  const { tree } = context.script;
  const node = tree.rootNode.descendantForIndex(offset, offset);
  const identifier = node?.type === 'identifier' ? node : offset > 0 ? tree.rootNode.descendantForIndex(offset - 1, offset - 1) : undefined;
  if (identifier?.type === 'identifier') {
    const parent = identifier.parent;
    const isAttribute = parent?.type === 'attribute' && parent.childForFieldName('attribute')?.startIndex === identifier.startIndex;
    const isKeyword = parent?.type === 'keyword_argument' && parent.childForFieldName('name')?.startIndex === identifier.startIndex;
    // `cnx.execute`: the member of a catalog object.
    const object = isAttribute ? parent!.childForFieldName('object') : null;
    const member = object?.type === 'identifier' ? catalogEntryNamed(context, `${object.text}.${identifier.text}`) : undefined;
    const entry = member ?? (isAttribute || isKeyword ? undefined : catalogEntryNamed(context, identifier.text));
    if (entry) {
      const unavailable = entry.modes.includes(context.mode) ? '' : `\n\n⚠ Not available in this \`${context.mode}\` script.`;
      return { markdown: entryDocumentation(entry) + unavailable, start: identifier.startIndex, end: identifier.endIndex };
    }
  }
  const target = schemaTargetAt(context, offset);
  if (target && target.definitions.length) {
    const what = target.kind === 'attribute' ? `attribute of ${target.owner}` : target.kind.replace(/-/g, ' ');
    return { markdown: `\`${target.name}\`: ${what}, defined in ${context.surroundings.describe(target.definitions[0])}`, start: target.start, end: target.end };
  }
  return undefined;
}
