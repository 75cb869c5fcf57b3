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

// A statement's problems depend on its text, the mode, the names the script shadows and schema.py: the key and the
// per-schema map hold exactly that. Offsets are stored relative to the statement, which may have moved.
const NO_SCHEMA = {};
const MAX_CACHED = 50_000;
const bySchema = new WeakMap<object, Map<string, ScriptProblem[]>>();

/** Every diagnostic the script's body deserves (suppressions are applied afterwards, by the pipeline's filter). */
export function checkScript(context: ScriptContext): CheckDiagnostic[] {
  let cache = bySchema.get(context.schema ?? NO_SCHEMA);
  if (!cache) bySchema.set(context.schema ?? NO_SCHEMA, (cache = new Map()));
  const shadowed = [...scriptBoundNames(context.script)].filter((name) => context.catalog.byName.has(name)).sort().join(',');
  // Advice for an unknown name depends on whether the script is older than numversion.
  const history = context.surroundings.history;
  const age = history?.numversion ? `${history.version.text}<${history.numversion.text}` : '';
  // Whether the script asks questions (unguarded-drop) and the instance's figures are the statement's only outside inputs.
  const interactive = isInteractiveScript(context.script.text);
  const filled = filledAttributes(context.script.text);
  // The names the script drops or renames: its rql() queries may use them (checked against the schema).
  const removed = namesRemovedByScript(context.script.text);
  const prefix = `${removed.join(',')}\u0000${context.mode}\u0000${shadowed}\u0000${age}\u0000${interactive ? 'i' : ''}\u0000${figuresKey(context.figures)}\u0000${filled.join(',')}\u0000`;
  const diagnostics: CheckDiagnostic[] = [];
  for (const statement of topLevelStatements(context.script)) {
    const key = prefix + statement.text;
    let relative = cache.get(key);
    if (!relative) {
      relative = checkStatement(context, statement, interactive, filled, removed).map((p) => ({ ...p, start: p.start - statement.start, end: p.end - statement.start }));
      if (cache.size >= MAX_CACHED) cache.clear();
      cache.set(key, relative);
    }
    for (const p of relative) {
      diagnostics.push(diagnostic(p.code, context.script.lines.rangeOf(statement.start + p.start, statement.start + p.end), p.message));
    }
  }
  return diagnostics;
}
