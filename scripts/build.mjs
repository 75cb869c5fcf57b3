// Bundles the extension client and the language server with esbuild, and copies the wasm they load.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const watch = process.argv.includes('--watch');

// The framework version is defined once, in the runtime package; the server gets it at build time.
const runtimeInit = readFileSync(join(root, 'runtime/erudi_migrate/__init__.py'), 'utf8');
const frameworkVersion = /__version__\s*=\s*["'](\d+\.\d+\.\d+)["']/.exec(runtimeInit)?.[1];
if (!frameworkVersion) throw new Error('runtime/erudi_migrate/__init__.py: no __version__ = "X.Y.Z" found');

// CubicWeb's core schema is defined once, in the runtime; the server reads its text statically, bundled here.
const coreSchemaDir = join(root, 'runtime/erudi_migrate/schema/core');
const coreSchema = Object.fromEntries(
  (existsSync(coreSchemaDir) ? readdirSync(coreSchemaDir) : []).filter((n) => n.endsWith('.py')).sort().map((n) => [n, readFileSync(join(coreSchemaDir, n), 'utf8')]),
);

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // web-tree-sitter's ESM build reads import.meta.url; its CommonJS build does not.
  alias: { 'web-tree-sitter': join(root, 'node_modules/web-tree-sitter/web-tree-sitter.cjs') },
  define: { __FRAMEWORK_VERSION__: JSON.stringify(frameworkVersion), __CORE_SCHEMA__: JSON.stringify(coreSchema) },
};

const builds = [
  { entryPoints: { extension: join(root, 'client/src/extension.ts') }, outdir: join(root, 'dist/client'), external: ['vscode'] },
  { entryPoints: { server: join(root, 'server/src/main.ts'), check: join(root, 'server/src/cli/check.ts') }, outdir: join(root, 'dist/server') },
];

mkdirSync(join(root, 'dist/server'), { recursive: true });
for (const wasm of ['node_modules/web-tree-sitter/web-tree-sitter.wasm', 'node_modules/tree-sitter-python/tree-sitter-python.wasm']) {
  copyFileSync(join(root, wasm), join(root, 'dist/server', wasm.split('/').pop()));
}

if (watch) {
  for (const b of builds) await (await esbuild.context({ ...common, ...b })).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build({ ...common, ...b })));
}
