// What a safety rule is: a stable code, a note (what goes wrong, and when), a help line (the safer way), a check and its table of cases.
import type { DiagnosticCode } from '../../core/diagnostic-codes';
import type { Mode } from '../../core/mode';
import type { SyntaxNode } from '../../core/python/parser';
import type { CatalogCall } from '../script/catalog-calls';
import type { ScriptContext } from '../script/script-context';
import type { ScriptProblem } from '../script/script-problem';
import type { QueryString } from './query-strings';
import type { RenameFacts } from './rename-still-used';
import type { InstanceFigures } from '../../../../protocol/protocol';

/** Figures read from the instance (`erudi-migrate stats --json`): how much data a change touches (the protocol's shape). */
export type DataFigures = InstanceFigures;

/** What one rule sees of one top-level statement. */
export interface SafetyInput {
  context: ScriptContext;
  statement: SyntaxNode;
  /** The statement's complete calls of catalog functions, arguments bound. */
  calls: readonly CatalogCall[];
  /** The statement's literal RQL/SQL strings. */
  queries: readonly QueryString[];
  /** True when the script asks the user things (calls confirm() or reads interactive_mode somewhere). */
  interactive: boolean;
  /** Attributes the script fills with an RQL SET or cw_set() somewhere (the safe way to add a required one); asked
   * one by one (the statement cache records each answer), never listed. */
  filled: Pick<ReadonlySet<string>, 'has'>;
  /** True when the node runs only once confirm() answered yes. */
  guarded(node: SyntaxNode): boolean;
  /** The instance's figures, when the editor has read them. */
  figures?: DataFigures;
  /** The rename call starting at an offset and the uses of its old name after it (rename-still-used), read through the script's facts. */
  renameAt?(start: number): RenameFacts | undefined;
}

/** One row of a rule's table of cases (the tests run them all; `check --explain` prints them). */
export interface SafetyCase {
  /** The script's text. */
  script: string;
  /** schema.py's text (default: no schema). */
  schema?: string;
  figures?: DataFigures;
  mode?: Mode;
  /** A fragment of the message the rule must give, or null when it must stay silent. */
  expected: string | null;
}

export interface SafetyRule {
  code: DiagnosticCode;
  /** What goes wrong, and when (one line). */
  note: string;
  /** The safer way (one line). */
  help: string;
  check(input: SafetyInput): ScriptProblem[];
  cases: readonly SafetyCase[];
}

/** The literal string value of a bound argument, when it is one. */
export function literalArgument(call: CatalogCall, parameter: string): string | undefined {
  return call.binding.bound.get(parameter)?.literal?.value;
}

/** The integer value of a bound argument, when it is a literal integer (None is null). */
export function integerArgument(call: CatalogCall, parameter: string, text: string): number | null | undefined {
  const argument = call.binding.bound.get(parameter);
  if (!argument) return undefined;
  const value = text.slice(argument.valueStart, argument.valueEnd).trim();
  if (value === 'None') return null;
  return /^\d+$/.test(value) ? Number(value) : undefined;
}

/** "12 rows" / "1 row". */
export function rows(count: number, noun = 'row'): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Said when a data-aware rule had no figures to go by. */
export const NO_FIGURES = '(no figures from the instance: the static rule)';
