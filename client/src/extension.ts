// Entry point of the extension: wires the language server, commands, views and status items together; nothing else.
import * as vscode from 'vscode';
import { SETTINGS_SECTION } from '../../protocol/protocol';
import type { ClientContext } from './clientContext';
import { ScriptCodeLenses, scriptDocuments } from './codeLens';
import { createInstance } from './commands/createInstance';
import { generateScript } from './commands/generateScript';
import { markApplied } from './commands/markApplied';
import { restoreBackup } from './commands/restoreBackup';
import { newScript } from './commands/newScript';
import { openScript, revealScript } from './commands/openScript';
import { previewScript } from './commands/previewScript';
import { rehearse } from './commands/rehearse';
import { restartServer } from './commands/restartServer';
import { runRqlQuery } from './commands/runRqlQuery';
import { runScript } from './commands/runScript';
import { setPassword } from './commands/setPassword';
import { showEntities } from './commands/showEntities';
import { showStatus } from './commands/showStatus';
import { upgrade } from './commands/upgrade';
import { DATA_SCHEME, DataDocuments, turnPage } from './data/dataDocuments';
import { PREVIEW_SCHEME, PreviewDocuments } from './data/previewDocuments';
import { InstanceFigures } from './instanceFigures';
import { InstanceStatuses } from './instanceStatus';
import { runtimeRoot } from './paths';
import { modalPrompts, type Prompts } from './prompts';
import { DatabasePasswords } from './secrets';
import { LanguageServer } from './server';
import { SchemaCodeLenses, schemaDocuments } from './schemaCodeLens';
import { SchemaDiffs } from './schemaDiffs';
import { createServerStatus, createStatusBar } from './status';
import { registerLanguageModelTools } from './tools/registerTools';
import { MigrationsView } from './views/migrationsView';

/** What the extension exports: lets a test suite answer the modal questions. */
export interface ErudiMigrationsApi {
  setPrompts(prompts: Prompts): void;
  refreshStatus(): Promise<void>;
}

let server: LanguageServer | undefined;

export async function activate(extension: vscode.ExtensionContext): Promise<ErudiMigrationsApi> {
  const output = vscode.window.createOutputChannel('Erudi Migrations');
  const runDiagnostics = vscode.languages.createDiagnosticCollection('erudi-migrations-run');
  const passwords = new DatabasePasswords(extension.secrets);
  const root = runtimeRoot(extension);
  const statuses = new InstanceStatuses(root, passwords);
  server = new LanguageServer(extension);
  const figures = new InstanceFigures(root, passwords, server);
  const previews = new PreviewDocuments();
  const ctx: ClientContext = { extension, output, runDiagnostics, passwords, prompts: modalPrompts, statuses, figures, server, runtimeRoot: root, previews };

  const dataDocuments = new DataDocuments(ctx);
  const commands: Record<string, (arg: unknown) => Promise<void>> = {
    'erudiMigrations.runScript': (arg) => runScript(ctx, arg),
    'erudiMigrations.previewScript': (arg) => previewScript(ctx, arg),
    'erudiMigrations.upgrade': (arg) => upgrade(ctx, arg),
    'erudiMigrations.showStatus': (arg) => showStatus(ctx, arg),
    'erudiMigrations.newScript': (arg) => newScript(ctx, arg),
    'erudiMigrations.createInstance': (arg) => createInstance(ctx, arg),
    'erudiMigrations.setPassword': (arg) => setPassword(ctx, arg),
    'erudiMigrations.restartServer': () => restartServer(ctx),
    // On demand: the status and the instance's figures the data-aware rules use.
    'erudiMigrations.refreshMigrations': async () => { await Promise.all([statuses.refresh(), figures.refresh()]); },
    'erudiMigrations.showServerLog': async () => server?.log.show(),
    'erudiMigrations.showOutput': async () => output.show(),
    'erudiMigrations.openScript': (arg) => openScript(arg),
    'erudiMigrations.revealScript': (arg) => revealScript(arg),
    'erudiMigrations.markApplied': (arg) => markApplied(ctx, arg),
    'erudiMigrations.restoreBackup': (arg) => restoreBackup(ctx, arg),
    'erudiMigrations.showEntities': (arg) => showEntities(ctx, arg),
    'erudiMigrations.runRqlQuery': (arg) => runRqlQuery(ctx, arg),
    'erudiMigrations.generateScript': (arg) => generateScript(ctx, arg),
    'erudiMigrations.rehearse': (arg) => rehearse(ctx, arg),
    'erudiMigrations.nextPage': () => turnPage(dataDocuments, 1),
    'erudiMigrations.previousPage': () => turnPage(dataDocuments, -1),
    'erudiMigrations.openWalkthrough': async () => {
      await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${extension.extension.id}#erudiMigrations.gettingStarted`, false);
    },
  };
  for (const [id, run] of Object.entries(commands)) extension.subscriptions.push(vscode.commands.registerCommand(id, run));

  const view = new MigrationsView(statuses);
  // schema-not-migrated: after each status refresh, what schema.py changes that no pending script covers, for the server.
  const schemaDiffs = new SchemaDiffs(root, passwords, statuses, server, output);
  ctx.backgroundReads = schemaDiffs;
  extension.subscriptions.push(
    output, runDiagnostics, statuses, figures, server, view, schemaDiffs,
    vscode.window.registerTreeDataProvider('erudiMigrations.migrations', view),
    vscode.languages.registerCodeLensProvider(scriptDocuments, new ScriptCodeLenses()),
    vscode.languages.registerCodeLensProvider(schemaDocuments, new SchemaCodeLenses()),
    dataDocuments,
    vscode.workspace.registerTextDocumentContentProvider(DATA_SCHEME, dataDocuments),
    previews,
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, previews),
    createStatusBar(statuses),
    createServerStatus(server),
    // A run's diagnostic describes the text that ran; editing the script makes it stale.
    vscode.workspace.onDidChangeTextDocument((e) => { if (e.contentChanges.length) runDiagnostics.delete(e.document.uri); }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => { void statuses.refresh(); void figures.refresh(); }),
    vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration(SETTINGS_SECTION)) { void statuses.refresh(); void figures.refresh(); } }),
    watchApplications(statuses),
    ...registerLanguageModelTools(ctx),
  );

  // Figures go to the server once it runs (InstanceFigures sends them again on every restart).
  void server.start().then(() => figures.refresh());
  void statuses.refresh();
  return {
    setPrompts: (prompts) => { ctx.prompts = prompts; },
    refreshStatus: () => statuses.refresh(),
  };
}

/** Re-reads the status when scripts, the model version, or schema.py change (debounced). Runs made here refresh on their own. */
function watchApplications(statuses: InstanceStatuses): vscode.Disposable {
  const watchers = ['**/migration/**', '**/__pkginfo__.py', '**/schema.py'].map((g) => vscode.workspace.createFileSystemWatcher(g));
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void statuses.refresh(), 400);
  };
  for (const w of watchers) { w.onDidCreate(schedule); w.onDidChange(schedule); w.onDidDelete(schedule); }
  return vscode.Disposable.from(...watchers, { dispose: () => timer && clearTimeout(timer) });
}

export async function deactivate(): Promise<void> {
  await server?.stop();
}
