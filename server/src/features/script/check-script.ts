// All checks of one migration script's body, statement by statement, each statement's result cached by its text.
import { diagnostic, type CheckDiagnostic } from '../../core/check-diagnostic';
import { ARGUMENT_LANGUAGES, type EmbeddedEnvironment } from './argument-languages';
import { rqlMethodArguments } from './rql-method-calls';
import type { SyntaxNode } from '../../core/python/parser';
import { PlainNode } from '../../core/python/plain-tree';
import { checkCallArguments } from './call-arguments';
import { catalogCallsIn, type CatalogCall } from './catalog-calls';
import { checkSafety, filledAttributes, isInteractiveScript } from '../safety-rules/check-safety';
import { ScriptFacts, ScriptReader, type ScriptReads } from './script-inputs';
import { renameFactsOf, type RenameFacts } from '../safety-rules/rename-still-used';
import { checkDestructiveCalls } from './destructive-calls';
import { checkModeAvailability } from './mode-availability';
import { checkSchemaArguments } from './schema-arguments';
import type { ScriptContext } from './script-context';
import type { Mode } from '../../core/mode';
import type { ScriptProblem } from './script-problem';
import { recordSchemaReads, readsHold, schemaIdentity, type SchemaReads } from '../../core/recorded-reads';
import { forgetStatementTexts, scriptBoundNames, topLevelStatements, type StatementText, type TopLevelStatement } from './script-statements';

