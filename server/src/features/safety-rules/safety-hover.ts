// Hover text for the safety rules that fire on the code under the cursor: the rule's note and help, from the registry.
import { checkScript } from '../script/check-script';
import type { ScriptContext } from '../script/script-context';
import { safetyRule } from './registry';

/** Markdown for each safety rule firing at `offset` (empty when none does). */
export function safetyHoverAt(context: ScriptContext, offset: number): string {
  const position = context.script.lines.positionAt(offset);
  const at = (p: { line: number; character: number }) => p.line * 1e6 + p.character;
  const parts: string[] = [];
  const seen = new Set<string>();
  for (const d of checkScript(context)) {
    const rule = safetyRule(d.code);
    if (!rule || seen.has(rule.code) || at(d.range.start) > at(position) || at(d.range.end) < at(position)) continue;
    seen.add(rule.code);
    parts.push(`**⚠ \`${rule.code}\`**: ${rule.note}\n\n*Safer:* ${rule.help}`);
  }
  return parts.join('\n\n---\n\n');
}
