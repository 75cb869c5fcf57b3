// textDocument/didClose: the disk's text is the truth again; re-check with it (diagnostics stay: the file still exists).
import type { DidCloseTextDocumentParams } from 'vscode-languageserver/node';
import type { ServerSession } from '../session';
import { forgetScript } from '../../features/script/script-analysis';
import { recheckText } from './did-change';

export function handleDidClose(session: ServerSession, params: DidCloseTextDocumentParams): void {
  const path = session.closeDocument(params.textDocument.uri);
  if (path === undefined) return;
  recheckText(session, path);
  // The editor's text and its tree are not needed once closed (re-checked above from the disk): give the memory back.
  forgetScript(path);
  session.memory.afterWork('closing documents');
  // A document that is no checked file any more (renamed or deleted while open) keeps no diagnostics.
  if (!session.index.document(path)) session.publisher.clear(path);
}
