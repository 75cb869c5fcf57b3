// Watches application folders with fs.watch when the client cannot watch files for us, so closed files' diagnostics stay current.
import { existsSync, type FSWatcher, watch } from 'node:fs';
import { join } from 'node:path';
import type { FileEvent } from '../core/workspace/workspace-index';
import type { ServerSession } from './session';

// Editors and git write in bursts: events within this window are applied as one batch.
const BATCH_MS = 40;

export class FallbackFileWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private pending = new Map<string, FileEvent>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly session: ServerSession) {}

  /** Watches each workspace root, application root, migration/ and schema/ folder (not recursively: cheap on big trees). */
  sync(): void {
    const wanted = new Set<string>(this.session.workspaceRoots);
    for (const application of this.session.index.applications.values()) {
      wanted.add(application.root);
      wanted.add(application.migrationDir);
      // A schema/ package's modules, and the folders of the cubes whose schemas the application's checks read.
      if (existsSync(join(application.root, 'schema'))) wanted.add(join(application.root, 'schema'));
      const inputs = application.schemaCache?.inputs ?? [];
      for (const input of inputs) if (!input.endsWith('.py') && existsSync(input)) wanted.add(input);
    }
    for (const [dir, watcher] of this.watchers) {
      if (!wanted.has(dir)) {
        watcher.close();
        this.watchers.delete(dir);
      }
    }
    for (const dir of wanted) {
      if (this.watchers.has(dir)) continue;
      try {
        const watcher = watch(dir, (_event, name) => name && this.queue(join(dir, name.toString())));
        watcher.on('error', () => {
          watcher.close();
          this.watchers.delete(dir);
        });
        this.watchers.set(dir, watcher);
      } catch {
        // A folder that vanished or cannot be watched: the next sync tries again.
      }
    }
  }

  dispose(): void {
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
    clearTimeout(this.timer);
  }

  private queue(path: string): void {
    this.pending.set(path, { path, type: existsSync(path) ? 'created' : 'deleted' });
    this.timer ??= setTimeout(() => this.flush(), BATCH_MS);
  }

  private flush(): void {
    this.timer = undefined;
    const events = [...this.pending.values()];
    this.pending = new Map();
    // "created" for an existing path also covers changes: the index re-reads whatever the path is.
    this.session.scheduler.apply(this.session.index.applyFileEvents(events));
    this.sync();
  }
}
