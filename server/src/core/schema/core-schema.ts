// CubicWeb's core schema (runtime/erudi_migrate/schema/core/*.py, the runtime's own definition), bundled as text at build time.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// Replaced by esbuild's `define` (scripts/build.mjs) with { file name: text }; undefined when the sources run unbundled (tsx).
declare const __CORE_SCHEMA__: Record<string, string> | undefined;

/** The core schema folder beside the bundle (the packaged extension ships runtime/), else in the source tree. */
function coreFolder(): string {
  const bundled = join(__dirname, '..', '..', 'runtime', 'erudi_migrate', 'schema', 'core');
  const sources = join(__dirname, '..', '..', '..', '..', 'runtime', 'erudi_migrate', 'schema', 'core');
  return typeof __CORE_SCHEMA__ === 'object' || existsSync(bundled) ? bundled : sources;
}

// CubicWeb reads its bootstrap schema first, then the base and workflow ones; any further file follows by name.
const FIRST = ['bootstrap.py', 'base.py', 'workflow.py'];

/** Orders core schema file names as they are loaded; `_`-prefixed modules (helpers) are no schema. */
export function coreFileOrder(names: readonly string[]): string[] {
  const files = names.filter((n) => n.endsWith('.py') && !n.startsWith('_'));
  const rank = (n: string) => (FIRST.includes(n) ? FIRST.indexOf(n) : FIRST.length);
  return [...files].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

let cached: { path: string; text: string }[] | undefined;

/** The core schema files in load order, each with the path hover and go to definition point at. */
export function coreSchemaSources(): { path: string; text: string }[] {
  if (cached) return cached;
  const folder = coreFolder();
  let texts: Record<string, string>;
  if (typeof __CORE_SCHEMA__ === 'object' && __CORE_SCHEMA__) {
    texts = __CORE_SCHEMA__;
  } else {
    texts = {};
    if (existsSync(folder)) for (const name of readdirSync(folder)) if (name.endsWith('.py')) texts[name] = readFileSync(join(folder, name), 'utf8');
  }
  return (cached = coreFileOrder(Object.keys(texts)).map((name) => ({ path: join(folder, name), text: texts[name] })));
}

/** True for a path of the core schema (its hover says "CubicWeb's core schema"). */
export function isCoreSchemaPath(path: string): boolean {
  return /[\\/]erudi_migrate[\\/]schema[\\/]core[\\/][^\\/]+\.py$/.test(path);
}
