// Plugs the script checks into the diagnostics pipeline: a provider for script bodies and the "# erudi: ignore" filter.
import type { DiagnosticFilter, DiagnosticProvider } from '../diagnostics/diagnostic-provider';
import { checkScript } from './check-script';
import { contextOf } from './script-analysis';
import { applySuppressions } from './suppressions';

export const scriptContentProvider: DiagnosticProvider = {
  id: 'script-content',
  documentKinds: ['migration-script'],
  // schema.py decides unknown-* and still-in-schema: its change re-checks every script.
  dependsOn: ['schema'],
  check(document) {
    const read = document.read();
    if (read.text === undefined) return [];
    const context = contextOf({ path: document.path, text: read.text, application: document.application, script: document.script });
    return context ? checkScript(context) : [];
  },
};

/** Drops what `# erudi: ignore[code]` comments suppress in Python documents, and reports unknown codes in them. */
export const suppressionFilter: DiagnosticFilter = {
  id: 'erudi-ignore',
  filter(document, diagnostics) {
    const python = document.kind === 'pkginfo' || document.kind === 'schema' || (document.kind === 'migration-script' && document.script?.extension === 'py');
    if (!python) return diagnostics;
    const read = document.read();
    return read.text === undefined ? diagnostics : applySuppressions(read.text, diagnostics);
  },
};
