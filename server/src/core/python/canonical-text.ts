// The one copy of each distinct statement text, shared by every cache keyed by statement text.
import { ownText } from '../own-text';

// One string per distinct statement text: the text-keyed caches (script checks, bound names, unknown-name,
// python-syntax) then find a statement's entry by the same string object, instead of comparing its characters with
// the key's in each of them (a statement's text is a new substring of each script). Own copies (see own-text.ts).
const MAX_CANONICAL = 50_000;
const canonicalTexts = new Map<string, string>();

/** The one copy of `text` that the statement caches are keyed by. */
export function canonicalText(text: string): string {
  let canonical = canonicalTexts.get(text);
  if (canonical === undefined) {
    if (canonicalTexts.size >= MAX_CANONICAL) canonicalTexts.clear();
    canonicalTexts.set((canonical = ownText(text)), canonical);
  }
  return canonical;
}
