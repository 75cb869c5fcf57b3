// What every command shares: the output channel, run diagnostics, passwords, prompts, statuses, the language server.
import type * as vscode from 'vscode';
import type { PreviewDocuments } from './data/previewDocuments';
import type { InstanceFigures } from './instanceFigures';
import type { InstanceStatuses } from './instanceStatus';
import type { Prompts } from './prompts';
import type { DatabasePasswords } from './secrets';
import type { LanguageServer } from './server';

export interface ClientContext {
  extension: vscode.ExtensionContext;
  /** The "Erudi Migrations" channel: what runs, its SQL and output. Never a password. */
  output: vscode.OutputChannel;
  /** Diagnostics from failed runs, on the failing line of the script. */
  runDiagnostics: vscode.DiagnosticCollection;
  passwords: DatabasePasswords;
  prompts: Prompts;
  statuses: InstanceStatuses;
  /** The instances' data figures the server's data-aware safety rules read. */
  figures: InstanceFigures;
  server: LanguageServer;
  runtimeRoot: string;
  /** Where dry runs show their SQL. */
  previews: PreviewDocuments;
  /** The background schema readings, which give way to the user's commands (set once they exist). */
  backgroundReads?: { yieldToRun(): Promise<void> };
}
