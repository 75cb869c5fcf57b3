// The contract of a diagnostic provider: one group of checks, run on the documents of the kinds it names.
import type { CheckDiagnostic } from '../../core/check-diagnostic';
import type { Application, ApplicationPart, DocumentKind } from '../../core/workspace/application';
import type { TextRead } from '../../core/workspace/file-system';
import type { MigrationScriptName } from '../../core/script-file-name';
import type { CheckSettings } from '../check-settings';
import type { InstanceFacts } from './instance-facts';

/** One document as a provider sees it. */
export interface CheckedDocument {
  path: string;
  kind: DocumentKind;
  application: Application;
  /** The parsed file name, for a migration script. */
  script?: MigrationScriptName;
  /** The text (the open editor's, else the disk's), read on first call; `error` says why it cannot be read. */
  read(): TextRead;
  settings: CheckSettings;
  /** What the editor (or check --schema) read of the application's instance, when it did. */
  instance?: InstanceFacts;
  /** Open in the editor: worth keeping parsed (requests and the next edit reuse the tree); a closed one is parsed, checked and freed. */
  open?: boolean;
}

export interface DiagnosticProvider {
  /** Unique, e.g. "script-file-name"; results are cached per provider and document. */
  id: string;
  /** The kinds of document it checks. */
  documentKinds: readonly DocumentKind[];
  /**
   * Parts of the application whose change makes it re-check every document of its kinds there
   * (a document's own text or name is always re-checked). E.g. script-ahead-of-model depends on 'pkginfo'.
   */
  dependsOn: readonly ApplicationPart[];
  check(document: CheckedDocument): CheckDiagnostic[];
  /**
   * Optional: called instead of `check` when only parts it depends on changed (`parts`; not the document itself). True when
   * its last result for the document still holds, e.g. every schema fact the script's checks read is unchanged; the
   * document is then neither read nor parsed. Must be exact: when unsure, false.
   */
  unchanged?(document: CheckedDocument, parts: ReadonlySet<ApplicationPart>): boolean;
  /**
   * Optional: asked once per change of parts it depends on in an application, before any of its documents (other than
   * those changed themselves) is planned. True when `unchanged` would hold for every one of them, so none is even
   * visited: e.g. the merged schema is the very object the last change left (a docstring keystroke). Must be exact.
   */
  unaffected?(application: Application, parts: ReadonlySet<ApplicationPart>, settings: CheckSettings): boolean;
  /**
   * Optional: what `unchanged` answers, asked by path before the document is looked up or read (a type rename re-plans
   * thousands of scripts, most of whose results still hold: each costs a look at its results then). The document is
   * one it checked in `application`. Must be exact: when unsure (e.g. nothing known of the path), false.
   */
  unchangedAt?(path: string, application: Application, parts: ReadonlySet<ApplicationPart>, settings: CheckSettings): boolean;
  /** Optional: the document is gone (or checked from scratch next): drop what was kept for it. */
  forget?(path: string): void;
}

/**
 * Runs after all providers on one document's diagnostics, e.g. to drop those an "# erudi: ignore[code]" comment
 * suppresses (and add its own about unknown codes).
 */
export interface DiagnosticFilter {
  id: string;
  filter(document: CheckedDocument, diagnostics: CheckDiagnostic[]): CheckDiagnostic[];
}
