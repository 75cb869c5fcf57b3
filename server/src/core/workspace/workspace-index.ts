// The in-memory index of every application in the workspace, built from a file-system walk and kept current by file events.
import { basename, dirname, join, resolve, sep } from 'node:path';
import { parseDependsMap } from '../depends-map';
import { readPkgInfo } from '../pkginfo';
import { schemaFilesOf } from '../schema/schema-files';
import { duplicateKey, EVENT_SCRIPT_NAMES, type MigrationScriptName, parseMigrationFileName } from '../script-file-name';
import type { Application, ApplicationPart, ApplicationWorkspace, DocumentKind } from './application';
import type { DirectoryEntry, TextRead, WorkspaceFileSystem } from './file-system';

/** What one batch of events changed in one application: parts (re-check dependants) and documents (re-check themselves). */
export interface WorkspaceChange {
  application: Application;
  parts: Set<ApplicationPart>;
  /** Documents whose own text or name is new. */
  documents: Set<string>;
  /** Paths that are no document any more: their diagnostics must be cleared. */
  removed: Set<string>;
}

export interface WorkspaceDocument {
  path: string;
  kind: DocumentKind;
  application: Application;
  /** The parsed file name, for a migration script. */
  script?: MigrationScriptName;
}

export type FileEvent = { path: string; type: 'created' | 'changed' | 'deleted' };

// Folders that never hold an application and can be huge.
const SKIPPED_FOLDERS = new Set(['node_modules', '__pycache__', 'dist', 'build', 'venv', 'site-packages']);
const MAX_DEPTH = 24;

export class WorkspaceIndex implements ApplicationWorkspace {
  readonly applications = new Map<string, Application>();
  private roots: string[] = [];
  /**
   * Texts read on behalf of other documents (schema.py for every script's check), by path: read once, not once per
   * script; forgotten when an event or an editor change names the path.
   */
  private readonly relatedTexts = new Map<string, TextRead>();

  /**
   * @param fileSystem where files are read from
   * @param openText the text of an open document, which wins over the disk
   */
  constructor(
    private readonly fileSystem: WorkspaceFileSystem,
    private readonly openText: (path: string) => string | undefined = () => undefined,
  ) {}

  /** Finds every application under the roots (a folder with a migration/ folder) and reads it. */
  scan(roots: string[]): WorkspaceChange[] {
    // A workspace opened on a migration/ folder itself belongs to the application around it.
    this.roots = roots
      .map((r) => resolve(r))
      .map((root) => (basename(root) === 'migration' && !this.isDirectory(join(root, 'migration')) ? dirname(root) : root));
    this.applications.clear();
    this.relatedTexts.clear();
    const changes: WorkspaceChange[] = [];
    for (const start of this.roots) {
      for (const appRoot of this.findApplicationRoots(start)) {
        if (!this.applications.has(appRoot)) changes.push(this.addApplication(appRoot));
      }
    }
    return changes;
  }

  /** Applies watched-file events (a rename is a delete plus a create) and says what changed, one entry per application. */
  applyFileEvents(events: FileEvent[]): WorkspaceChange[] {
    const changes = new Map<string, WorkspaceChange>();
    const changeOf = (application: Application) => {
      let change = changes.get(application.root);
      if (!change) changes.set(application.root, (change = emptyChange(application)));
      change.application = application;
      return change;
    };
    for (const event of events) {
      const path = resolve(event.path);
      // A deleted folder takes the files under it: forget every related text then, else only this one.
      if (event.type === 'deleted') this.relatedTexts.clear();
      else this.relatedTexts.delete(path);
      if (event.type === 'deleted') this.removeUnder(path, changes);
      const application = this.applicationAround(path);
      if (application) this.applyToApplication(application, path, changeOf(application));
      for (const reader of this.schemaReadersOf(path)) changeOf(reader.application).parts.add('schema');
      // A folder created inside an application (or anywhere) may bring applications of its own.
      const ownPart = application && (path === application.root || path === application.migrationDir || dirname(path) === application.migrationDir);
      if (event.type !== 'deleted' && !ownPart) {
        for (const appRoot of this.findNewApplicationRoots(path)) {
          if (!this.applications.has(appRoot)) {
            mergeInto(changes, this.addApplication(appRoot));
            // The new application may be the cube another one misses, wherever it sits in the workspace.
            for (const other of this.applications.values()) {
              if (other.root === appRoot || !other.schemaCache?.incomplete) continue;
              other.schemaCache = undefined;
              changeOf(other).parts.add('schema');
            }
          }
        }
      }
    }
    return [...changes.values()];
  }

