// Routes a request on a document to the features of its kind (migration script, depends.map, ...), as plain FeatureDocuments.
import { DOCUMENT_FEATURES } from '../features/document-features';
import type { DocumentFeatures, FeatureDocument } from '../features/feature-contract';
import type { ServerSession } from './session';
import { uriToPath } from './paths';

export interface RoutedDocument {
  document: FeatureDocument;
  features: DocumentFeatures;
}

export function routeDocument(session: ServerSession, uri: string): RoutedDocument | undefined {
  const path = uriToPath(uri);
  const open = session.openDocuments.get(uri);
  if (path === undefined) return undefined;
  const located = session.index.document(path);
  if (!located) return undefined;
  const text = open?.getText() ?? session.index.readText(path).text ?? '';
  return {
    document: { path: located.path, kind: located.kind, application: located.application, script: located.script, text, settings: session.settings },
    features: DOCUMENT_FEATURES[located.kind],
  };
}

/** Every trigger character some kind asks for (LSP registers them once for all documents). */
export function allTriggerCharacters(pick: (f: DocumentFeatures) => readonly string[] | undefined): string[] {
  return [...new Set(Object.values(DOCUMENT_FEATURES).flatMap((f) => pick(f) ?? []))];
}
