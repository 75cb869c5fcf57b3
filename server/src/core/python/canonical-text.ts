// The one copy of each distinct statement text, shared by every cache keyed by statement text.
import { TextInterner } from '../bounded-map';

// One string per distinct statement text: the text-keyed caches (script checks, bound names, unknown-name,
// python-syntax) then find a statement's entry by the same string object, instead of comparing its characters with
// the key's in each of them (a statement's text is a new substring of each script).
const statementTexts = new TextInterner(50_000);

/** The one copy of `text` that the statement caches are keyed by. */
export function canonicalText(text: string): string {
  return statementTexts.intern(text);
}
