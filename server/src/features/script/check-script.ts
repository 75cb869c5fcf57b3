// All checks of one migration script's body, statement by statement, each statement's result cached by its text.
import { diagnostic, type CheckDiagnostic } from '../../core/check-diagnostic';
import { ARGUMENT_LANGUAGES, type EmbeddedEnvironment } from './argument-languages';
import { rqlMethodArguments } from './rql-method-calls';
import type { SyntaxNode } from '../../core/python/parser';
import type { RqlNameOptions } from '../../core/rql';
import { compareVersions } from '../../core/model-version';
import { checkCallArguments } from './call-arguments';
import { catalogCallsIn, type CatalogCall } from './catalog-calls';
import { checkSafety, filledAttributes, isInteractiveScript } from '../safety-rules/check-safety';
import { checkDestructiveCalls } from './destructive-calls';
import { checkModeAvailability } from './mode-availability';
import { checkSchemaArguments } from './schema-arguments';
import type { ScriptContext } from './script-context';
import type { ScriptProblem } from './script-problem';
import { recordSchemaReads, readsHold, schemaIdentity, type SchemaReads } from '../../core/recorded-reads';
import { scriptBoundNames, topLevelStatements, type TopLevelStatement } from './script-statements';

/** Names a script removes from the schema (its drop_* and rename_* calls' string arguments): its queries may use them. */
export function namesRemovedByScript(text: string): string[] {
  const names = new Set<string>();
  for (const call of text.matchAll(/\b(?:drop|rename)_[a-z_]+\s*\(([^()]*)\)/g)) {
    for (const literal of call[1].matchAll(/['"]([A-Za-z_][A-Za-z0-9_]*)['"]/g)) names.add(literal[1]);
  }
  return [...names].sort();
}

/** How the RQL name check treats a name the schema lacks, for this script: tolerated when this script or a later one
 * drops or renames it, or when a cube is missing; told as a possible typo only in a script older than numversion. */
function rqlNameOptions(context: ScriptContext, removed: readonly string[]): RqlNameOptions {
  const history = context.surroundings.history;
  const incomplete = context.surroundings.missingCubes.length > 0;
  const older = history?.numversion && compareVersions(history.version, history.numversion) < 0
    ? `this script (${history.version.text}) is older than numversion ${history.numversion.text}, so a later release may have dropped or renamed it`
    : undefined;
  return {
    tolerated: (name) => incomplete || removed.includes(name) || history?.removedBy(name) !== undefined,
    ...(older ? { olderScript: older } : {}),
  };
}

/** Problems inside string arguments written in another language (rql-syntax and rql-unknown-name for rql()); the hook is ARGUMENT_LANGUAGES. */
export function checkEmbeddedLanguages(calls: readonly CatalogCall[], environment?: EmbeddedEnvironment): ScriptProblem[] {
  const problems: ScriptProblem[] = [];
  for (const { binding } of calls) {
    for (const [argument, parameter] of binding.parameterOf) {
      const language = parameter?.language ? ARGUMENT_LANGUAGES[parameter.language] : undefined;
      if (!language?.check || !argument.literal) continue;
      const base = argument.literal.contentStart;
      for (const problem of language.check(argument.literal.value, environment)) {
        const start = base + problem.offset;
        problems.push({ code: problem.code, start, end: start + Math.max(problem.length, 0), message: problem.message });
      }
    }
  }
  return problems;
}

/** rql-syntax and rql-unknown-name in the queries given to `cnx.execute()` and `session.execute()`. */
function checkRqlMethodCalls(node: SyntaxNode, environment: EmbeddedEnvironment): ScriptProblem[] {
  const problems: ScriptProblem[] = [];
  for (const argument of rqlMethodArguments(node)) {
    const base = argument.literal!.contentStart;
    for (const problem of ARGUMENT_LANGUAGES.rql.check!(argument.literal!.value, environment)) {
      const start = base + problem.offset;
      problems.push({ code: problem.code, start, end: start + Math.max(problem.length, 0), message: problem.message });
    }
  }
  return problems;
}

/** Every check on one top-level statement. */
function checkStatement(context: ScriptContext, statement: TopLevelStatement, interactive: boolean, filled: readonly string[], removed: readonly string[]): ScriptProblem[] {
  const node = statement.node();
  const calls = catalogCallsIn(context, node);
  return [
    ...checkModeAvailability(context, statement.text, statement.start),
    ...checkCallArguments(calls),
    ...checkSchemaArguments(context.schema, calls, context.surroundings),
    ...checkDestructiveCalls(context, node, calls),
    ...checkEmbeddedLanguages(calls, { schema: context.schema, names: rqlNameOptions(context, removed) }),
    ...checkRqlMethodCalls(node, { schema: context.schema, names: rqlNameOptions(context, removed) }),
    ...checkSafety(context, node, calls, interactive, context.figures, filled),
  ];
}

// Figures objects get a number, so that the cache key changes when new figures arrive.
const figuresIds = new WeakMap<object, number>();
let nextFiguresId = 1;
function figuresKey(figures: object | undefined): string {
  if (!figures) return '-';
  let id = figuresIds.get(figures);
  if (id === undefined) figuresIds.set(figures, (id = nextFiguresId++));
  return String(id);
}

/**
 * One statement's problems (offsets relative to the statement, which may move) and the schema facts its checks read.
 * It holds for any script with the same cache prefix (mode, shadowed names, ...) as long as those facts are unchanged.
 */
export interface StatementResult {
  problems: ScriptProblem[];
  /** Undefined when reads were not recorded: the result then holds for the schema it was computed with only. */
  reads?: SchemaReads;
  /** The schema (schemaIdentity) it was last found to hold for. */
  validFor: number;
}

// A statement's problems depend on its text, the script-level inputs of the prefix (mode, shadowed names, age,
// questions asked, figures, filled attributes) and the facts of the schema it read: recorded, and checked again on a
// new schema by content, so a schema edit that changes none of them reuses the result. A check that reads anything
// else outside its statement must add it to the prefix. Offsets are stored relative to the statement.
const MAX_CACHED = 50_000;
const byPrefix = new Map<string, Map<string, StatementResult>>();
let cached = 0;

// The headless checker sees one schema per run: recording what each statement read would be work for nothing.
let recording = true;

/** Whether statement results record the schema facts they read (the server: yes; the one-shot checker: no). */
export function recordSchemaReadsInChecks(on: boolean): void {
  recording = on;
}

/** Drops every cached statement result (tests compare against a check that starts from nothing). */
export function forgetStatementResults(): void {
  byPrefix.clear();
  cached = 0;
}

/** True when the result still holds for `schema` (remembered, so each result is validated once per schema). */
export function statementResultHolds(result: StatementResult, schema: object | undefined, id = schemaIdentity(schema)): boolean {
  if (result.validFor === id) return true;
  if (!result.reads || !readsHold(result.reads, schema)) return false;
  result.validFor = id;
  return true;
}

/** Every diagnostic the script's body deserves, and the statement results they came from (to tell later whether they still hold). */
export function checkScriptTracked(context: ScriptContext): { diagnostics: CheckDiagnostic[]; results: StatementResult[] } {
  const shadowed = [...scriptBoundNames(context.script)].filter((name) => context.catalog.byName.has(name)).sort().join(',');
  // Advice for an unknown name depends on whether the script is older than numversion.
  const history = context.surroundings.history;
  const age = history?.numversion ? `${history.version.text}<${history.numversion.text}` : '';
  // Whether the script asks questions (unguarded-drop) and the instance's figures are the statement's only outside inputs.
  const interactive = isInteractiveScript(context.script.text);
  const filled = filledAttributes(context.script.text);
  // The names the script drops or renames: its rql() queries may use them (checked against the schema).
  const removed = namesRemovedByScript(context.script.text);
  const prefix = `${removed.join(',')}\u0000${context.mode}\u0000${shadowed}\u0000${age}\u0000${interactive ? 'i' : ''}\u0000${figuresKey(context.figures)}\u0000${filled.join(',')}`;
  let cache = byPrefix.get(prefix);
  if (!cache) byPrefix.set(prefix, (cache = new Map()));
  const schema = context.schema;
  const id = schemaIdentity(schema);
  const diagnostics: CheckDiagnostic[] = [];
  const results: StatementResult[] = [];
  for (const statement of topLevelStatements(context.script)) {
    let result = cache.get(statement.text);
    if (!result || !statementResultHolds(result, schema, id)) {
      // The checks see a recording view of the schema: what they read is kept with the result.
      const recorder = recording ? recordSchemaReads(schema) : undefined;
      const problems = checkStatement(recorder ? { ...context, schema: recorder.view } : context, statement, interactive, filled, removed).map((p) => ({ ...p, start: p.start - statement.start, end: p.end - statement.start }));
      if (cached >= MAX_CACHED) {
        byPrefix.clear();
        byPrefix.set(prefix, cache);
        cache.clear();
        cached = 0;
      }
      if (!cache.has(statement.text)) cached++;
      result = { problems, reads: recorder?.finish(), validFor: id };
      cache.set(statement.text, result);
    }
    results.push(result);
    for (const p of result.problems) {
      diagnostics.push(diagnostic(p.code, context.script.lines.rangeOf(statement.start + p.start, statement.start + p.end), p.message));
    }
  }
  return { diagnostics, results };
}

/** Every diagnostic the script's body deserves (suppressions are applied afterwards, by the pipeline's filter). */
export function checkScript(context: ScriptContext): CheckDiagnostic[] {
  return checkScriptTracked(context).diagnostics;
}
