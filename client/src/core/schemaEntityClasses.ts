// The entity type classes of a schema file, by line, for the "Show Entities" lens; the language server reads schemas for real.

const CLASS = /^class\s+([A-Za-z]\w*)\s*\(([^)]*)\)\s*:/;
const ENTITY_BASE = /\b(?:WorkflowableEntityType|EntityType)\b/;

/**
 * `class Ticket(EntityType):` at the top level: the type's name and line. Abstract classes (`__abstract__ = True`
 * in their body) and `_`-prefixed ones make no table, so they have no rows to show.
 */
export function entityClassLines(text: string): { name: string; line: number }[] {
  const lines = text.split(/\r\n|\r|\n/);
  const found: { name: string; line: number }[] = [];
  for (let index = 0; index < lines.length; index++) {
    const match = CLASS.exec(lines[index]!);
    if (!match || !ENTITY_BASE.test(match[2]!)) continue;
    let abstract = false;
    // The body: the indented lines that follow, up to the next top-level statement.
    for (let body = index + 1; body < lines.length && !/^\S/.test(lines[body]!); body++) {
      if (/^\s+__abstract__\s*=\s*True\b/.test(lines[body]!)) abstract = true;
    }
    if (!abstract) found.push({ name: match[1]!, line: index });
  }
  return found;
}
