// The one list of safety rules: the checks run them, hover and `check --explain CODE` read their note and help from here.
import type { DiagnosticCode } from '../../core/diagnostic-codes';
import { addRequiredWithoutDefault } from './add-required-without-default';
import type { SafetyRule } from './safety-rule';
import { renameStillUsed } from './rename-still-used';
import { schemaChangeInSql } from './schema-change-in-sql';
import { sizeShrink } from './size-shrink';
import { typeChangeRewrite } from './type-change-rewrite';
import { unboundedDataLoop } from './unbounded-data-loop';
import { unguardedDrop } from './unguarded-drop';
import { uniqueOnExistingData } from './unique-on-existing-data';
import { unrestrictedWrite } from './unrestricted-write';

// Add a rule: write safety-rules/<code>.ts (code, note, help, check, cases), add its code to core/diagnostic-codes.ts, list it here.
export const SAFETY_RULES: readonly SafetyRule[] = [
  addRequiredWithoutDefault,
  typeChangeRewrite,
  sizeShrink,
  uniqueOnExistingData,
  renameStillUsed,
  unguardedDrop,
  schemaChangeInSql,
  unboundedDataLoop,
  unrestrictedWrite,
];

const byCode = new Map<string, SafetyRule>(SAFETY_RULES.map((rule) => [rule.code, rule]));

export function safetyRule(code: DiagnosticCode | string): SafetyRule | undefined {
  return byCode.get(code);
}