  /** An open document's text changed (or it was closed and the disk text is back): re-read what depends on it. */
  applyTextChange(path: string): WorkspaceChange | undefined {
    const absolute = resolve(path);
    this.relatedTexts.delete(absolute);
    const application = this.applicationAround(absolute);
    if (!application) {
      // A script opened in a migration/ folder created since the scan: the watcher may not have told us yet.
      const appRoot = this.findNewApplicationRoots(absolute)[0];
      if (!appRoot) return undefined;
      return this.addApplication(appRoot);
    }
    const change = emptyChange(application);
    this.applyToApplication(application, absolute, change);
    // Returned even when the application is gone: its documents' diagnostics must still be cleared.
    return change;
  }

  /** The document a path is, when it is one (a migration script, depends.map, __pkginfo__.py or schema.py of an application). */
  document(path: string): WorkspaceDocument | undefined {
    const absolute = resolve(path);
    const application = this.applicationAround(absolute);
    if (!application) return undefined;
    const script = application.scripts.get(absolute);
    if (script) return { path: absolute, kind: 'migration-script', application, script };
    if (application.eventScripts.has(absolute)) return { path: absolute, kind: 'event-script', application };
    if (absolute === application.dependsMapPath && application.dependsMap) return { path: absolute, kind: 'depends-map', application };
    if (absolute === application.pkginfoPath && application.pkginfo) return { path: absolute, kind: 'pkginfo', application };
    if (application.schemaFiles.includes(absolute)) return { path: absolute, kind: 'schema', application };
    return undefined;
  }

  /** Every document of an application (of the given kinds only, when given), scripts in file-name order. */
  documentsOf(application: Application, kinds?: ReadonlySet<DocumentKind>): WorkspaceDocument[] {
    const documents: WorkspaceDocument[] = [];
    const wanted = (kind: DocumentKind) => !kinds || kinds.has(kind);
    if (application.pkginfo && wanted('pkginfo')) documents.push({ path: application.pkginfoPath, kind: 'pkginfo', application });
    if (wanted('schema')) for (const path of application.schemaFiles) documents.push({ path, kind: 'schema', application });
    if (application.dependsMap && wanted('depends-map')) documents.push({ path: application.dependsMapPath, kind: 'depends-map', application });
    if (wanted('migration-script')) for (const [path, script] of application.scripts) documents.push({ path, kind: 'migration-script', application, script });
    if (wanted('event-script')) for (const path of application.eventScripts) documents.push({ path, kind: 'event-script', application });
    return documents;
  }

  /** A file's text: the open document's, else the disk's. */
  readText(path: string): TextRead {
    const open = this.openText(path);
    return open !== undefined ? { text: open } : this.fileSystem.readText(path);
  }

  /** A file's text read for another document's check (schema.py for scripts): like readText, read once until it changes. */
  readRelated(path: string): TextRead {
    const absolute = resolve(path);
    let read = this.relatedTexts.get(absolute);
    if (!read) this.relatedTexts.set(absolute, (read = this.readText(absolute)));
    return read;
  }

  /** True while the editor has the file open (its text is the editor's): such documents keep their syntax trees. */
  isOpen(path: string): boolean {
    return this.openText(path) !== undefined;
  }

  /** The application whose root, migration/ folder, schema/ package or root files hold this path. */
  applicationAround(path: string): Application | undefined {
    const parent = dirname(path);
    if (basename(parent) === 'migration' || basename(parent) === 'schema') {
      const application = this.applications.get(dirname(parent));
      if (application) return application;
    }
    return this.applications.get(path) ?? this.applications.get(parent) ?? (basename(path) === 'migration' ? this.applications.get(parent) : undefined);
  }

  /**
   * Applications whose cached merged schema read or looked at this path (a cube's schema or __pkginfo__.py, a folder
   * where a missing cube was looked for): their cache is dropped and their schema-dependent checks must re-run.
   */
  schemaReadersOf(path: string): WorkspaceChange[] {
    const absolute = resolve(path);
    const changes: WorkspaceChange[] = [];
    for (const application of this.applications.values()) {
      const inputs = application.schemaCache?.inputs;
      if (!inputs) continue;
      const touched = inputs.has(absolute) || inputs.has(dirname(absolute)) || [...inputs].some((input) => input.startsWith(absolute + sep));
      if (!touched) continue;
      application.schemaCache = undefined;
      const change = emptyChange(application);
      change.parts.add('schema');
      changes.push(change);
    }
    return changes;
  }

  kindOf(path: string): DirectoryEntry['kind'] | undefined {
    return this.fileSystem.kindOf(path);
  }

  readDirectory(path: string): DirectoryEntry[] | undefined {
    return this.fileSystem.readDirectory(path);
  }

  folders(): readonly string[] {
    return this.roots;
  }

  applicationRoots(): readonly string[] {
    return [...this.applications.keys()];
  }

