// Plain positions and ranges in a text (0-based line and UTF-16 character), shaped like LSP's so the LSP layer converts them 1:1.
export interface TextPosition {
  line: number;
  character: number;
}

export interface TextRange {
  start: TextPosition;
  end: TextPosition;
}

/** The range of a whole file's diagnostic: the very start, so editors show it on line 1. */
export const FILE_START: TextRange = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function lineRange(line: number, startCharacter: number, endCharacter: number): TextRange {
  return { start: { line, character: startCharacter }, end: { line, character: endCharacter } };
}

/** Splits a text into lines the way editors count them (\n, \r\n or a lone \r ends a line). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}
