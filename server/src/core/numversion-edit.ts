// The text edit that sets `numversion` in __pkginfo__.py to another version, keeping the line's layout and comment.
import { readPkgInfo } from './pkginfo';
import { splitLines, type TextRange } from './text-range';

export interface NumversionEdit {
  range: TextRange;
  newText: string;
}

/** Replaces the three integers of `numversion = (X, Y, Z)`; undefined when the file has no readable numversion. */
export function numversionEdit(pkginfo: string, version: readonly [number, number, number]): NumversionEdit | undefined {
  const info = readPkgInfo(pkginfo);
  if (!info.numversion) return undefined;
  const { line } = info.range.start;
  const text = splitLines(pkginfo)[line];
  const equals = text.indexOf('=');
  const tuple = /\d+(\s*,\s*)\d+(\s*,\s*)\d+/.exec(text.slice(equals + 1));
  if (equals < 0 || !tuple) return undefined;
  const start = equals + 1 + tuple.index;
  const [x, y, z] = version;
  return {
    range: { start: { line, character: start }, end: { line, character: start + tuple[0].length } },
    newText: `${x}${tuple[1]}${y}${tuple[2]}${z}`,
  };
}
