// Runs the extension's behaviours in a local desktop VS Code through @vscode/test-electron (not part of CI here).
// Usage: ERUDI_VSCODE_EXECUTABLE=/path/to/code npm run test:vscode-electron  (without the variable, test-electron downloads VS Code).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { runTests } from '@vscode/test-electron';
import { python, runtimeCli } from '../e2e/database';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = path.join(repoRoot, 'dist/test-electron');

/** A copy of examples/ with an instance at its model version and a badly named script, as the e2e suite prepares it. */
function prepareWorkspace(): string {
  const workspace = path.join(mkdtempSync(path.join(tmpdir(), 'erudi-electron-')), 'examples');
  cpSync(path.join(repoRoot, 'examples'), workspace, { recursive: true, filter: (src) => !/[\\/](\.erudi|__pycache__)$/.test(src) });
  mkdirSync(path.join(workspace, '.erudi'), { recursive: true });
  runtimeCli(path.join(repoRoot, 'runtime'), ['create', '--app', path.join(workspace, 'ticketing'), '--db', `sqlite:///${path.join(workspace, '.erudi/ticketing.sqlite')}`, '--non-interactive']);
  writeFileSync(path.join(workspace, 'ticketing/migration/0.1_oops_any.py'), '# a badly named script\n');
  return workspace;
}

async function main(): Promise<void> {
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
  // The extension host loads CommonJS; mocha and vscode stay external (node_modules and the host provide them).
  await esbuild.build({
    entryPoints: { index: path.join(repoRoot, 'test/vscode-electron/suite/index.ts') },
    outdir: outDir, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode', 'mocha'], logLevel: 'warning',
  });
  const vscodeExecutablePath = process.env.ERUDI_VSCODE_EXECUTABLE || undefined;
  for (const trusted of [true, false]) {
    const userData = mkdtempSync(path.join(tmpdir(), 'erudi-electron-user-'));
    mkdirSync(path.join(userData, 'User'), { recursive: true });
    writeFileSync(path.join(userData, 'User/settings.json'), JSON.stringify({
      'security.workspace.trust.enabled': !trusted,
      'security.workspace.trust.startupPrompt': 'never',
      'erudiMigrations.pythonPath': python,
    }));
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(outDir, 'index.js'),
      extensionTestsEnv: { ERUDI_EXPECT_TRUSTED: String(trusted), ERUDI_RUNTIME_ROOT: path.join(repoRoot, 'runtime') },
      launchArgs: [prepareWorkspace(), '--user-data-dir', userData, '--disable-extensions', '--skip-welcome', '--skip-release-notes'],
    });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
