// What the workspace index needs from a file system, so the index is tested on an in-memory tree and runs on the real one.
export interface DirectoryEntry {
  name: string;
  kind: 'file' | 'directory' | 'other';
}

export type TextRead = { text: string; error?: undefined } | { text?: undefined; error: string };

export interface WorkspaceFileSystem {
  /** The entries of a directory, or undefined when it is no readable directory. Symbolic links are followed. */
  readDirectory(path: string): DirectoryEntry[] | undefined;
  /** A file's text (invalid UTF-8 replaced, never throws), or why it cannot be read. */
  readText(path: string): TextRead;
  /** What is at a path (links followed; a dangling link counts as a file), or undefined when nothing is. */
  kindOf(path: string): DirectoryEntry['kind'] | undefined;
  /** The canonical path (links resolved), used to walk symlink loops once; undefined when it does not resolve. */
  realPath(path: string): string | undefined;
}
