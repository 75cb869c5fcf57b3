// Hover on a depends.map entry: what it means, in plain words, with the installed framework and the model version.
import { compareVersions } from '../../core/model-version';
import { parseDependsMap } from '../../core/depends-map';
import { numversionOf } from '../../core/workspace/application';
import type { TextPosition } from '../../core/text-range';
import type { FeatureDocument, HoverContent } from '../feature-contract';

export function dependsMapHover(document: FeatureDocument, position: TextPosition): HoverContent | undefined {
  const line = parseDependsMap(document.text).lines[position.line];
  if (line?.kind !== 'entry') return undefined;
  const { modelVersion, erudiVersion, range } = line.entry;
  const installed = document.settings.frameworkVersion;
  const ok = compareVersions(installed, erudiVersion) >= 0;
  const numversion = numversionOf(document.application);
  const lines = [
    `Before the model can be migrated to **${modelVersion.text}**, the framework must be at **${erudiVersion.text}** or newer; installed: ${installed.text}${ok ? '.' : ' (too old: update the runtime first).'}`,
  ];
  if (numversion) {
    const relation = compareVersions(modelVersion, numversion);
    lines.push(relation > 0 ? `The model is at ${numversion.text}; this entry applies once it goes beyond.` : `The model on disk is at ${numversion.text}.`);
  }
  return { markdown: lines.join('\n\n'), range };
}
