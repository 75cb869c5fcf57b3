// textDocument/codeAction: collects every code action of the document's kind (quick fixes renaming scripts, sorting depends.map).
import type { CodeAction, CodeActionParams } from 'vscode-languageserver/node';
import { collectCodeActions } from '../../features/code-actions/collect-code-actions';
import { fromLspDiagnostics, toCodeAction } from '../convert';
import { routeDocument } from '../document-router';
import type { ServerSession } from '../session';

export function handleCodeAction(session: ServerSession, params: CodeActionParams): CodeAction[] {
  const routed = routeDocument(session, params.textDocument.uri);
  if (!routed) return [];
  const request = { range: params.range, diagnostics: fromLspDiagnostics(params.context?.diagnostics ?? []), canRenameFiles: session.canRenameFiles };
  const wanted = params.context?.only;
  const actions: CodeAction[] = [];
  for (const action of collectCodeActions(routed.features, routed.document, request)) {
    if (wanted && !wanted.some((kind) => action.kind === kind || action.kind.startsWith(`${kind}.`))) continue;
    actions.push(
      toCodeAction(action, (path) => session.uriOf(path), session.supportsDocumentChanges, (uri) => session.openDocuments.get(uri)?.version ?? null),
    );
  }
  return actions;
}
