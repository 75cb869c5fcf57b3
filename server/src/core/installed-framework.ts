// The framework (erudi) version the runtime installs: defined once in runtime/erudi_migrate/__init__.py, injected at build time.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ModelVersion, parseModelVersion } from './model-version';

// Replaced by esbuild's `define` (scripts/build.mjs); undefined when the sources run unbundled (tests through tsx).
declare const __FRAMEWORK_VERSION__: string;

let cached: ModelVersion | undefined;

export function bundledFrameworkVersion(): ModelVersion {
  if (cached) return cached;
  const text = typeof __FRAMEWORK_VERSION__ === 'string' ? __FRAMEWORK_VERSION__ : readRuntimeVersion();
  const version = parseModelVersion(text);
  if (!version) throw new Error(`The runtime's __version__ "${text}" is not X.Y.Z (runtime/erudi_migrate/__init__.py).`);
  return (cached = version);
}

function readRuntimeVersion(): string {
  const init = readFileSync(join(__dirname, '../../../runtime/erudi_migrate/__init__.py'), 'utf8');
  return /__version__\s*=\s*["']([^"']*)["']/.exec(init)?.[1] ?? '';
}
