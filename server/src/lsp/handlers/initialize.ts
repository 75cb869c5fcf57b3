// initialize: records what the client supports and announces the server's capabilities.
import { type InitializeParams, type InitializeResult, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { resolveSettings } from '../../features/resolve-settings';
import { allTriggerCharacters } from '../document-router';
import { uriToPath } from '../paths';
import type { ServerSession } from '../session';

export function handleInitialize(session: ServerSession, params: InitializeParams): InitializeResult {
  session.capabilities = params.capabilities;
  const folders = params.workspaceFolders?.map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined);
  const rootUriPath = params.rootUri ? uriToPath(params.rootUri) : undefined;
  session.workspaceRoots = folders?.length ? folders : rootUriPath ? [rootUriPath] : params.rootPath ? [params.rootPath] : [];
  const options = params.initializationOptions as { settings?: unknown } | undefined;
  session.initializationSettings = options?.settings;
  const resolved = resolveSettings(options?.settings);
  session.settings = resolved.settings;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      completionProvider: { triggerCharacters: allTriggerCharacters((f) => f.completionTriggerCharacters) },
      hoverProvider: true,
      signatureHelpProvider: {
        triggerCharacters: allTriggerCharacters((f) => f.signatureHelpTriggerCharacters),
        retriggerCharacters: allTriggerCharacters((f) => f.signatureHelpRetriggerCharacters),
      },
      definitionProvider: true,
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'erudi-migrations-language-server' },
  };
}
