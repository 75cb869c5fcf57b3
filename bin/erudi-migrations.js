#!/usr/bin/env node
// Headless checker: `erudi-migrations check [DIR]` runs the language server's checks and exits 1 on errors.
require('../dist/server/check.js');
