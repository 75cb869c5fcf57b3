// textDocument/didChange: applies the edit and re-checks at once (a depends.map edit republishes in milliseconds).
import type { DidChangeTextDocumentParams } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServerSession } from '../session';
import { uriToPath } from '../paths';
import { withRenameDependents } from '../rename-dependents';
import { SLOW_CHECK_MILLISECONDS, SLOW_CHECK_NOTIFICATION, type SlowCheckParams } from '../../../../protocol/protocol';

export function handleDidChange(session: ServerSession, params: DidChangeTextDocumentParams): void {
  const document = session.openDocuments.get(params.textDocument.uri);
  if (!document) return;
  session.openDocuments.set(document.uri, TextDocument.update(document, params.contentChanges, params.textDocument.version));
  const path = uriToPath(document.uri);
  if (path !== undefined) recheckText(session, path);
}

/** Re-reads the document's text into the index and republishes everything that depends on it. */
export function recheckText(session: ServerSession, path: string): void {
  const started = performance.now();
  const change = session.index.applyTextChange(path);
  // A cube's schema file (or __pkginfo__.py) feeds the merged schema of the applications built on it.
  const changes = [...(change ? [change] : []), ...session.index.schemaReadersOf(path)];
  if (changes.length) session.scheduler.apply(withRenameDependents(changes));
  const milliseconds = performance.now() - started;
  // Like ESLint's time budget: the status item warns, so a slow file is found rather than felt as a lagging editor.
  if (milliseconds > SLOW_CHECK_MILLISECONDS) {
    void session.connection.sendNotification(SLOW_CHECK_NOTIFICATION, { path, milliseconds: Math.round(milliseconds) } satisfies SlowCheckParams);
  }
}
