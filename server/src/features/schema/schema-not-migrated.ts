// schema-not-migrated: each change of schema.py that no pending script covers (the instance's diff the editor or check --schema read), on its line.
import { isAbsolute, relative, resolve } from 'node:path';
import { type CheckDiagnostic, diagnostic } from '../../core/check-diagnostic';
import type { SchemaChange } from '../../core/schema-diff';
import { lineRange, splitLines } from '../../core/text-range';
import type { Application } from '../../core/workspace/application';
import type { DiagnosticProvider } from '../diagnostics/diagnostic-provider';

/** What an instance says of an application's schema: the changes that would remain after the next upgrade. */
export interface InstanceSchemaDiff {
  /** The database compared with, as shown to people (no password). */
  database: string;
  storedVersion: string | null;
  changes: readonly SchemaChange[];
}

/** The schema file that gets the changes with no line of their own (a type schema.py no longer has): schema.py, else the first module. */
export function mainSchemaFile(application: Application): string {
  return application.schemaFiles.includes(application.schemaPath) ? application.schemaPath : (application.schemaFiles[0] ?? application.schemaPath);
}

function fileOf(application: Application, change: SchemaChange): string | undefined {
  if (!change.file) return undefined;
  return isAbsolute(change.file) ? resolve(change.file) : resolve(application.root, change.file);
}

/** The message: the change, that no pending script makes it, and the two ways out. */
export function schemaNotMigratedMessage(change: SchemaChange, diff: InstanceSchemaDiff, elsewhere?: string): string {
  const sentence = change.summary.replace(/\s*\n\s*/g, ' ').replace(/\.$/, '');
  const summary = sentence.charAt(0).toUpperCase() + sentence.slice(1);
  const where = elsewhere ? ` (${elsewhere})` : '';
  const stored = diff.storedVersion ? ` at ${diff.storedVersion}` : '';
  return `${summary}${where}: no pending migration script does this, so upgrading ${diff.database}${stored} would leave its schema behind schema.py. `
    + 'Generate the script (quick fix "Generate migration script", or `erudi-migrate generate`) or write it in migration/.';
}

/**
 * The diagnostics of one schema file of the application: the changes whose file is this one, on their line (the
 * line's text, without its indentation); when `path` is the main schema file, also the changes with no line there (a
 * removed type, a change in a file that is no schema module of the application), on line 1.
 */
export function schemaDiffDiagnostics(application: Application, diff: InstanceSchemaDiff, path: string, text: string | undefined): CheckDiagnostic[] {
  const lines = text === undefined ? [] : splitLines(text);
  const main = mainSchemaFile(application) === path;
  const found: CheckDiagnostic[] = [];
  for (const change of diff.changes) {
    const file = fileOf(application, change);
    const here = file === path;
    const ownModule = file !== undefined && application.schemaFiles.includes(file);
    if (!here && !(main && !ownModule)) continue;
    const elsewhere = file && !here ? `${relative(application.root, file).split('\\').join('/')}${change.line ? `:${change.line}` : ''}` : undefined;
    // A line past the end (schema.py was shortened since the diff was read) goes to the last line.
    const line = here && change.line ? Math.min(change.line - 1, Math.max(lines.length - 1, 0)) : 0;
    const lineText = lines[line] ?? '';
    const start = lineText.length - lineText.trimStart().length;
    found.push(diagnostic('schema-not-migrated', lineRange(line, start, Math.max(start, lineText.trimEnd().length)), schemaNotMigratedMessage(change, diff, elsewhere)));
  }
  return found;
}

export const schemaNotMigratedProvider: DiagnosticProvider = {
  id: 'schema-not-migrated',
  documentKinds: ['schema'],
  // Only a new diff from the instance changes these; an edit of schema.py re-checks its own document anyway.
  dependsOn: ['instance'],
  check(document) {
    const diff = document.instance?.schemaDiff;
    if (!diff || !diff.changes.length) return [];
    return schemaDiffDiagnostics(document.application, diff, document.path, document.read().text);
  },
};
