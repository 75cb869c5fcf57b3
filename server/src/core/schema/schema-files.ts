// Which files hold a schema: schema.py, and/or the modules of a schema/ package, in the order yams loads them.
import { join } from 'node:path';
import type { DirectoryEntry } from '../workspace/file-system';

/** An application's or cube's schema modules: schema.py, then schema/__init__.py and schema/*.py by name (`_` helpers skipped). */
export function schemaFilesOf(files: { kindOf(path: string): DirectoryEntry['kind'] | undefined; readDirectory(path: string): DirectoryEntry[] | undefined }, root: string): string[] {
  const found: string[] = [];
  // Something there that is no folder (a FIFO too) counts, so that it gets a "cannot read" diagnostic rather than silence.
  const kind = files.kindOf(join(root, 'schema.py'));
  if (kind === 'file' || kind === 'other') found.push(join(root, 'schema.py'));
  const entries = files.readDirectory(join(root, 'schema'));
  if (entries) {
    const names = entries.filter((e) => e.kind === 'file' && e.name.endsWith('.py')).map((e) => e.name);
    if (names.includes('__init__.py')) found.push(join(root, 'schema', '__init__.py'));
    for (const name of names.filter((n) => !n.startsWith('_')).sort()) found.push(join(root, 'schema', name));
  }
  return found;
}
