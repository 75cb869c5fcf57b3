// The size past which a document's content is not analysed (file-name checks still run): 2 MB, far beyond any real
// migration script, so a 50 MB file cannot make the server parse, cache and hold gigabytes.
export const MAX_ANALYSED_CHARACTERS = 2 * 1024 * 1024;

export function isTooLargeToAnalyse(text: string): boolean {
  return text.length > MAX_ANALYSED_CHARACTERS;
}

/** The message of the one `file-too-large` diagnostic such a document gets. */
export function tooLargeMessage(characters: number): string {
  return `This file has ${characters.toLocaleString('en-US')} characters, over the ${MAX_ANALYSED_CHARACTERS.toLocaleString('en-US')} the checks analyse: only its name is checked (a migration script this large is almost certainly generated data; split it, or load the data from a separate file).`;
}
