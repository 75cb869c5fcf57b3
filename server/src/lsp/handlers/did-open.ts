// textDocument/didOpen: the editor's text now wins over the disk; re-check the document with it.
import type { DidOpenTextDocumentParams } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServerSession } from '../session';
import { recheckText } from './did-change';

export function handleDidOpen(session: ServerSession, params: DidOpenTextDocumentParams): void {
  const { uri, languageId, version, text } = params.textDocument;
  const path = session.openDocument(TextDocument.create(uri, languageId, version, text));
  if (path !== undefined) recheckText(session, path);
}
