// Creates the LSP connection and wires each LSP method to its handler in handlers/.
import { setFlagsFromString } from 'node:v8';
import { type Connection, createConnection, ErrorCodes, ProposedFeatures, ResponseError } from 'vscode-languageserver/node';
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
import { handleSchemaDiff } from './handlers/schema-diff';
import { checkInstanceFiguresParams, handleInstanceFigures } from './handlers/instance-figures';
import { handleSignatureHelp } from './handlers/signature-help';
import { ServerSession } from './session';
import { checkCodeActionParams, checkDidChangeParams, checkDidOpenParams, checkDocumentParams, checkPositionParams, checkSchemaDiffParams, InvalidParams } from './validate-params';
import { prepareScriptAnalysis } from '../features/script/script-analysis';
import { SCHEMA_DIFF_NOTIFICATION, type SchemaDiffParams } from '../../../protocol/protocol';
import { INSTANCE_FIGURES_NOTIFICATION, type InstanceFiguresParams } from '../../../protocol/protocol';

// The fallback of a notification's guard: there is no answer to give.
const NOTIFICATION = undefined;
/** Requests and notifications slower than this are logged (method and file), to find what makes the editor lag. */
export const SLOW_REQUEST_MILLISECONDS = 50;

function logIfSlow(connection: Connection, method: string, params: unknown, milliseconds: number): void {
  if (milliseconds <= SLOW_REQUEST_MILLISECONDS) return;
  const uri = (params as { textDocument?: { uri?: unknown } } | undefined)?.textDocument?.uri;
  connection.console.warn(`slow: ${method} took ${Math.round(milliseconds)} ms${typeof uri === 'string' ? ` on ${uri}` : ''}`);
}

const TRANSPORT_FLAGS = ['--stdio', '--node-ipc', '--socket', '--pipe', '--clientProcessId'];

/**
 * The old generation may grow to 1.3x what the last full collection left (V8's default lets it reach 2–4x): on the
 * realistic 5,000-script workspace the cold start's peak RSS went from 298–351 MB to 224–229 MB, CPU time unchanged
 * (bench/README.md). Set at start, so it holds however the server is launched (editor, bench, another client).
 */
export const HEAP_GROWING_FLAG = '--heap-growing-percent=30';

export function startServer(): void {
  setFlagsFromString(HEAP_GROWING_FLAG);
  // Without a transport flag, speak over stdio (what most editors expect from a bin).
  if (!process.argv.some((arg) => TRANSPORT_FLAGS.some((flag) => arg === flag || arg.startsWith(`${flag}=`)))) process.argv.push('--stdio');
  const connection = createConnection(ProposedFeatures.all);
  // One bad promise somewhere must not end the process (Node's default for unhandled rejections): log it instead.
  process.on('unhandledRejection', (reason) => connection.console.error(`unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));
  const session = new ServerSession(connection);
  // A handler's failure must answer the request with an error, not end the process. Params of the wrong shape are
  // refused before the handler runs (an InvalidParams error for a request; for a notification, a log line and no
  // change). A request or notification over 50 ms is logged with its method and file.
  const guard =
    <P, R>(name: string, check: (p: P) => P, handler: (p: P) => R, fallback: R) =>
    (params: P): R => {
      const started = performance.now();
      session.noteMessage();
      try {
        return handler(check(params));
      } catch (error) {
        if (error instanceof InvalidParams) {
          connection.console.error(`${name}: invalid params, ignored: ${error.message}`);
          if (fallback === NOTIFICATION) return fallback;
          throw new ResponseError(ErrorCodes.InvalidParams, `${name}: ${error.message}`);
        }
        connection.console.error(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return fallback;
      } finally {
        session.noteMessage();
        logIfSlow(connection, name, params, performance.now() - started);
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
  connection.onDidOpenTextDocument(guard('textDocument/didOpen', checkDidOpenParams, (p) => handleDidOpen(session, p), NOTIFICATION));
  connection.onDidChangeTextDocument(guard('textDocument/didChange', checkDidChangeParams, (p) => handleDidChange(session, p), NOTIFICATION));
  connection.onDidCloseTextDocument(guard('textDocument/didClose', checkDocumentParams, (p) => handleDidClose(session, p), NOTIFICATION));
  connection.onDidChangeWatchedFiles(guard('workspace/didChangeWatchedFiles', (p) => p, (p) => handleDidChangeWatchedFiles(session, p), NOTIFICATION));
  connection.onDidChangeConfiguration((p) => {
    handleDidChangeConfiguration(session, p).catch((error) => connection.console.error(`didChangeConfiguration failed: ${String(error)}`));
  });
  connection.onNotification(SCHEMA_DIFF_NOTIFICATION, guard(SCHEMA_DIFF_NOTIFICATION, checkSchemaDiffParams, (p: SchemaDiffParams) => handleSchemaDiff(session, p), NOTIFICATION));
  connection.onNotification(INSTANCE_FIGURES_NOTIFICATION, afterIndex(guard(INSTANCE_FIGURES_NOTIFICATION, checkInstanceFiguresParams, (p: InstanceFiguresParams) => handleInstanceFigures(session, p), NOTIFICATION)));
  connection.onCompletion(afterIndex(guard('textDocument/completion', checkPositionParams, (p) => handleCompletion(session, p), null)));
  connection.onHover(afterIndex(guard('textDocument/hover', checkPositionParams, (p) => handleHover(session, p), null)));
  connection.onSignatureHelp(afterIndex(guard('textDocument/signatureHelp', checkPositionParams, (p) => handleSignatureHelp(session, p), null)));
  connection.onDefinition(afterIndex(guard('textDocument/definition', checkPositionParams, (p) => handleDefinition(session, p), null)));
  connection.onCodeAction(afterIndex(guard('textDocument/codeAction', checkCodeActionParams, (p) => handleCodeAction(session, p), [])));
  connection.listen();
}
