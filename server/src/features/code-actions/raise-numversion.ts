// Quick fix for script-ahead-of-model: raise numversion in __pkginfo__.py to the script's version.
import { splitLines } from '../../core/text-range';
import { readRelatedText } from '../script/script-analysis';
import type { CodeActionRequest, FeatureDocument, PlainCodeAction } from '../feature-contract';

export function raiseNumversionAction(document: FeatureDocument, request: CodeActionRequest): PlainCodeAction[] {
  const version = document.script?.version;
  const pkginfo = document.application.pkginfo;
  const diagnostic = request.diagnostics.find((d) => d.code === 'script-ahead-of-model');
  if (!version || !diagnostic || !pkginfo || !('numversion' in pkginfo) || !pkginfo.numversion) return [];
  const text = readRelatedText(document.application.pkginfoPath).text;
  if (text === undefined) return [];
  const line = pkginfo.range.start.line;
  const lineText = splitLines(text)[line] ?? '';
  // The tuple (or list) after "numversion =", on the line the reader found it.
  const target = /\bnumversion\s*=\s*(?:[\w.]+\s*=\s*)*/.exec(lineText);
  const start = target ? target.index + target[0].length : -1;
  const tuple = start >= 0 ? /^([([])[^()[\]]*[)\]]/.exec(lineText.slice(start)) : null;
  if (!tuple) return [];
  const end = start + tuple[0].length;
  const newText = tuple[1] === '[' ? `[${version.major}, ${version.minor}, ${version.patch}]` : `(${version.major}, ${version.minor}, ${version.patch})`;
  return [{
    title: `Raise numversion to ${newText} in __pkginfo__.py`,
    kind: 'quickfix',
    diagnostics: [diagnostic],
    isPreferred: true,
    edit: { textEdits: [{ path: document.application.pkginfoPath, range: { start: { line, character: start }, end: { line, character: end } }, newText }] },
  }];
}