  private addApplication(root: string): WorkspaceChange {
    const migrationDir = join(root, 'migration');
    const application: Application = {
      root,
      migrationDir,
      pkginfoPath: join(root, '__pkginfo__.py'),
      schemaPath: join(root, 'schema.py'),
      dependsMapPath: join(migrationDir, 'depends.map'),
      hasSchema: false,
      schemaFiles: [],
      scripts: new Map(),
      eventScripts: new Set(),
      scriptsByKey: new Map(),
      workspace: this,
    };
    this.applications.set(root, application);
    this.readPkgInfo(application);
    this.readScripts(application);
    application.schemaFiles = schemaFilesOf(this.fileSystem, root);
    application.hasSchema = application.schemaFiles.length > 0;
    const change = emptyChange(application);
    for (const document of this.documentsOf(application)) change.documents.add(document.path);
    for (const part of ['script-names', 'depends-map', 'pkginfo', 'schema'] as const) change.parts.add(part);
    return change;
  }

  /** Re-reads whatever of the application the path is, recording what changed. */
  private applyToApplication(application: Application, path: string, change: WorkspaceChange): void {
    if (path === application.root || path === application.migrationDir) {
      if (!this.isDirectory(application.migrationDir)) {
        this.dropApplication(application, change);
        return;
      }
      // The folder was replaced wholesale (e.g. moved back in): read everything again.
      for (const document of this.documentsOf(application)) change.removed.add(document.path);
      const fresh = this.addApplication(application.root);
      for (const d of fresh.documents) change.removed.delete(d), change.documents.add(d);
      for (const p of fresh.parts) change.parts.add(p);
      change.application = fresh.application;
      return;
    }
    if (path === application.pkginfoPath) {
      const had = application.pkginfo !== undefined;
      this.readPkgInfo(application);
      change.parts.add('pkginfo');
      if (application.pkginfo) change.documents.add(path);
      else if (had) change.removed.add(path);
      return;
    }
    const schemaPackage = join(application.root, 'schema');
    if (path === application.schemaPath || path === schemaPackage || dirname(path) === schemaPackage) {
      const had = application.schemaFiles;
      application.schemaFiles = schemaFilesOf(this.fileSystem, application.root);
      application.hasSchema = application.schemaFiles.length > 0;
      application.schemaCache = undefined;
      change.parts.add('schema');
      for (const file of had) if (!application.schemaFiles.includes(file)) change.removed.add(file);
      for (const file of application.schemaFiles) if (file === path || !had.includes(file)) change.documents.add(file), change.removed.delete(file);
      return;
    }
    if (path === application.dependsMapPath) {
      const had = application.dependsMap !== undefined;
      this.readDependsMap(application);
      change.parts.add('depends-map');
      if (application.dependsMap) change.documents.add(path);
      else if (had) change.removed.add(path);
      return;
    }
    if (dirname(path) !== application.migrationDir) return;
    if (EVENT_SCRIPT_NAMES.has(basename(path))) {
      const had = application.eventScripts.has(path);
      if (this.isScriptFile(path)) {
        application.eventScripts.add(path);
        change.documents.add(path);
        change.removed.delete(path);
      } else if (had) {
        application.eventScripts.delete(path);
        change.removed.add(path);
        change.documents.delete(path);
      }
      return;
    }
    const parsed = parseMigrationFileName(basename(path));
    const existsNow = parsed.kind === 'script' && this.isScriptFile(path);
    const had = application.scripts.has(path);
    if (existsNow) {
      if (!had) this.addScript(application, path, parsed);
      change.documents.add(path);
      change.removed.delete(path);
    } else if (had) {
      this.removeScript(application, path);
      change.removed.add(path);
      change.documents.delete(path);
    } else {
      return;
    }
    if (existsNow === had) return;
    change.parts.add('script-names');
    // Scripts sharing the name's duplicate key gain or lose a duplicate: they are re-checked as if changed themselves.
    const key = parsed.kind === 'script' ? duplicateKey(parsed) : undefined;
    for (const peer of (key !== undefined && application.scriptsByKey.get(key)) || []) if (peer !== path) change.documents.add(peer);
  }

  /** A deleted folder can take whole applications with it. */
  private removeUnder(path: string, changes: Map<string, WorkspaceChange>): void {
    for (const application of [...this.applications.values()]) {
      if (application.root === path || application.root.startsWith(path + sep) || application.migrationDir === path) {
        const change = changes.get(application.root) ?? emptyChange(application);
        changes.set(application.root, change);
        this.dropApplication(application, change);
      }
    }
  }

  private dropApplication(application: Application, change: WorkspaceChange): void {
    for (const document of this.documentsOf(application)) change.removed.add(document.path);
    change.documents.clear();
    change.parts.clear();
    this.applications.delete(application.root);
  }

  private readPkgInfo(application: Application): void {
    const read = this.readText(application.pkginfoPath);
    if (read.error !== undefined) {
      application.pkginfo = this.exists(application.pkginfoPath) ? { error: read.error } : undefined;
    } else {
      application.pkginfo = readPkgInfo(read.text);
    }
  }

