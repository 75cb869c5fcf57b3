// Parses depends.map (DESIGN 1.3) into entries, comments and errors; never throws, every range lies inside the text.
import { type ModelVersion, parseModelVersion } from './model-version';
import { lineRange, splitLines, type TextRange } from './text-range';

export interface DependsMapEntry {
  line: number;
  modelVersion: ModelVersion;
  erudiVersion: ModelVersion;
  modelRange: TextRange;
  erudiRange: TextRange;
  /** The non-blank part of the line. */
  range: TextRange;
}

export interface DependsMapSyntaxError {
  line: number;
  range: TextRange;
  message: string;
}

export type DependsMapLine =
  | { kind: 'blank'; line: number }
  | { kind: 'comment'; line: number; text: string }
  | { kind: 'entry'; line: number; entry: DependsMapEntry }
  | { kind: 'error'; line: number; error: DependsMapSyntaxError };

export interface DependsMap {
  lines: DependsMapLine[];
  entries: DependsMapEntry[];
  errors: DependsMapSyntaxError[];
}

export function parseDependsMap(text: string): DependsMap {
  const lines: DependsMapLine[] = [];
  const entries: DependsMapEntry[] = [];
  const errors: DependsMapSyntaxError[] = [];
  splitLines(text).forEach((raw, line) => {
    // A byte-order mark (a file read from disk) is no part of the first line; ranges still count it.
    const parsed = parseLine(raw, line, line === 0 && raw.startsWith(BOM) ? 1 : 0);
    lines.push(parsed);
    if (parsed.kind === 'entry') entries.push(parsed.entry);
    if (parsed.kind === 'error') errors.push(parsed.error);
  });
  return { lines, entries, errors };
}

const BOM = '\ufeff';

// Space and tab are the only blanks around entries and ":", as in the runtime (runtime/erudi_migrate/depends_map.py):
// any other character (a no-break space, a NEL) is part of the text and makes the line an error, on both sides.
function isBlank(character: string | undefined): boolean {
  return character === ' ' || character === '\t';
}

function parseLine(raw: string, line: number, from: number): DependsMapLine {
  let start = from;
  let end = raw.length;
  while (start < end && isBlank(raw[start])) start++;
  while (end > start && isBlank(raw[end - 1])) end--;
  if (start >= end) return { kind: 'blank', line };
  if (raw[start] === '#') return { kind: 'comment', line, text: raw.slice(start) };
  const range = lineRange(line, start, end);
  const fail = (message: string): DependsMapLine => ({ kind: 'error', line, error: { line, range, message } });
  const colon = raw.indexOf(':', start);
  if (colon < 0 || colon >= end) {
    return fail(`"${clip(raw.slice(start, end))}" is no entry: write "<model X.Y.Z> : <erudi X.Y.Z>", for example "0.13.0 : 2.27.0", or start the line with "#" to make it a comment.`);
  }
  const left = span(raw, start, colon);
  const right = span(raw, colon + 1, end);
  const modelVersion = parseModelVersion(left.text);
  const erudiVersion = parseModelVersion(right.text);
  if (!modelVersion || !erudiVersion) {
    const which = !modelVersion ? `model version "${clip(left.text)}"` : `erudi version "${clip(right.text)}"`;
    return fail(`The ${which} is not X.Y.Z (three integers without leading zeros): write "<model X.Y.Z> : <erudi X.Y.Z>", for example "0.13.0 : 2.27.0".`);
  }
  return {
    kind: 'entry',
    line,
    entry: { line, modelVersion, erudiVersion, range, modelRange: lineRange(line, left.start, left.end), erudiRange: lineRange(line, right.start, right.end) },
  };
}

function span(raw: string, from: number, to: number): { text: string; start: number; end: number } {
  let start = from;
  let end = to;
  while (start < end && isBlank(raw[start])) start++;
  while (end > start && isBlank(raw[end - 1])) end--;
  return { text: raw.slice(start, end), start, end };
}

// Messages quote the user's text; a 10 MB line must not become a 10 MB message.
function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