/** Names a script removes from the schema (its drop_* and rename_* calls' string arguments): its queries may use them. */
export function namesRemovedByScript(text: string): string[] {
  const names = new Set<string>();
  for (const call of text.matchAll(/\b(?:drop|rename)_[a-z_]+\s*\(([^()]*)\)/g)) {
    for (const literal of call[1].matchAll(/['"]([A-Za-z_][A-Za-z0-9_]*)['"]/g)) names.add(literal[1]);
  }
  return [...names].sort();
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

/**
 * The statement's node, with `descendantsOfType` answered once per type: the catalog calls, the rql method calls
 * and the safety rules each look for the statement's calls, and each lookup costs a walk in the parser's memory and
 * a node object per result. Everything else is the node's own (read through the prototype).
 */
function withSharedDescendants(node: SyntaxNode): SyntaxNode {
  // A plain copy (a statement without syntax error) walks plain objects: walking it again costs less than making it the
  // prototype of another object (which V8 turns into a slower, unique shape).
  if (node instanceof PlainNode) return node;
  const found = new Map<string, ReturnType<SyntaxNode['descendantsOfType']>>();
  const shared = Object.create(node) as SyntaxNode;
  shared.descendantsOfType = function (types, startPosition?, endPosition?) {
    if (typeof types !== 'string' || startPosition !== undefined || endPosition !== undefined) return node.descendantsOfType(types, startPosition, endPosition);
    let nodes = found.get(types);
    if (!nodes) found.set(types, (nodes = node.descendantsOfType(types)));
    return nodes;
  };
  return shared;
}

/** Every check on one top-level statement; what they read of the script around it goes through `script`. */
function checkStatement(shared: ScriptContext, statement: TopLevelStatement, script: ScriptReader): ScriptProblem[] {
  // The script's mode is a recorded fact: a statement naming a mode-restricted primitive reads whether the mode allows it,
  // the mode itself only for its message.
  // Built as one literal (a property redefined as a getter would turn the object into a dictionary, slow to read).
  const context: ScriptContext = {
    script: shared.script,
    get mode() {
      return script.read('mode') as Mode;
    },
    schema: shared.schema,
    schemaPath: shared.schemaPath,
    surroundings: shared.surroundings,
    catalog: shared.catalog,
    figures: shared.figures,
    modeAllows: (modes: readonly Mode[]) => script.read(`modeIn:${modes.join(',')}`) !== '',
  };
  const interactive = () => script.read('interactive') !== '';
  const node = withSharedDescendants(statement.tree());
  const calls = catalogCallsIn(context, node);
  const names = script.rqlNameOptions(context.surroundings);
  return [
    ...checkModeAvailability(context, statement.text, statement.start, node),
    ...checkCallArguments(calls),
    ...checkSchemaArguments(context.schema, calls, script.surroundings(context.surroundings)),
    ...checkDestructiveCalls(context, node, calls),
    ...checkEmbeddedLanguages(calls, { schema: context.schema, names }),
    ...checkRqlMethodCalls(node, { schema: context.schema, names }),
    ...checkSafety(context, node, calls, interactive, context.figures, script.filled(), (start) => script.renameAt(start)),
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
  /** What the checks read of the script around the statement: the result holds for scripts that answer the same. */
  scriptReads: ScriptReads;
  /** The schema (schemaIdentity) it was last found to hold for. */
  validFor: number;
}

// A statement's problems depend on its text, the script-level inputs of the prefix (mode, shadowed names, questions
// asked, figures, missing cubes), the facts of the script it read (script-inputs: its age, the names it or a later
// script removes, the attributes it fills) and the facts of the schema it read: both recorded, and checked again for
// another script or a new schema by content, so most statements are checked once for all scripts, and a schema edit
// that changes none of their facts reuses the result. A check that reads anything else outside its statement must
// add it to the prefix or read it through ScriptReader. Offsets are stored relative to the statement.
const MAX_CACHED = 50_000;
/** Results kept per statement text and prefix (scripts reading different facts of themselves). */
const MAX_VARIANTS = 8;
let cached = 0;
// The results are kept on the statement's text entry (script-statements.ts): no lookup per statement. Dropping them
// all starts a new generation (an entry's results of an older one are not read).
let generation = 0;

/** A statement text's results: under the prefix most scripts have, and under others. */
export interface StatementChecks {
  generation: number;
  prefix: string;
  variants: StatementResult[];
  others?: Map<string, StatementResult[]>;
}

/** The results kept for `known` under `prefix`; with `create`, an empty list is made when there is none. */
function variantsOf(known: StatementText, prefix: string, create: boolean): StatementResult[] | undefined {
  const checks = known.checks;
  if (checks?.generation !== generation) {
    if (!create) return undefined;
    return (known.checks = { generation, prefix, variants: [] }).variants;
  }
  if (checks.prefix === prefix) return checks.variants;
  let variants = checks.others?.get(prefix);
  if (!variants && create) (checks.others ??= new Map()).set(prefix, (variants = []));
  return variants;
}

// The headless checker sees one schema per run: recording what each statement read would be work for nothing.
let recording = true;

/** Whether statement results record the schema facts they read (the server: yes; the one-shot checker: no). */
export function recordSchemaReadsInChecks(on: boolean): void {
  recording = on;
}

/** Whether schema edits may follow (statement results record their reads): else no result is asked about again. */
export function recordingSchemaReads(): boolean {
  return recording;
}

/** Drops every cached statement result (tests compare against a check that starts from nothing). */
export function forgetStatementResults(): void {
  generation++;
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
  // The instance's figures and missing cubes are prefix inputs; the mode and whether the script asks questions
  // (unguarded-drop) are script facts, read by the few statements they matter to.
  const interactive = isInteractiveScript(context.script.text);
  const incomplete = context.surroundings.missingCubes.length > 0 ? 'c' : '';
  const prefix = `${shadowed}\u0000${figuresKey(context.figures)}\u0000${incomplete}`;
  // The names the script drops or renames (its rql() queries may use them), the attributes it fills: read on demand.
  let facts: ScriptFacts | undefined;
  // A rename's remaining uses come from the rest of the script and other files: computed once, when a rename statement asks.
  let renames: { value: readonly RenameFacts[] | undefined } | undefined;
  const renamesOf = () => (renames ??= { value: renameFactsOf(context) }).value;
  const factsOf = () => (facts ??= new ScriptFacts(context.surroundings.history, () => namesRemovedByScript(context.script.text), () => filledAttributes(context.script.text), renamesOf, { mode: context.mode, interactive }));
  const schema = context.schema;
  const id = schemaIdentity(schema);
  const diagnostics: CheckDiagnostic[] = [];
  const results: StatementResult[] = [];
  for (const statement of topLevelStatements(context.script)) {
    const known = statement.known;
    let variants = known ? variantsOf(known, prefix, false) : undefined;
    let result: StatementResult | undefined;
    if (variants) {
      for (const r of variants) {
        if ((r.scriptReads.length === 0 || factsOf().hold(r.scriptReads)) && statementResultHolds(r, schema, id)) {
          result = r;
          break;
        }
      }
    }
    if (!result) {
      // The checks see a recording view of the schema: what they read is kept with the result.
      const recorder = recording ? recordSchemaReads(schema) : undefined;
      const reader = new ScriptReader(factsOf());
      const problems = checkStatement(recorder ? { ...context, schema: recorder.view } : context, statement, reader).map((p) => ({ ...p, start: p.start - statement.start, end: p.end - statement.start }));
      if (cached >= MAX_CACHED) {
        // Full: every result is dropped (and the text entries holding them, so that their memory goes).
        generation++;
        forgetStatementTexts();
        cached = 0;
        variants = undefined;
      }
      result = { problems, reads: recorder?.finish(), scriptReads: reader.finish(), validFor: id };
      variants ??= known ? variantsOf(known, prefix, true)! : [];
      // The newest first; a statement read differently by many scripts keeps the latest few.
      variants.unshift(result);
      if (variants.length > MAX_VARIANTS) variants.pop();
      else cached++;
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
