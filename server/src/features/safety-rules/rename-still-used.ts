// rename-still-used: a rename of a type, attribute or relation whose old name the rest of the script, later scripts, schema files or the application's code still use.
import type { SyntaxNode } from '../../core/python/parser';
import { catalogCallsIn } from '../script/catalog-calls';
import type { ScriptContext } from '../script/script-context';
import { findNameUses, type RenamedKind } from './name-uses';
import { literalArgument, type SafetyRule } from './safety-rule';

/** A use of an old name outside the script (a later script, a schema file, the application's code). */
export interface ElsewhereUse {
  path: string;
  /** "0.3.0_Any.py line 4", "hooks.py line 12". */
  where: string;
  /** Offsets of the name in that file's text. */
  start: number;
  end: number;
  what: string;
}

/** One rename call of the script and every use of its old name that comes after it. */
export interface RenameFacts {
  primitive: string;
  kind: RenamedKind;
  /** The entity type of a renamed attribute. */
  etype?: string;
  oldName: string;
  newName: string;
  /** The call's offsets in the script. */
  start: number;
  end: number;
  /** Uses in the script after the call: offsets, the line (1-based) and what kind of use. */
  inScript: Array<{ start: number; end: number; line: number; what: string }>;
  elsewhere: ElsewhereUse[];
}

const RENAMES: Record<string, { kind: RenamedKind; old: string; new: string }> = {
  rename_entity_type: { kind: 'entity-type', old: 'oldname', new: 'newname' },
  rename_attribute: { kind: 'attribute', old: 'oldname', new: 'newname' },
  rename_relation: { kind: 'relation-type', old: 'oldname', new: 'newname' },
  rename_relation_type: { kind: 'relation-type', old: 'oldname', new: 'newname' },
};
const RENAME_CALL = /\brename_(?:entity_type|attribute|relation_type|relation)\s*\(/;

/** True when the text may hold a rename call (its rename-still-used then reads other files). */
export function mayRename(text: string): boolean {
  return RENAME_CALL.test(text);
}

/** True when the merged schema still defines the old name: then still-in-schema speaks, and later uses may be right. */
function stillDefined(context: ScriptContext, facts: Pick<RenameFacts, 'kind' | 'oldName' | 'etype'>): boolean {
  const schema = context.schema;
  if (!schema) return false;
  if (facts.kind === 'entity-type') return schema.entityTypes.has(facts.oldName);
  if (facts.kind === 'attribute') return !!facts.etype && !!schema.entityTypes.get(facts.etype)?.attributes.has(facts.oldName);
  return schema.relationTypes.has(facts.oldName);
}

/**
 * Every rename call of the script with literal names, and the uses of each old name after it (in the script, and, when the
 * script sits in an application, in later scripts, schema files and the application's code). Undefined without renames.
 */
export function renameFactsOf(context: ScriptContext): RenameFacts[] | undefined {
  const text = context.script.text;
  if (!RENAME_CALL.test(text)) return undefined;
  const facts: RenameFacts[] = [];
  const root: SyntaxNode = context.script.tree.rootNode;
  for (const found of catalogCallsIn(context, root)) {
    const { call, primitive } = found;
    const shape = RENAMES[primitive.name];
    if (!shape) continue;
    const oldName = literalArgument(found, shape.old);
    const newName = literalArgument(found, shape.new);
    if (!oldName || !newName || oldName === newName) continue;
    const etype = shape.kind === 'attribute' ? literalArgument(found, 'etype') : undefined;
    if (stillDefined(context, { kind: shape.kind, oldName, etype })) continue;
    const inScript = findNameUses(text, oldName, shape.kind, call.end).map((use) => ({ ...use, line: context.script.lines.positionAt(use.start).line + 1 }));
    const elsewhere = context.surroundings.history?.laterUses?.(oldName, shape.kind) ?? [];
    facts.push({ primitive: primitive.name, kind: shape.kind, etype, oldName, newName, start: call.start, end: call.end, inScript, elsewhere });
  }
  return facts;
}

const SHOWN = 3;

function listed(facts: RenameFacts): string {
  const all = [...facts.inScript.map((u) => `line ${u.line} of this script (${u.what})`), ...facts.elsewhere.map((u) => `${u.where} (${u.what})`)];
  const shown = all.slice(0, SHOWN).join(', ');
  return all.length > SHOWN ? `${shown} and ${all.length - SHOWN} more` : shown;
}

export const renameStillUsed: SafetyRule = {
  code: 'rename-still-used',
  note: 'After a rename the old name is gone: a later primitive call, rql() query or RQL string of the application that still names it fails at upgrade or at run time (unknown type, attribute or relation).',
  help: 'Replace the remaining uses with the new name (quick fix), in this script after the rename, in later scripts and in the application\'s code; scripts that run before the rename keep the old name.',
  check({ calls, renameAt }) {
    const problems = [];
    for (const { call, primitive } of calls) {
      if (!RENAMES[primitive.name]) continue;
      const facts = renameAt?.(call.start);
      if (!facts) continue;
      const count = facts.inScript.length + facts.elsewhere.length;
      if (!count) continue;
      const what = facts.kind === 'attribute' ? `${facts.etype ?? '?'}.${facts.oldName}` : facts.oldName;
      problems.push({ code: 'rename-still-used' as const, start: call.start, end: call.end,
        message: `${facts.primitive}() renames ${what} to '${facts.newName}', but ${count} use${count === 1 ? '' : 's'} of '${facts.oldName}' come${count === 1 ? 's' : ''} after it: ${listed(facts)}: ${renameStillUsed.help}` });
    }
    return problems;
  },
  cases: [
    { script: "rename_entity_type('Ticket', 'Issue')\nfor x in rql('Any X WHERE X is Ticket'):\n    pass\n", expected: "rename_entity_type() renames Ticket to 'Issue', but 1 use of 'Ticket' comes after it: line 2 of this script (an RQL string)" },
    { script: "rename_attribute('Person', 'nickname', 'alias')\nrql('SET X nickname %(v)s WHERE X is Person', {'v': 'x'})\nadd_entity('Person', nickname='bob')\n", expected: "2 uses of 'nickname' come after it: line 2 of this script (an RQL string), line 3 of this script (a keyword argument)" },
    { script: "rename_relation_type('concerns', 'about')\nsync_schema_props_perms('concerns')\n", expected: "line 2 of this script (a string argument)" },
    { script: "rql('Any X WHERE X is Ticket')\nrename_entity_type('Ticket', 'Issue')\nrql('Any X WHERE X is Issue')\n# Ticket is gone now\n", expected: null },
    { script: "rename_entity_type(old, 'Issue')\nrql('Any X WHERE X is Ticket')\n", expected: null },
    { script: "rename_attribute('Person', 'nickname', 'alias')\nrql('Any X WHERE X nickname_old N')\nrql('Any N WHERE X name N, N nickname')\n", expected: null },
  ],
};
