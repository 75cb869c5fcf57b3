// The real file system for the workspace index: never throws, never blocks on FIFOs, caps what it reads.
import { lstatSync, readdirSync, readFileSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DirectoryEntry, TextRead, WorkspaceFileSystem } from './file-system';

/** Files larger than this are reported unreadable rather than loaded (a map or pkginfo is a few kB). */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;

const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

export const nodeFileSystem: WorkspaceFileSystem = {
  readDirectory(path) {
    try {
      return readdirSync(path, { withFileTypes: true }).map((entry): DirectoryEntry => {
        if (entry.isFile()) return { name: entry.name, kind: 'file' };
        if (entry.isDirectory()) return { name: entry.name, kind: 'directory' };
        if (entry.isSymbolicLink()) {
          try {
            const target = statSync(join(path, entry.name));
            return { name: entry.name, kind: target.isDirectory() ? 'directory' : target.isFile() ? 'file' : 'other' };
          } catch {
            // A dangling link still has a name the user sees in migration/; judge it as a file.
            return { name: entry.name, kind: 'file' };
          }
        }
        return { name: entry.name, kind: 'other' };
      });
    } catch {
      return undefined;
    }
  },
  readText(path): TextRead {
    try {
      const stat = statSync(path);
      if (stat.isDirectory()) return { error: 'it is a directory' };
      // Reading a FIFO or device would block the server forever.
      if (!stat.isFile()) return { error: 'it is not a regular file' };
      if (stat.size > MAX_FILE_BYTES) return { error: `it is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB` };
      const bytes = readFileSync(path);
      return { text: decoder.decode(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length)) };
    } catch (error) {
      return { error: danglingLink(path) ?? describe(error) };
    }
  },
  kindOf(path) {
    try {
      const stat = statSync(path);
      return stat.isDirectory() ? 'directory' : stat.isFile() ? 'file' : 'other';
    } catch {
      try {
        return lstatSync(path).isSymbolicLink() ? 'file' : undefined;
      } catch {
        return undefined;
      }
    }
  },
  realPath(path) {
    try {
      return realpathSync(path);
    } catch {
      return undefined;
    }
  },
};

/** "it is a symbolic link to T, which does not exist" when the path is a link whose target is missing. */
function danglingLink(path: string): string | undefined {
  try {
    if (!lstatSync(path).isSymbolicLink()) return undefined;
    statSync(path);
    return undefined;
  } catch (error) {
    // ELOOP (a link to itself) is told by describe(); only a missing target is "dangling".
    if ((error as NodeJS.ErrnoException)?.code !== 'ENOENT') return undefined;
    try {
      return `it is a symbolic link to ${readlinkSync(path)}, which does not exist`;
    } catch {
      return undefined;
    }
  }
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'it does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'its symbolic links loop';
  return error instanceof Error ? error.message : String(error);
}
