// textDocument/signatureHelp: asks the features of the document's kind.
import type { SignatureHelp, SignatureHelpParams } from 'vscode-languageserver/node';
import { toSignatureHelp } from '../convert';
import { routeDocument } from '../document-router';
import type { ServerSession } from '../session';

export function handleSignatureHelp(session: ServerSession, params: SignatureHelpParams): SignatureHelp | null {
  const routed = routeDocument(session, params.textDocument.uri);
  const help = routed?.features.signatureHelp?.(routed.document, params.position);
  return help ? toSignatureHelp(help) : null;
}
