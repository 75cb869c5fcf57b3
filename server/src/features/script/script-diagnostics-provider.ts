// Plugs the script checks into the diagnostics pipeline: a provider for script bodies and the "# erudi: ignore" filter.
import type { DiagnosticFilter, DiagnosticProvider } from '../diagnostics/diagnostic-provider';
import { scriptCatalog } from '../../core/catalog/catalog';
import { checkScript } from './check-script';
import { checkPythonSyntax } from './python-syntax';
import { contextOf, parsedScript } from './script-analysis';
import { applySuppressions } from './suppressions';
import { checkUnknownNames } from './unknown-names';

// Every check is about a catalog name: a script mentioning none (common in big histories) is not even parsed.
const CATALOG_NAME = new RegExp(`(?<![\\w.])(?:${scriptCatalog.entries.map((e) => e.name).join('|')})(?!\\w)`);

export const scriptContentProvider: DiagnosticProvider = {
  id: 'script-content',
  documentKinds: ['migration-script'],
  // The merged schema decides unknown-* and still-in-schema: a change to schema files, to __depends__ (pkginfo) or to
  // where cubes are looked for (settings) re-checks every script.
  dependsOn: ['schema', 'pkginfo', 'settings'],
  check(document) {
    const read = document.read();
    if (read.text === undefined || !CATALOG_NAME.test(read.text)) return [];
    const context = contextOf({ path: document.path, text: read.text, application: document.application, script: document.script, settings: document.settings });
    return context ? checkScript(context) : [];
  },
};

/** python-syntax on every Python file the runtime compiles: .py scripts, event scripts and schema.py (every one is parsed for it). */
export const pythonSyntaxProvider: DiagnosticProvider = {
  id: 'python-syntax',
  documentKinds: ['migration-script', 'event-script', 'schema'],
  dependsOn: [],
  check(document) {
    if (document.kind === 'migration-script' && document.script?.extension !== 'py') return [];
    const read = document.read();
    if (read.text === undefined) return [];
    const script = parsedScript(document.path, read.text);
    return script ? checkPythonSyntax(script) : [];
  },
};

/** unknown-name on .py scripts and event scripts (which see the same names): every one is read, even without a catalog name. */
export const unknownNameProvider: DiagnosticProvider = {
  id: 'unknown-name',
  documentKinds: ['migration-script', 'event-script'],
  dependsOn: [],
  check(document) {
    if (document.kind === 'migration-script' && document.script?.extension !== 'py') return [];
    const read = document.read();
    if (read.text === undefined) return [];
    const script = parsedScript(document.path, read.text);
    return script ? checkUnknownNames(script, scriptCatalog) : [];
  },
};

/** Drops what `# erudi: ignore[code]` comments suppress in Python documents, and reports unknown codes in them. */
export const suppressionFilter: DiagnosticFilter = {
  id: 'erudi-ignore',
  filter(document, diagnostics) {
    const python = document.kind === 'pkginfo' || document.kind === 'schema' || document.kind === 'event-script' || (document.kind === 'migration-script' && document.script?.extension === 'py');
    if (!python) return diagnostics;
    const read = document.read();
    return read.text === undefined ? diagnostics : applySuppressions(read.text, diagnostics);
  },
};
