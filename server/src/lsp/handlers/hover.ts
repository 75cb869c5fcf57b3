// textDocument/hover: asks the features of the document's kind.
import type { Hover, HoverParams } from 'vscode-languageserver/node';
import { toHover } from '../convert';
import { routeDocument } from '../document-router';
import type { ServerSession } from '../session';

export function handleHover(session: ServerSession, params: HoverParams): Hover | null {
  const routed = routeDocument(session, params.textDocument.uri);
  const hover = routed?.features.hover?.(routed.document, params.position);
  return hover ? toHover(hover) : null;
}
