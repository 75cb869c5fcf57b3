// One statement in many scripts: its cached result is shared only with scripts that answer what it read of its script (age, removed names, filled attributes) the same way.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Mode } from '../../server/src/core/mode';
import { parseModelVersion } from '../../server/src/core/model-version';
import { ParsedPython } from '../../server/src/core/python/parsed-python';
import { readSchema } from '../../server/src/core/schema/read-schema';
import type { ApplicationSchema } from '../../server/src/core/schema/application-schema';
import { checkScript, checkScriptTracked, forgetStatementResults } from '../../server/src/features/script/check-script';
import { scriptContext, type ScriptContext, type ScriptHistory } from '../../server/src/features/script/script-context';
import { parser, prepareScriptTests } from './script-support';

let schema: ApplicationSchema;

before(async () => {
  await prepareScriptTests();
  schema = readSchema(parser, [
    'from yams.buildobjs import EntityType, String, Int',
    '',
    'class Person(EntityType):',
    "    name = String(required=True, default=u'')",
    '    age = Int(required=True)',
    '',
  ].join('\n'), '/app/schema.py');
});

// Statements that read something of their script: unknown names (advice by age, tolerated when removed), an added
// required attribute (safe when the script fills it), a drop (named by the script).
const STATEMENTS = [
  "rql('Any X WHERE X is Legacy')",
  "rql('Any X WHERE X is Persn')",
  "rql('Any X WHERE X is Person, X nme N')",
  "add_attribute('Person', 'age')",
  "add_attribute('Persn', 'age')",
  "rql('Any X WHERE X is Person')",
];

interface Variant {
  version?: string;
  numversion?: string;
  /** What later scripts remove (name → script). */
  later?: Record<string, string>;
  /** Lines the script has besides the shared statements. */
  own?: string[];
  /** The script's mode (default Any): rql() and add_attribute() are repository-side. */
  mode?: Mode;
}

const VARIANTS: Variant[] = [
  { version: '0.1.0', numversion: '0.3.0', later: { Legacy: '0.2.0_Any.py' } },
  { version: '0.2.5', numversion: '0.3.0' },
  { version: '0.4.0', numversion: '0.3.0' },
  // No numversion: a later drop still tolerates the name, and the cache must not share it with a later script.
  { version: '0.1.0', later: { Legacy: '0.2.0_Any.py' } },
  { version: '0.3.0' },
  {},
  { version: '0.1.0', numversion: '0.3.0', own: ["rql('SET X age 1 WHERE X is Person')"] },
  { version: '0.4.0', own: ["drop_entity_type('Legacy')"] },
  { own: ["drop_attribute('Person', 'nme')", "rql('SET X age 1 WHERE X is Person')"] },
  // The mode and whether the script asks questions are read by the statements they matter to only.
  { version: '0.4.0', mode: 'repository' },
  { version: '0.4.0', mode: 'web' },
  { mode: 'common', own: ["drop_entity_type('Legacy')"] },
  { version: '0.4.0', own: ["confirm('Drop the old types?')", "drop_entity_type('Legacy')"] },
];

function contextOf(variant: Variant): ScriptContext {
  const text = [...(variant.own ?? []), ...STATEMENTS].join('\n') + '\n';
  const version = variant.version ? parseModelVersion(variant.version)! : undefined;
  const history: ScriptHistory | undefined = version && {
    version,
    ...(variant.numversion ? { numversion: parseModelVersion(variant.numversion)! } : {}),
    removedBy: (name: string) => variant.later?.[name],
  };
  return scriptContext(ParsedPython.parse(parser, text), variant.mode ?? 'Any', schema, '/app/schema.py', undefined, {
    describe: (l) => `schema.py line ${l.line + 1}`, missingCubes: [], ...(history ? { history } : {}),
  });
}

const render = (context: ScriptContext) => checkScript(context).map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code} ${d.message}`);

test('each script gets the diagnostics of a check from nothing, whatever scripts were checked before it', () => {
  const alone = VARIANTS.map((variant) => {
    forgetStatementResults();
    return render(contextOf(variant));
  });
  // The variants differ where they should (else the comparison below proves nothing).
  assert.notDeepEqual(alone[0], alone[1]);
  assert.notDeepEqual(alone[3], alone[4]);
  assert.notDeepEqual(alone[0], alone[6]);
  assert.notDeepEqual(alone[9], alone[10]);
  assert.ok(alone[10].some((line) => line.includes('not-available-in-mode')), alone[10].join('\n'));
  assert.ok(alone[12].some((line) => line.includes('unguarded-drop')), alone[12].join('\n'));
  assert.ok(!alone[7].some((line) => line.includes('unguarded-drop')), alone[7].join('\n'));
  for (const order of [VARIANTS.map((_, i) => i), VARIANTS.map((_, i) => VARIANTS.length - 1 - i)]) {
    forgetStatementResults();
    for (let round = 0; round < 2; round++) {
      for (const i of order) assert.deepEqual(render(contextOf(VARIANTS[i])), alone[i], `variant ${i} after others (round ${round})`);
    }
  }
});

test('a statement that reads nothing of its script but whether its mode allows its primitives is checked once for all scripts', () => {
  forgetStatementResults();
  const first = checkScriptTracked(contextOf(VARIANTS[0])).results;
  const second = checkScriptTracked(contextOf(VARIANTS[2])).results;
  const repository = checkScriptTracked(contextOf(VARIANTS[9])).results;
  // The last shared statement names only known things: the same cached result serves the Any and repository scripts.
  assert.equal(second.at(-1), first.at(-1));
  assert.equal(repository.at(-1), first.at(-1));
  assert.deepEqual(first.at(-1)!.scriptReads, ['modeIn:Any,repository', '1']);
  // A web script answers otherwise: rql() is not available there.
  assert.notEqual(checkScriptTracked(contextOf(VARIANTS[10])).results.at(-1), first.at(-1));
  // The unknown type reads the script's age: not shared between an old script and a current one.
  assert.notEqual(second.at(-5), first.at(-5));
});
