// The snippet templates of snippets/migration-scripts.code-snippets.json, offered by the server in migration scripts only.
import snippetFile from '../../../../snippets/migration-scripts.code-snippets.json';
import type { Catalog } from '../../core/catalog/catalog';
import type { Mode } from '../../core/mode';

export interface ScriptSnippet {
  /** The key in the snippet file: what the snippet does. */
  name: string;
  prefix: string;
  description: string;
  /** VS Code snippet syntax ($1, ${1:default}, $0). */
  body: string;
}

// The file is VS Code's snippet format; it is not contributed to VS Code, so plain Python files never see these.
export const SCRIPT_SNIPPETS: readonly ScriptSnippet[] = Object.entries(snippetFile as Record<string, { prefix: string | string[]; description?: string; body: string | string[] }>)
  .map(([name, snippet]) => ({
    name,
    prefix: Array.isArray(snippet.prefix) ? snippet.prefix[0] : snippet.prefix,
    description: snippet.description ?? name,
    body: Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body,
  }));

/** Snippets a script of this mode may use: those calling a repository-side name are not offered in web/common scripts. */
export function snippetsForMode(catalog: Catalog, mode: Mode, snippets: readonly ScriptSnippet[] = SCRIPT_SNIPPETS): ScriptSnippet[] {
  return snippets.filter((snippet) => {
    for (const word of snippet.body.matchAll(/[A-Za-z_]\w*/g)) {
      const entry = catalog.byName.get(word[0]);
      if (entry && !entry.modes.includes(mode)) return false;
    }
    return true;
  });
}
