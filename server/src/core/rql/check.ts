// Checks the text of an RQL query against the shared grammar and returns its syntax problems (none or one).
import { parseRql, type RqlSyntaxProblem } from './parser';

/** Syntax problems of an RQL query, offsets relative to the query text. Pure: no LSP types. */
export function checkRql(text: string): RqlSyntaxProblem[] {
  const { problem } = parseRql(text);
  return problem ? [problem] : [];
}
