// Converts between offsets in a text (UTF-16 code units, as JavaScript strings and LSP count) and line/character positions.
import type { TextPosition, TextRange } from '../text-range';

/**
 * Lines end as the LSP says they do: at `\n`, `\r\n` or a lone `\r` (a script saved with old Mac line
 * endings is many lines, not one).
 */
const RECENT = 4;
const recent: LineIndex[] = [];

export class LineIndex {
  /** Offset where each line starts; line 0 starts at 0. */
  private readonly lineStarts: number[] = [0];
  /** Offset where each line's text ends (its line break excluded). */
  private readonly lineEnds: number[] = [];

  /** The index of `text`, shared with the last few asking for the same text (schema.py's 200 KB is read by three checks per keystroke). */
  static of(text: string): LineIndex {
    for (const known of recent) if (known.text === text) return known;
    const index = new LineIndex(text);
    recent.unshift(index);
    if (recent.length > RECENT) recent.pop();
    return index;
  }

  constructor(readonly text: string) {
    if (!text.includes('\r')) {
      // The common case, with the engine's own search.
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
        this.lineEnds.push(i);
        this.lineStarts.push(i + 1);
      }
      this.lineEnds.push(text.length);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13) {
        this.lineEnds.push(i);
        if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
        this.lineStarts.push(i + 1);
      }
    }
    this.lineEnds.push(text.length);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): TextPosition {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  offsetAt(position: TextPosition): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    const line = Math.max(0, position.line);
    return Math.min(this.lineStarts[line] + Math.max(0, position.character), this.lineEnds[line]);
  }

  rangeOf(start: number, end: number): TextRange {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /** Offset where a line starts (the text's length past the last line). */
  lineStart(line: number): number {
    return this.lineStarts[line] ?? this.text.length;
  }

  /** Offset where a line's text ends, before its line break. */
  lineEnd(line: number): number {
    return this.lineEnds[line] ?? this.text.length;
  }

  /** The text of one line, without its line break. */
  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }
}

/**
 * The text tree-sitter should parse: a lone `\r` becomes `\n` (the grammar only ends lines and comments at `\n`),
 * so offsets are unchanged and positions agree with the LSP's.
 */
export function parserText(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}
