// Plain results of the editor features (completion, hover, signature help, definition, code actions); the LSP layer converts them.
import type { CheckDiagnostic } from '../core/check-diagnostic';
import type { Application, DocumentKind } from '../core/workspace/application';
import type { MigrationScriptName } from '../core/script-file-name';
import type { TextPosition, TextRange } from '../core/text-range';
import type { CheckSettings } from './check-settings';

/** An open document a feature works on. */
export interface FeatureDocument {
  path: string;
  kind: DocumentKind;
  application: Application;
  script?: MigrationScriptName;
  /** The editor's current text. */
  text: string;
  settings: CheckSettings;
}

export type SuggestionKind = 'function' | 'variable' | 'constant' | 'keyword' | 'snippet' | 'value' | 'class' | 'field' | 'module' | 'property';

export interface CompletionSuggestion {
  label: string;
  kind: SuggestionKind;
  /** One line beside the label, e.g. a signature. */
  detail?: string;
  /** Markdown shown in the details pane. */
  documentation?: string;
  /** Plain text inserted; defaults to the label. */
  insertText?: string;
  /** A snippet with $1/${1:placeholder} tab stops, instead of insertText. */
  insertSnippet?: string;
  /** The text the suggestion replaces; defaults to the word at the cursor. */
  replaceRange?: TextRange;
  sortText?: string;
  filterText?: string;
  preselect?: boolean;
}

export interface HoverContent {
  markdown: string;
  range?: TextRange;
}

export interface SignatureParameterInfo {
  /** The parameter as written in the signature label, e.g. "etype" or "default=None". */
  label: string;
  documentation?: string;
}

export interface SignatureInfo {
  label: string;
  documentation?: string;
  parameters: SignatureParameterInfo[];
  activeParameter?: number;
}

export interface SignatureHelpResult {
  signatures: SignatureInfo[];
  activeSignature: number;
  activeParameter: number;
}

export interface DefinitionTarget {
  path: string;
  range: TextRange;
}

/** A change to the workspace; the LSP layer turns it into a WorkspaceEdit (renames only when the client can rename files). */
export interface PlainWorkspaceEdit {
  renames?: Array<{ from: string; to: string }>;
  textEdits?: Array<{ path: string; range: TextRange; newText: string }>;
}

export interface PlainCodeAction {
  title: string;
  /** 'quickfix', 'refactor', 'source' or a dotted sub-kind of them. */
  kind: string;
  /** The diagnostics it fixes. */
  diagnostics?: CheckDiagnostic[];
  isPreferred?: boolean;
  /** What it changes; `{}` for an action that only runs `command`. */
  edit: PlainWorkspaceEdit;
  /** A client command run after the edit (or instead, when the edit is empty), with JSON arguments. */
  command?: { title: string; command: string; arguments?: unknown[] };
}

export interface CodeActionRequest {
  range: TextRange;
  /** The diagnostics the editor shows in that range (converted back to plain form). */
  diagnostics: CheckDiagnostic[];
  /** Whether the client can apply a rename-file operation. */
  canRenameFiles: boolean;
}

/** What the features of one document kind offer; every member is optional. */
export interface DocumentFeatures {
  completion?(document: FeatureDocument, position: TextPosition): CompletionSuggestion[];
  /** Characters that open completion in this kind of document. */
  completionTriggerCharacters?: readonly string[];
  hover?(document: FeatureDocument, position: TextPosition): HoverContent | undefined;
  signatureHelp?(document: FeatureDocument, position: TextPosition): SignatureHelpResult | undefined;
  signatureHelpTriggerCharacters?: readonly string[];
  signatureHelpRetriggerCharacters?: readonly string[];
  definition?(document: FeatureDocument, position: TextPosition): DefinitionTarget[];
  /** Code action providers, one function per action (each its own file). */
  codeActions?: ReadonlyArray<(document: FeatureDocument, request: CodeActionRequest) => PlainCodeAction[]>;
}
