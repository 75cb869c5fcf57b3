// The language server's knowledge of RQL strings: syntax check and completion from the runtime's grammar file.
export { checkRql } from './check';
export { completeRql, rqlWordStart, variableTypes, type RqlSchema, type RqlCompletion, type RqlCompletionKind } from './complete';
export { parseRql, sexpr, type RqlParse, type RqlSyntaxProblem, type RqlNode, type RqlToken } from './parser';
export { checkRqlNames, rqlNameSchema, type RqlNameSchema, type RqlNameProblem, type RqlNameOptions } from './check-names';
