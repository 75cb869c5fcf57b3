// The registry of diagnostic providers and filters: the server and the headless checker both run exactly these.
import { dependsMapEntriesProvider } from './depends-map-entries';
import { dependsMapVersionsProvider } from './depends-map-versions';
import type { DiagnosticFilter, DiagnosticProvider } from './diagnostic-provider';
import { duplicateScriptsProvider } from './duplicate-scripts';
import { pkginfoVersionProvider } from './pkginfo-version';
import { scriptAheadOfModelProvider } from './script-ahead-of-model';
import { scriptFileNameProvider } from './script-file-name';
import { unreadableScriptProvider } from './unreadable-script';
import { cubeDependenciesProvider } from '../schema/cube-dependencies';
import { schemaNotMigratedProvider } from '../schema/schema-not-migrated';
import { schemaProblemsProvider } from '../schema/schema-problems';
import { pythonSyntaxProvider, scriptContentProvider, suppressionFilter, unknownNameProvider } from '../script/script-diagnostics-provider';

// Add a provider: import it and append it here (see CONTRIBUTING.md, "Add a diagnostic").
export const DIAGNOSTIC_PROVIDERS: readonly DiagnosticProvider[] = [
  scriptFileNameProvider,
  unreadableScriptProvider,
  duplicateScriptsProvider,
  scriptAheadOfModelProvider,
  pkginfoVersionProvider,
  dependsMapEntriesProvider,
  dependsMapVersionsProvider,
  scriptContentProvider,
  pythonSyntaxProvider,
  unknownNameProvider,
  cubeDependenciesProvider,
  schemaProblemsProvider,
  schemaNotMigratedProvider,
];

// Filters run in this order on each document's collected diagnostics (e.g. "# erudi: ignore[code]" suppression).
export const DIAGNOSTIC_FILTERS: readonly DiagnosticFilter[] = [suppressionFilter];