  private readDependsMap(application: Application): void {
    const read = this.readText(application.dependsMapPath);
    if (read.error !== undefined) {
      application.dependsMap = this.exists(application.dependsMapPath) ? { error: read.error } : undefined;
    } else {
      application.dependsMap = parseDependsMap(read.text);
    }
  }

  private readScripts(application: Application): void {
    application.scripts.clear();
    application.eventScripts.clear();
    application.scriptsByKey.clear();
    const entries = this.fileSystem.readDirectory(application.migrationDir) ?? [];
    let hasDependsMap = false;
    for (const entry of entries) {
      if (entry.name === 'depends.map' && entry.kind !== 'directory') hasDependsMap = true;
      // A directory or FIFO named like a script is listed too: the runtime's pre-flight refuses it, so its check must say why.
      if (EVENT_SCRIPT_NAMES.has(entry.name)) application.eventScripts.add(join(application.migrationDir, entry.name));
      const parsed = parseMigrationFileName(entry.name);
      if (parsed.kind === 'script') this.addScript(application, join(application.migrationDir, entry.name), parsed);
    }
    // Byte order of names, as the runtime sorts them (DESIGN 1.2).
    application.scripts = new Map([...application.scripts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    if (hasDependsMap) this.readDependsMap(application);
    else application.dependsMap = undefined;
  }

  private addScript(application: Application, path: string, script: MigrationScriptName): void {
    application.scripts.set(path, script);
    const key = duplicateKey(script);
    if (key === undefined) return;
    const paths = application.scriptsByKey.get(key);
    if (paths) paths.push(path);
    else application.scriptsByKey.set(key, [path]);
  }

  private removeScript(application: Application, path: string): void {
    const script = application.scripts.get(path);
    application.scripts.delete(path);
    const key = script && duplicateKey(script);
    if (key === undefined) return;
    const remaining = (application.scriptsByKey.get(key) ?? []).filter((p) => p !== path);
    if (remaining.length) application.scriptsByKey.set(key, remaining);
    else application.scriptsByKey.delete(key);
  }

  private isScriptFile(path: string): boolean {
    return this.fileSystem.kindOf(path) === 'file';
  }

  private isDirectory(path: string): boolean {
    return this.fileSystem.kindOf(path) === 'directory';
  }

  /** Something the user sees as a file is there (a FIFO too: it gets a "cannot read" diagnostic, not silence). */
  private exists(path: string): boolean {
    const kind = this.fileSystem.kindOf(path);
    return kind === 'file' || kind === 'other';
  }

  /** Application roots at or under a folder, walking each real folder once (symlink loops end). */
  private findApplicationRoots(start: string): string[] {
    const found: string[] = [];
    const seen = new Set<string>();
    const stack: Array<{ dir: string; depth: number }> = [{ dir: start, depth: 0 }];
    while (stack.length) {
      const { dir, depth } = stack.pop()!;
      const real = this.fileSystem.realPath(dir);
      if (real === undefined || seen.has(real)) continue;
      seen.add(real);
      const entries = this.fileSystem.readDirectory(dir);
      if (!entries) continue;
      if (entries.some((e) => e.name === 'migration' && e.kind === 'directory')) found.push(dir);
      if (depth >= MAX_DEPTH) continue;
      for (const entry of entries) {
        if (entry.kind !== 'directory' || entry.name === 'migration' || entry.name.startsWith('.') || SKIPPED_FOLDERS.has(entry.name)) continue;
        stack.push({ dir: join(dir, entry.name), depth: depth + 1 });
      }
    }
    return found.sort();
  }

  /** Applications that a created path brings: a new migration/ folder, a file inside one, or a copied-in folder tree. */
  private findNewApplicationRoots(path: string): string[] {
    if (!this.isUnderRoots(path)) return [];
    if (basename(path) === 'migration' && this.isDirectory(path)) return [dirname(path)];
    if (basename(dirname(path)) === 'migration' && this.isDirectory(dirname(path))) return [dirname(dirname(path))];
    if (this.isDirectory(path)) return this.findApplicationRoots(path);
    return [];
  }

  private isUnderRoots(path: string): boolean {
    return this.roots.some((root) => path === root || path.startsWith(root + sep));
  }
}

function emptyChange(application: Application): WorkspaceChange {
  return { application, parts: new Set(), documents: new Set(), removed: new Set() };
}

function mergeInto(changes: Map<string, WorkspaceChange>, change: WorkspaceChange): void {
  const existing = changes.get(change.application.root);
  if (!existing) {
    changes.set(change.application.root, change);
    return;
  }
  existing.application = change.application;
  for (const p of change.parts) existing.parts.add(p);
  for (const d of change.documents) existing.documents.add(d), existing.removed.delete(d);
}
