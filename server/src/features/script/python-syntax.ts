// python-syntax: what Python 3 would refuse to compile in a script, schema.py or an event script, statement by statement.
import { diagnostic, type CheckDiagnostic } from '../../core/check-diagnostic';
import type { ParsedPython } from '../../core/python/parsed-python';
import { mayExceedNesting, nestingProblems } from '../../core/python/nesting-limits';
import { statementListProblems, statementProblems, syntaxProblemsIn, type SyntaxProblem } from '../../core/python/syntax-errors';
import { topLevelStatements, type TopLevelStatement } from './script-statements';

// Only these can hide a problem in a statement tree-sitter parsed without error: a block (a line break, or an empty
// one: the statement ends in ':'), or Python 2 forms.
const SUSPECT = /[\r\n]|:$|\bprint\b|\bexec\b|\bexcept\b|\braise\b|`|<>|\b0\d|\d[lL]\b|\b[uU][rR]['"]|\b[rR][uU]['"]/;
// A statement's problems depend on its text alone; offsets are kept relative to its start, on its text's entry.
function relativeProblems(script: ParsedPython, statement: TopLevelStatement): readonly SyntaxProblem[] {
  const cached = statement.known?.syntax;
  if (cached) return cached;
  let found: SyntaxProblem[] = [];
  // A reusable statement holds no syntax error (see TopLevelStatement.reusable): its node need not be asked.
  if (SUSPECT.test(statement.text) || (!statement.reusable && statement.node().hasError)) {
    found = statementProblems(statement.tree(), script.text).map((p) => ({ ...p, start: p.start - statement.start, end: p.end - statement.start }));
  }
  if (mayExceedNesting(statement.text)) {
    found = [...found, ...nestingProblems(statement.tree()).map((p) => ({ ...p, start: p.start - statement.start, end: p.end - statement.start }))];
  }
  if (statement.known) statement.known.syntax = found;
  return found;
}

/** Every python-syntax diagnostic of a parsed Python file; an edit re-examines only the statements it changed. */
export function checkPythonSyntax(script: ParsedPython): CheckDiagnostic[] {
  const toDiagnostic = (p: SyntaxProblem) => diagnostic('python-syntax', script.lines.rangeOf(p.start, p.end), p.message);
  // Broken code at the top can make the root itself an ERROR: then there are no statements to go by.
  if (script.rootType !== 'module') return syntaxProblemsIn(script.tree.rootNode, script.text).map(toDiagnostic);
  const statements = topLevelStatements(script);
  const problems = statementListProblems(statements, script.text, '');
  for (const statement of statements) {
    for (const p of relativeProblems(script, statement)) problems.push({ ...p, start: p.start + statement.start, end: p.end + statement.start });
  }
  return problems.sort((a, b) => a.start - b.start).map(toDiagnostic);
}
