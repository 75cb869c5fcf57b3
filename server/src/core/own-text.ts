// A copy of a piece of text that does not keep alive the text it was cut from.
//
// V8 represents a substring of 13 or more characters as a view into its parent: a cache keyed by statement text (or
// holding names read from a file) kept every version of every file a statement came from. At 5,000 realistic scripts
// that was 7 MB of script texts after the first check, and one 190 KB schema.py per keystroke in it afterwards.

// V8 copies shorter substrings (SlicedString::kMinLength).
const MIN_SLICED = 13;

/** The same characters, held on their own. */
export function ownText(text: string): string {
  // Slicing a concatenation flattens it into a new string first: the result is a view into that copy, not the parent.
  return text.length < MIN_SLICED ? text : (' ' + text).slice(1);
}
