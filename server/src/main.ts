// Entry point of the bundled language server (dist/server/server.js): --stdio, --node-ipc, --socket=N or --pipe=NAME.
import { startServer } from './lsp/server';

startServer();
