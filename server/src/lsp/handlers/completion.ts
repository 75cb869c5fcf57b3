// textDocument/completion: asks the features of the document's kind.
import type { CompletionList, CompletionParams } from 'vscode-languageserver/node';
import { toCompletionItem } from '../convert';
import { routeDocument } from '../document-router';
import type { ServerSession } from '../session';

export function handleCompletion(session: ServerSession, params: CompletionParams): CompletionList | null {
  const routed = routeDocument(session, params.textDocument.uri);
  if (!routed?.features.completion) return null;
  // Trigger characters are registered for all kinds at once; a kind only answers to its own.
  const trigger = params.context?.triggerCharacter;
  if (trigger !== undefined && !(routed.features.completionTriggerCharacters ?? []).includes(trigger)) return null;
  const suggestions = routed.features.completion(routed.document, params.position);
  return { isIncomplete: false, items: suggestions.map((s) => toCompletionItem(s, session.snippetSupport)) };
}
