// Creates the LSP connection and wires each LSP method to its handler in handlers/.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { handleCodeAction } from './handlers/code-action';
import { handleCompletion } from './handlers/completion';
import { handleDefinition } from './handlers/definition';
import { handleDidChange } from './handlers/did-change';
import { handleDidChangeConfiguration } from './handlers/did-change-configuration';
import { handleDidChangeWatchedFiles } from './handlers/did-change-watched-files';
import { handleDidChangeWorkspaceFolders } from './handlers/did-change-workspace-folders';
import { handleDidClose } from './handlers/did-close';
import { handleDidOpen } from './handlers/did-open';
import { handleHover } from './handlers/hover';
import { handleInitialize } from './handlers/initialize';
import { handleInitialized } from './handlers/initialized';
import { handleSignatureHelp } from './handlers/signature-help';
import { ServerSession } from './session';
import { prepareScriptAnalysis } from '../features/script/script-analysis';

const TRANSPORT_FLAGS = ['--stdio', '--node-ipc', '--socket', '--pipe', '--clientProcessId'];

export function startServer(): void {
  // Without a transport flag, speak over stdio (what most editors expect from a bin).
  if (!process.argv.some((arg) => TRANSPORT_FLAGS.some((flag) => arg === flag || arg.startsWith(`${flag}=`)))) process.argv.push('--stdio');
  const connection = createConnection(ProposedFeatures.all);
  // One bad promise somewhere must not end the process (Node's default for unhandled rejections): log it instead.
  process.on('unhandledRejection', (reason) => connection.console.error(`unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));
  const session = new ServerSession(connection);
  // A handler's failure must answer the request with an error, not end the process.
  const guard =
    <P, R>(name: string, handler: (p: P) => R, fallback: R) =>
    (params: P): R => {
      try {
        return handler(params);
      } catch (error) {
        connection.console.error(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return fallback;
      }
    };

  // Requests that arrive while the first index is being built wait for it (answering null would leave the editor's first completion empty).
  const afterIndex =
    <P, R>(handler: (p: P) => R) =>
    async (params: P): Promise<R> => {
      await session.indexed;
      return handler(params);
    };

  // The Python grammar (wasm) loads before any document arrives: script features are synchronous after that.
  connection.onInitialize(async (params) => {
    await prepareScriptAnalysis().catch((error) => connection.console.error(`the Python grammar did not load, scripts get no help: ${String(error)}`));
    return handleInitialize(session, params);
  });
  connection.onInitialized(() => {
    session.expectIndex();
    handleInitialized(session).catch((error) => {
      session.indexReady();
      connection.console.error(`initialization failed: ${String(error)}`);
    });
    if (session.capabilities.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        handleDidChangeWorkspaceFolders(session, e).catch((error) => connection.console.error(`didChangeWorkspaceFolders failed: ${String(error)}`));
      });
    }
  });
  connection.onDidOpenTextDocument(guard('didOpen', (p) => handleDidOpen(session, p), undefined));
  connection.onDidChangeTextDocument(guard('didChange', (p) => handleDidChange(session, p), undefined));
  connection.onDidCloseTextDocument(guard('didClose', (p) => handleDidClose(session, p), undefined));
  connection.onDidChangeWatchedFiles(guard('didChangeWatchedFiles', (p) => handleDidChangeWatchedFiles(session, p), undefined));
  connection.onDidChangeConfiguration((p) => {
    handleDidChangeConfiguration(session, p).catch((error) => connection.console.error(`didChangeConfiguration failed: ${String(error)}`));
  });
  connection.onCompletion(afterIndex(guard('completion', (p) => handleCompletion(session, p), null)));
  connection.onHover(afterIndex(guard('hover', (p) => handleHover(session, p), null)));
  connection.onSignatureHelp(afterIndex(guard('signatureHelp', (p) => handleSignatureHelp(session, p), null)));
  connection.onDefinition(afterIndex(guard('definition', (p) => handleDefinition(session, p), null)));
  connection.onCodeAction(afterIndex(guard('codeAction', (p) => handleCodeAction(session, p), [])));
  connection.listen();
}
