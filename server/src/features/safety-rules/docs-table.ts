// Renders docs/safety-rules.md from the registry, so the documented table is the one hover and check --explain show.
import { DIAGNOSTIC_CODES } from '../../core/diagnostic-codes';
import { SAFETY_RULES } from './registry';

const cell = (text: string) => text.replace(/\|/g, '\\|');

export function safetyRulesMarkdown(): string {
  const lines = [
    '# Safety rules',
    '',
    '<!-- Generated from server/src/features/safety-rules/ (the registry); test/core/safety-rules.test.ts fails when this file is out of date. -->',
    '',
    'Each rule flags a migration call that can fail or hurt at upgrade time. The editor shows the note and the help line on hover,',
    '`npx erudi-migrations check --explain CODE` prints them with examples, and `# erudi: ignore[CODE]` (the line) or',
    '`# erudi: ignore-file[CODE]` (the file) silences a rule where you have checked it is fine. Rules marked *data* use the',
    "instance's figures (`erudi-migrate stats --json`) when the editor has read them, and say so when they had none.",
    '',
    '| code | severity | what goes wrong, and when | the safer way |',
    '|---|---|---|---|',
  ];
  for (const rule of SAFETY_RULES) {
    const data = rule.cases.some((c) => c.figures) ? ' *(data)*' : '';
    lines.push(`| \`${rule.code}\`${data} | ${DIAGNOSTIC_CODES[rule.code].severity} | ${cell(rule.note)} | ${cell(rule.help)} |`);
  }
  return `${lines.join('\n')}\n`;
}
