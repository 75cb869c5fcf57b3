// Read-only documents of an instance's rows (`erudi-data:` URIs): Show Entities and Run RQL Query open one, a page at a time.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ClientContext } from '../clientContext';
import { parseRowsPage, renderRowsPage } from '../core/dataTable';
import { redactDatabaseUrl } from '../../../protocol/database-url';
import { prepareRun } from '../migrationRun';
import { findApplications, type Application } from '../paths';
import { runRuntime } from '../runner';

export const DATA_SCHEME = 'erudi-data';
export const PAGE_SIZE = 100;

/** What a data document shows; kept in its URI's query so that paging and reopening need nothing else. */
export interface DataRequest {
  app: string;
  kind: 'entities' | 'query';
  /** An entity type (or '' for every type with its row count), or the RQL text. */
  target: string;
  offset: number;
}

export function dataUri(request: DataRequest): vscode.Uri {
  const label = request.kind === 'entities' ? (request.target || 'entity types') : 'RQL query';
  const page = request.offset ? ` (from row ${request.offset + 1})` : '';
  return vscode.Uri.from({ scheme: DATA_SCHEME, path: `/${path.basename(request.app)}/${label}${page}.md`, query: JSON.stringify(request) });
}

export function dataRequestOf(uri: vscode.Uri): DataRequest | undefined {
  if (uri.scheme !== DATA_SCHEME) return undefined;
  try {
    const parsed = JSON.parse(uri.query) as DataRequest;
    return typeof parsed.app === 'string' && (parsed.kind === 'entities' || parsed.kind === 'query') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export class DataDocuments implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  /** The total row count of each document shown, for paging. */
  readonly totals = new Map<string, number>();

  constructor(private readonly ctx: ClientContext) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const request = dataRequestOf(uri);
    if (!request) return 'This is no Erudi Migrations data document.';
    const app = (await findApplications()).find((a) => a.folder === request.app);
    if (!app) return `# ${request.target}\n\nThe application ${request.app} is no longer in the workspace.\n`;
    const prepared = await prepareRun(this.ctx, app, true);
    if (!prepared) return `# ${request.target}\n\nNo database settings for ${app.name}: see the message shown.\n`;
    const extraArgs = [request.target, '--limit', String(PAGE_SIZE), '--offset', String(request.offset)].filter((a, i) => i > 0 || a !== '');
    const outcome = await runRuntime(this.ctx.runtimeRoot, { command: request.kind, app, settings: prepared.settings, password: prepared.password, extraArgs }, {});
    const database = redactDatabaseUrl(prepared.settings.database.url);
    const title = request.kind === 'entities' ? (request.target ? `${request.target} — ${app.name}` : `Entity types — ${app.name}`) : `RQL — ${app.name}`;
    const query = request.kind === 'query' ? `\n\`\`\`rql\n${request.target}\n\`\`\`\n` : '';
    if (outcome.spawnError || outcome.exitCode !== 0) {
      const cause = outcome.spawnError ?? outcome.errors[0]?.message ?? (outcome.stderr.trim().split('\n').pop() || `exit code ${outcome.exitCode}`);
      return `# ${title}\n${query}\nDatabase: \`${database}\`\n\n**Could not read the rows:** ${cause}\n`;
    }
    const page = parseRowsPage(outcome.stdout);
    if ('error' in page) return `# ${title}\n${query}\n**Could not read the rows:** ${page.error}\n`;
    this.totals.set(uri.toString(), page.total);
    return renderRowsPage(page, { title, database }).replace('\n\nDatabase:', `\n${query}\nDatabase:`);
  }

  refresh(uri: vscode.Uri): void {
    this.changed.fire(uri);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** Opens the document of a request, rendered as Markdown source (read-only: the scheme has no file behind it). */
export async function showData(request: DataRequest): Promise<void> {
  const document = await vscode.workspace.openTextDocument(dataUri(request));
  await vscode.languages.setTextDocumentLanguage(document, 'markdown');
  await vscode.window.showTextDocument(document, { preview: false });
}

/** The next or previous page of the active data document. */
export async function turnPage(documents: DataDocuments, direction: 1 | -1): Promise<void> {
  const uri = vscode.window.activeTextEditor?.document.uri;
  const request = uri && dataRequestOf(uri);
  if (!uri || !request) {
    void vscode.window.showInformationMessage('Erudi Migrations: open a page of rows first (Show Entities or Run RQL Query).');
    return;
  }
  const total = documents.totals.get(uri.toString()) ?? Number.MAX_SAFE_INTEGER;
  const offset = request.offset + direction * PAGE_SIZE;
  if (offset < 0 || offset >= total) {
    void vscode.window.showInformationMessage(`Erudi Migrations: no ${direction > 0 ? 'next' : 'previous'} page (${total} rows in all).`);
    return;
  }
  await showData({ ...request, offset });
}

export type { Application };
