// Splits a Python text, by reading characters only, into regions that parse alone exactly as in the whole text when
// the whole text has no syntax error: code regions starting at clean boundaries, and regions of comments only.
//
// statement-splice.ts explains why a clean boundary (a line that starts a statement at column 0, outside any string,
// bracket or line continuation) matters: in a script without syntax error the parser is there as at the start of a
// file, so the text from one clean boundary to the next parses alone as in the whole script. Comment lines after a
// statement belong to the module when the first of them starts at column 0 (tree-sitter then closes every block
// before it), so they are a region of their own, outlined without a parse; an indented one may belong to the block
// above and stays in the code region. The scan only proposes regions: whoever uses them parses each code region alone
// and falls back to the whole text when one does not parse cleanly (a boundary proposed inside a construct would leave
// an unterminated string or bracket before it). logical-lines.ts reads strings and brackets the same way but makes a
// token object per token (for pkginfo's literals): too much for every script of a check, so this scan makes none.

/** [start, end) of a region; `code` false for blank and comment lines only (module-level comments). */
export interface Region {
  start: number;
  end: number;
  code: boolean;
}

// A line starting with these keywords continues the compound statement above it (if/for/while/try).
const CONTINUATION = /(?:else|elif|except|finally)(?![\p{ID_Continue}])/uy;

const SPACE = 32;
const TAB = 9;
const FORM_FEED = 12;
const CR = 13;
const LF = 10;
const HASH = 35;
const AT = 64;
const BACKSLASH = 92;
const QUOTE = 39;
const DOUBLE_QUOTE = 34;

/**
 * The text's regions in order (blank lines may lie between them). Undefined when the scan meets what only a parser can
 * judge (an unterminated string, an unbalanced bracket, a backslash not ending a line): the caller parses the whole
 * text. `text` is what tree-sitter reads (line breaks `\n` or `\r\n`).
 */
export function cleanRegions(text: string): Region[] | undefined {
  const regions: Region[] = [];
  const n = text.length;
  let depth = 0;
  // Whether `i` is at the start of a physical line that starts a new logical line (no bracket open, no `\` before).
  let lineStart = true;
  // A decorator's line is followed by what it decorates: no boundary after it.
  let afterDecorator = false;
  // The current region's start, the end of its last code line (-1: none yet), whether a code line is being read (its
  // end is known at its line break), and where the region's module-level comments start (-1: none).
  let start = 0;
  let codeEnd = -1;
  let inCodeLine = false;
  let commentsFrom = -1;
  // An indented comment line came first after the last code line: it may belong to a block, so it stays with the code.
  let commentsHeld = false;
  const close = (at: number) => {
    if (codeEnd === -1) {
      if (at > start) regions.push({ start, end: at, code: false });
    } else if (commentsFrom !== -1) {
      regions.push({ start, end: codeEnd, code: true }, { start: commentsFrom, end: at, code: false });
    } else regions.push({ start, end: commentsHeld ? at : codeEnd, code: true });
  };
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    if (lineStart) {
      lineStart = false;
      let j = i;
      while (c === SPACE || c === TAB || c === FORM_FEED) c = text.charCodeAt(++j);
      if (c === HASH) {
        if (codeEnd !== -1 && commentsFrom === -1 && !commentsHeld) {
          if (j === i) commentsFrom = i;
          else commentsHeld = true;
        }
      } else if (c !== LF && c !== CR && j < n) {
        if (j === i && i > 0 && !afterDecorator && startsStatement(c) && !continuation(text, i)) {
          close(i);
          start = i;
          commentsFrom = -1;
          commentsHeld = false;
        } else if (commentsFrom !== -1 || commentsHeld) {
          // Code after the comments (indented, or a continuation of the statement): they are inside it.
          commentsFrom = -1;
          commentsHeld = false;
        }
        inCodeLine = true;
        if (j === i) afterDecorator = c === AT;
      }
      i = j;
      continue;
    }
    if (c === LF) {
      i++;
      if (depth === 0) {
        lineStart = true;
        if (inCodeLine) {
          codeEnd = i;
          inCodeLine = false;
        }
      }
    } else if (c === HASH) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? n : end;
    } else if (c === QUOTE || c === DOUBLE_QUOTE) {
      const end = stringEnd(text, i, c);
      if (end === undefined) return undefined;
      i = end;
    } else if (c === BACKSLASH) {
      // A line continuation: the next line does not start a logical line. A backslash elsewhere is a syntax error
      // that a parse alone may not see (at the end of a region, tree-sitter reads it as a continuation into nothing).
      const next = text.charCodeAt(i + 1);
      if (next === LF) i += 2;
      else if (next === CR && text.charCodeAt(i + 2) === LF) i += 3;
      else return undefined;
    } else {
      if (c === 40 || c === 91 || c === 123) depth++;
      else if (c === 41 || c === 93 || c === 125) {
        if (depth === 0) return undefined;
        depth--;
      }
      i++;
    }
  }
  if (depth !== 0) return undefined;
  if (inCodeLine) codeEnd = n;
  close(n);
  return regions;
}

// tree-sitter reads a line continuation and these characters as whitespace: a line starting with one continues what
// is above it as far as the parser is concerned (a backslash-newline there joins the next line to the block above).
function startsStatement(c: number): boolean {
  return c !== BACKSLASH && c !== 0xfeff && c !== 0x2060 && c !== 0x200b;
}

function continuation(text: string, i: number): boolean {
  CONTINUATION.lastIndex = i;
  return CONTINUATION.test(text);
}

/** The offset after the string starting with the quote at `i`, or undefined when it is not terminated. */
function stringEnd(text: string, i: number, quote: number): number | undefined {
  const n = text.length;
  const triple = text.charCodeAt(i + 1) === quote && text.charCodeAt(i + 2) === quote;
  let j = i + (triple ? 3 : 1);
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === BACKSLASH) j += 2;
    else if (c === quote) {
      if (!triple) return j + 1;
      if (text.charCodeAt(j + 1) === quote && text.charCodeAt(j + 2) === quote) return j + 3;
      j++;
    } else if (!triple && (c === LF || c === CR)) return undefined;
    else j++;
  }
  return undefined;
}

/** The comment children of a region of comment lines: each from its `#` to the end of its line (a `\r` included). */
export function commentsIn(text: string, region: Region): Array<{ start: number; end: number }> {
  const comments: Array<{ start: number; end: number }> = [];
  let i = region.start;
  while (i < region.end) {
    const hash = text.indexOf('#', i);
    if (hash === -1 || hash >= region.end) break;
    const lineEnd = text.indexOf('\n', hash);
    const end = lineEnd === -1 || lineEnd > region.end ? region.end : lineEnd;
    comments.push({ start: hash, end });
    i = end + 1;
  }
  return comments;
}
