// textDocument/definition: asks the features of the document's kind.
import type { DefinitionParams, Location } from 'vscode-languageserver/node';
import { toLocation } from '../convert';
import { routeDocument } from '../document-router';
import type { ServerSession } from '../session';

export function handleDefinition(session: ServerSession, params: DefinitionParams): Location[] | null {
  const routed = routeDocument(session, params.textDocument.uri);
  const targets = routed?.features.definition?.(routed.document, params.position);
  return targets?.length ? targets.map(toLocation) : null;
}
