// An in-memory file tree for tests of the workspace index: a map of path to text, folders implied by the paths.
import { posix } from 'node:path';
import type { DirectoryEntry, TextRead, WorkspaceFileSystem } from '../../server/src/core/workspace/file-system';

export class MemoryFileSystem implements WorkspaceFileSystem {
  readonly files = new Map<string, string | { error: string }>();
  private readonly directories = new Set<string>();

  constructor(files: Record<string, string> = {}) {
    for (const [path, text] of Object.entries(files)) this.write(path, text);
  }

  write(path: string, text: string | { error: string }): void {
    this.files.set(path, text);
    this.mkdir(posix.dirname(path));
  }

  mkdir(path: string): void {
    for (let dir = path; !this.directories.has(dir); dir = posix.dirname(dir)) {
      this.directories.add(dir);
      if (dir === posix.dirname(dir)) break;
    }
  }

  remove(path: string): void {
    for (const key of [...this.files.keys()]) if (key === path || key.startsWith(`${path}/`)) this.files.delete(key);
    for (const key of [...this.directories]) if (key === path || key.startsWith(`${path}/`)) this.directories.delete(key);
  }

  readDirectory(path: string): DirectoryEntry[] | undefined {
    if (!this.directories.has(path)) return undefined;
    const entries = new Map<string, DirectoryEntry>();
    for (const dir of this.directories) if (posix.dirname(dir) === path && dir !== path) entries.set(dir, { name: posix.basename(dir), kind: 'directory' });
    for (const file of this.files.keys()) if (posix.dirname(file) === path) entries.set(file, { name: posix.basename(file), kind: 'file' });
    return [...entries.values()];
  }

  readText(path: string): TextRead {
    const content = this.files.get(path);
    if (content === undefined) return { error: 'it does not exist' };
    return typeof content === 'string' ? { text: content } : content;
  }

  kindOf(path: string): 'file' | 'directory' | undefined {
    return this.directories.has(path) ? 'directory' : this.files.has(path) ? 'file' : undefined;
  }

  realPath(path: string): string | undefined {
    return this.directories.has(path) || this.files.has(path) ? path : undefined;
  }
}
