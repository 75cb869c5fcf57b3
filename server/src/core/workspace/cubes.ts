// Cubes: the names __pkginfo__.py's __depends__ gives (statically, never executed), and where each cube's folder is found.
import { basename, dirname, join } from 'node:path';
import type { TextRange } from '../text-range';
import type { DirectoryEntry } from './file-system';

/** A cube an application depends on, with where __pkginfo__.py names it. */
export interface CubeDependency {
  /** The bare cube name (`file` for `cubicweb-file`). */
  name: string;
  /** The key as written, e.g. `cubicweb-file`. */
  written: string;
  range: TextRange;
}

/** The string literals of a Python dict/tuple/list starting at `open`, with whether each is a dict key. */
function literalsOf(text: string, open: number): { value: string; start: number; end: number; key: boolean }[] {
  const found: { value: string; start: number; end: number; key: boolean }[] = [];
  let depth = 0;
  let i = open;
  while (i < text.length) {
    const c = text[i];
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === '"' || c === "'") {
      const start = i;
      i++;
      let value = '';
      while (i < text.length && text[i] !== c && text[i] !== '\n') {
        if (text[i] === '\\') i++;
        value += text[i] ?? '';
        i++;
      }
      const end = i + 1;
      i = end;
      let j = i;
      while (j < text.length && /[ \t\r\n]/.test(text[j])) j++;
      if (depth === 1) found.push({ value, start, end, key: text[j] === ':' });
      continue;
    }
    if (c === '{' || c === '(' || c === '[') depth++;
    else if (c === '}' || c === ')' || c === ']') {
      depth--;
      if (depth === 0) break;
    }
    i++;
  }
  return found;
}

function positionAt(text: string, offset: number) {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

/**
 * The cubes of `__depends__ = {'cubicweb-file': '>= 1.2', ...}` (keys `cubicweb-<name>`; `cubicweb` itself is the
 * framework, other keys are Python packages) and of the older `__depends_cubes__` (bare names, dict or sequence).
 */
export function readCubeDependencies(text: string): CubeDependency[] {
  const cubes: CubeDependency[] = [];
  const seen = new Set<string>();
  const add = (name: string, written: string, start: number, end: number) => {
    if (!/^[A-Za-z0-9_.-]+$/.test(name) || seen.has(name)) return;
    seen.add(name);
    cubes.push({ name: name.replace(/-/g, '_'), written, range: { start: positionAt(text, start), end: positionAt(text, end) } });
  };
  for (const match of text.matchAll(/^(__depends__|__depends_cubes__)\s*=\s*([{([])/gm)) {
    const open = match.index! + match[0].length - 1;
    const dict = match[2] === '{';
    for (const literal of literalsOf(text, open)) {
      if (dict && !literal.key) continue;
      if (match[1] === '__depends__') {
        const cube = /^cubicweb-(.+)$/.exec(literal.value);
        if (cube) add(cube[1], literal.value, literal.start, literal.end);
      } else {
        add(literal.value.replace(/^cubicweb-/, ''), literal.value, literal.start, literal.end);
      }
    }
  }
  return cubes;
}

/** What finding a cube needs from the file system. */
export interface CubeFileSystem {
  kindOf(path: string): DirectoryEntry['kind'] | undefined;
}

export interface CubeSearch {
  /** The workspace folders, searched first. */
  workspaceFolders: readonly string[];
  /** Application roots the workspace index knows (a cube in the workspace is found wherever it sits). */
  workspaceApplications: readonly string[];
  /** Then, in order: --cubes-path, ERUDI_CUBES_PATH, erudiMigrations.cubesPath folders. */
  cubeFolders: readonly string[];
}

/** The folders where a cube may sit under one search folder, in the order they are tried. */
export function cubeCandidates(folder: string, name: string): string[] {
  const candidates = [
    join(folder, `cubicweb_${name}`),
    join(folder, `cubicweb-${name.replace(/_/g, '-')}`, `cubicweb_${name}`),
    join(folder, 'cubes', name),
  ];
  if (basename(folder) === `cubicweb_${name}` || (basename(folder) === name && basename(dirname(folder)) === 'cubes')) candidates.unshift(folder);
  // A folder that is itself a cubes directory (CubicWeb's CW_CUBES_PATH style) holds cubes by bare name.
  if (basename(folder) === 'cubes') candidates.push(join(folder, name));
  return candidates;
}

/** A cube's folder is a package with its own __pkginfo__.py. */
function isCube(fs: CubeFileSystem, folder: string): boolean {
  return fs.kindOf(join(folder, '__pkginfo__.py')) === 'file';
}

export interface CubeLookup {
  /** The cube's folder, when found. */
  folder?: string;
  /** Every path looked at (a file event on one of them may change the answer). */
  probed: string[];
}

/** Finds a cube: in the workspace (its folders, then any application named like the cube), then the cube folders. */
export function findCube(fs: CubeFileSystem, name: string, search: CubeSearch): CubeLookup {
  const probed: string[] = [];
  const tryFolder = (folder: string) => {
    probed.push(folder);
    return isCube(fs, folder) ? folder : undefined;
  };
  for (const folder of search.workspaceFolders) {
    for (const candidate of cubeCandidates(folder, name)) {
      const found = tryFolder(candidate);
      if (found) return { folder: found, probed };
    }
  }
  for (const root of search.workspaceApplications) {
    const named = basename(root) === `cubicweb_${name}` || (basename(root) === name && basename(dirname(root)) === 'cubes');
    if (named && isCube(fs, root)) return { folder: root, probed };
  }
  for (const folder of search.cubeFolders) {
    for (const candidate of cubeCandidates(folder, name)) {
      const found = tryFolder(candidate);
      if (found) return { folder: found, probed };
    }
  }
  return { probed };
}

/** The cube folders from a `DIR[:DIR...]` value (the --cubes-path flag and ERUDI_CUBES_PATH), empty parts dropped. */
export function splitCubesPath(value: string | undefined, separator = ':'): string[] {
  return (value ?? '').split(separator).map((part) => part.trim()).filter((part) => part !== '');
}
