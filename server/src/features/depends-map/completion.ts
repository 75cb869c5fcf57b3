// Completion in depends.map: known model versions (scripts' versions and numversion) at the start of a line, the installed framework after ":".
import { basename } from 'node:path';
import { compareVersions, type ModelVersion } from '../../core/model-version';
import { splitLines, type TextPosition } from '../../core/text-range';
import { numversionOf } from '../../core/workspace/application';
import type { CompletionSuggestion, FeatureDocument } from '../feature-contract';

export function dependsMapCompletion(document: FeatureDocument, position: TextPosition): CompletionSuggestion[] {
  const line = splitLines(document.text)[position.line] ?? '';
  const before = line.slice(0, position.character);
  if (before.trimStart().startsWith('#')) return [];
  const wordStart = before.length - (/[\d.]*$/.exec(before)?.[0].length ?? 0);
  const replaceRange = { start: { line: position.line, character: wordStart }, end: position };
  if (before.includes(':')) {
    if (!/^\s*[\d.]+\s*:\s*[\d.]*$/.test(before)) return [];
    const installed = document.settings.frameworkVersion;
    return [{ label: installed.text, kind: 'value', detail: 'installed framework (erudi) version', replaceRange }];
  }
  if (!/^\s*[\d.]*$/.test(before)) return [];
  const known = new Map<string, { version: ModelVersion; scripts: string[] }>();
  for (const [path, script] of document.application.scripts) {
    if (!script.version) continue;
    const entry = known.get(script.version.text) ?? { version: script.version, scripts: [] };
    entry.scripts.push(basename(path));
    known.set(script.version.text, entry);
  }
  const numversion = numversionOf(document.application);
  if (numversion && !known.has(numversion.text)) known.set(numversion.text, { version: numversion, scripts: [] });
  const sorted = [...known.values()].sort((a, b) => compareVersions(b.version, a.version));
  return sorted.map(({ version, scripts }, i) => ({
    label: version.text,
    kind: 'value',
    detail: version.text === numversion?.text ? 'model version (numversion)' : `model version (${scripts.length} script${scripts.length === 1 ? '' : 's'})`,
    documentation: scripts.length ? scripts.slice(0, 10).map((s) => `- ${s}`).join('\n') : undefined,
    insertSnippet: `${version.text} : \${1:${document.settings.frameworkVersion.text}}`,
    replaceRange,
    sortText: String(i).padStart(6, '0'),
  }));
}
