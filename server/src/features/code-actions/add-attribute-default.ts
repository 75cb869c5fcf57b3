// Quick fix for add-required-without-default: give the attribute a default= in its schema file, so existing entities get a value.
import { LineIndex } from '../../core/python/line-index';
import { readRelatedText, contextOf } from '../script/script-analysis';
import type { CodeActionRequest, FeatureDocument, PlainCodeAction } from '../feature-contract';

// A neutral value per type; types with no obvious literal (dates, bytes, ...) get no fix: the user must choose.
const NEUTRAL: Record<string, string> = { String: "u''", RichString: "u''", Password: "u''", Int: '0', BigInt: '0', Float: '0.0', Boolean: 'False' };
const NAMED = /^'?([A-Za-z_]\w*)\.([A-Za-z_]\w*) is required/;

export function addAttributeDefaultAction(document: FeatureDocument, request: CodeActionRequest): PlainCodeAction[] {
  const diagnostic = request.diagnostics.find((d) => d.code === 'add-required-without-default');
  const named = diagnostic && NAMED.exec(diagnostic.message);
  const context = named && contextOf(document);
  const attribute = named && context?.schema?.entityTypes.get(named[1])?.attributes.get(named[2]);
  const value = attribute && NEUTRAL[attribute.type];
  const path = attribute?.location.path || context?.schemaPath;
  if (!diagnostic || !named || !attribute || !value || !path) return [];
  const text = readRelatedText(path).text;
  if (text === undefined) return [];
  // `age = Int(required=True)`: the call after the name; its closing parenthesis is on the same line for the fix to apply.
  const lines = new LineIndex(text);
  const line = lines.positionAt(attribute.location.start).line;
  const lineText = lines.lineText(line);
  const call = new RegExp(`\\b${named[2]}\\s*=\\s*\\w+\\((.*)\\)\\s*(#.*)?$`).exec(lineText);
  if (!call || /\bdefault\s*=/.test(call[1])) return [];
  const close = call.index + call[0].replace(/\s*(#.*)?$/, '').length - 1;
  const newText = call[1].trim() ? `, default=${value}` : `default=${value}`;
  return [{
    title: `Add default=${value} to ${named[1]}.${named[2]} in ${path.split(/[\\/]/).pop()}`,
    kind: 'quickfix',
    diagnostics: [diagnostic],
    edit: { textEdits: [{ path, range: { start: { line, character: close }, end: { line, character: close } }, newText }] },
  }];
}
