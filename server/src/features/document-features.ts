// The document-kind router's table: which features each kind of document has. Add a kind's features here.
import type { DocumentKind } from '../core/workspace/application';
import { renameScriptModeAction } from './code-actions/rename-script-mode';
import { renameScriptVersionAction } from './code-actions/rename-script-version';
import { raiseDependsErudiVersionAction } from './code-actions/raise-depends-erudi-version';
import { removeDuplicateDependsEntryAction } from './code-actions/remove-duplicate-depends-entry';
import { renameSqlScriptModeAction } from './code-actions/rename-sql-script-mode';
import { sortDependsMapAction } from './code-actions/sort-depends-map';
import { dependsMapCompletion } from './depends-map/completion';
import { dependsMapHover } from './depends-map/hover';
import type { DocumentFeatures } from './feature-contract';
import { addAttributeDefaultAction } from './code-actions/add-attribute-default';
import { generateMigrationScriptAction } from './code-actions/generate-migration-script';
import { guardWithConfirmAction } from './code-actions/guard-with-confirm';
import { ignoreDiagnosticAction } from './code-actions/ignore-diagnostic';
import { raiseNumversionAction } from './code-actions/raise-numversion';
import { replaceRenamedUsesAction } from './code-actions/replace-renamed-uses';
import { replaceUnknownNameAction } from './code-actions/replace-unknown-name';
import { replaceMisspeltNameAction } from './script/replace-misspelt-name-action';
import { scriptFeatures } from './script/script-features';

export const DOCUMENT_FEATURES: Record<DocumentKind, DocumentFeatures> = {
  // Script-body features (completion, hover, signature help, definition) are added by server/src/features/script/.
  'migration-script': {
    ...scriptFeatures,
    codeActions: [renameScriptModeAction, renameScriptVersionAction, renameSqlScriptModeAction, replaceMisspeltNameAction, replaceUnknownNameAction,
      guardWithConfirmAction, raiseNumversionAction, addAttributeDefaultAction, replaceRenamedUsesAction, ignoreDiagnosticAction],
  },
  'depends-map': {
    completion: dependsMapCompletion,
    completionTriggerCharacters: [':'],
    hover: dependsMapHover,
    codeActions: [raiseDependsErudiVersionAction, removeDuplicateDependsEntryAction, sortDependsMapAction],
  },
  // postcreate.py and the other event scripts: checked for python-syntax; no script features (they have no mode).
  'event-script': { codeActions: [replaceUnknownNameAction, ignoreDiagnosticAction] },
  pkginfo: { codeActions: [ignoreDiagnosticAction] },
  schema: { codeActions: [generateMigrationScriptAction, ignoreDiagnosticAction] },
};
