#!/usr/bin/env node
// Starts the Erudi Migrations language server (--stdio, --node-ipc or --socket=N).
require('../dist/server/server.js');
