// Reads `numversion = (X, Y, Z)` from __pkginfo__.py statically (the file is never executed).
import { type ModelVersion, modelVersion } from './model-version';
import { FILE_START, lineRange, splitLines, type TextRange } from './text-range';

export type PkgInfo =
  | { numversion: ModelVersion; range: TextRange }
  | { numversion?: undefined; range: TextRange; problem: string };

const ASSIGNMENT = /^numversion\s*=\s*(.*)$/;
const TUPLE = /^[([]?\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*,?\s*[)\]]?\s*(#.*)?$/;

export function readPkgInfo(text: string): PkgInfo {
  const lines = splitLines(text);
  for (let line = 0; line < lines.length; line++) {
    const match = ASSIGNMENT.exec(lines[line]);
    if (!match) continue;
    const range = lineRange(line, 0, lines[line].trimEnd().length);
    const value = match[1].trim();
    const tuple = TUPLE.exec(value);
    if (!tuple) {
      return { range, problem: `numversion must be a tuple of three integers, like numversion = (0, 13, 0); found "${clip(value)}".` };
    }
    const numbers = [tuple[1], tuple[2], tuple[3]];
    if (numbers.some((n) => n.length > 1 && n.startsWith('0'))) {
      return { range, problem: `numversion's integers must not have leading zeros (Python rejects them): found "${clip(value)}".` };
    }
    const [major, minor, patch] = numbers.map(Number);
    if (![major, minor, patch].every(Number.isSafeInteger)) {
      return { range, problem: `numversion's integers are too large: found "${clip(value)}".` };
    }
    return { numversion: modelVersion(major, minor, patch), range };
  }
  return { range: FILE_START, problem: 'No numversion found: add a line numversion = (X, Y, Z) with the model version, for example numversion = (0, 1, 0).' };
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
