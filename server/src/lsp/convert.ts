// Converts the core's plain results to LSP types and back; the only module that knows both.
import {
  type CodeAction,
  CompletionItemKind,
  type CompletionItem,
  type Diagnostic,
  DiagnosticSeverity,
  type Hover,
  InsertTextFormat,
  type Location,
  MarkupKind,
  type SignatureHelp,
  type TextDocumentEdit,
  type WorkspaceEdit,
  type RenameFile,
} from 'vscode-languageserver/node';
import type { CheckDiagnostic } from '../core/check-diagnostic';
import { DIAGNOSTIC_SOURCE, isDiagnosticCode, type Severity } from '../core/diagnostic-codes';
import type { CompletionSuggestion, DefinitionTarget, HoverContent, PlainCodeAction, SignatureHelpResult, SuggestionKind } from '../features/feature-contract';
import { pathToUri } from './paths';

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toLspDiagnostic(d: CheckDiagnostic): Diagnostic {
  return { range: d.range, severity: SEVERITIES[d.severity], code: d.code, source: DIAGNOSTIC_SOURCE, message: d.message };
}

/** The editor's diagnostics of ours, back in plain form (code actions receive them); others' are dropped. */
export function fromLspDiagnostics(diagnostics: Diagnostic[]): CheckDiagnostic[] {
  const ours: CheckDiagnostic[] = [];
  for (const d of diagnostics) {
    if (d.source !== DIAGNOSTIC_SOURCE || typeof d.code !== 'string' || !isDiagnosticCode(d.code)) continue;
    const severity = (Object.keys(SEVERITIES) as Severity[]).find((s) => SEVERITIES[s] === d.severity) ?? 'error';
    ours.push({ code: d.code, severity, message: typeof d.message === 'string' ? d.message : d.message.value, range: d.range });
  }
  return ours;
}

const COMPLETION_KINDS: Record<SuggestionKind, CompletionItemKind> = {
  function: CompletionItemKind.Function,
  variable: CompletionItemKind.Variable,
  constant: CompletionItemKind.Constant,
  keyword: CompletionItemKind.Keyword,
  snippet: CompletionItemKind.Snippet,
  value: CompletionItemKind.Value,
  class: CompletionItemKind.Class,
  field: CompletionItemKind.Field,
  module: CompletionItemKind.Module,
  property: CompletionItemKind.Property,
};

export function toCompletionItem(s: CompletionSuggestion, snippetSupport: boolean): CompletionItem {
  const useSnippet = s.insertSnippet !== undefined && snippetSupport;
  const newText = useSnippet ? s.insertSnippet! : (s.insertText ?? s.label);
  return {
    label: s.label,
    kind: COMPLETION_KINDS[s.kind],
    detail: s.detail,
    documentation: s.documentation ? { kind: MarkupKind.Markdown, value: s.documentation } : undefined,
    insertTextFormat: useSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    ...(s.replaceRange ? { textEdit: { range: s.replaceRange, newText } } : { insertText: newText }),
    sortText: s.sortText,
    filterText: s.filterText,
    preselect: s.preselect,
  };
}

export function toHover(h: HoverContent): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: h.range };
}

export function toSignatureHelp(s: SignatureHelpResult): SignatureHelp {
  return {
    activeSignature: s.activeSignature,
    activeParameter: s.activeParameter,
    signatures: s.signatures.map((sig) => ({
      label: sig.label,
      documentation: sig.documentation ? { kind: MarkupKind.Markdown, value: sig.documentation } : undefined,
      parameters: sig.parameters.map((p) => ({ label: p.label, documentation: p.documentation ? { kind: MarkupKind.Markdown, value: p.documentation } : undefined })),
      activeParameter: sig.activeParameter,
    })),
  };
}

export function toLocation(t: DefinitionTarget): Location {
  return { uri: pathToUri(t.path), range: t.range };
}

/** documentChanges when the client supports them (needed for renames), plain changes otherwise. */
export function toCodeAction(a: PlainCodeAction, uriOf: (path: string) => string, documentChanges: boolean, versionOf: (uri: string) => number | null): CodeAction {
  let edit: WorkspaceEdit;
  if (documentChanges) {
    const changes: Array<TextDocumentEdit | RenameFile> = [];
    for (const t of a.edit.textEdits ?? []) {
      const uri = uriOf(t.path);
      changes.push({ textDocument: { uri, version: versionOf(uri) }, edits: [{ range: t.range, newText: t.newText }] });
    }
    for (const r of a.edit.renames ?? []) changes.push({ kind: 'rename', oldUri: uriOf(r.from), newUri: pathToUri(r.to), options: { overwrite: false, ignoreIfExists: false } });
    edit = { documentChanges: changes };
  } else {
    const changes: NonNullable<WorkspaceEdit['changes']> = {};
    for (const t of a.edit.textEdits ?? []) (changes[uriOf(t.path)] ??= []).push({ range: t.range, newText: t.newText });
    edit = { changes };
  }
  const action: CodeAction = { title: a.title, kind: a.kind, diagnostics: a.diagnostics?.map(toLspDiagnostic), isPreferred: a.isPreferred };
  // A command-only action carries no edit (an empty one would be an edit that does nothing, shown as such by some clients).
  if (!a.command || a.edit.textEdits?.length || a.edit.renames?.length) action.edit = edit;
  if (a.command) action.command = { title: a.command.title, command: a.command.command, arguments: a.command.arguments };
  return action;
}
