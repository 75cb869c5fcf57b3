// add-required-without-default: add_attribute() of an attribute schema.py makes required, with no default for the existing rows.
import { attributeFacts, syncedAttributes } from './attribute-facts';
import { literalArgument, NO_FIGURES, rows, type SafetyRule } from './safety-rule';

const SCHEMA = "from yams.buildobjs import EntityType, String, Int\n\nclass Person(EntityType):\n    name = String(required=True, default=u'')\n    age = Int(required=True)\n    nickname = String()\n";

export const addRequiredWithoutDefault: SafetyRule = {
  code: 'add-required-without-default',
  note: 'A required attribute added without a default leaves every existing entity of the type without a value: the upgrade fails on the NOT NULL column, or the rows break the schema.',
  help: 'Give the attribute a default= in schema.py (quick fix), or add it optional, fill it with rql(), then make it required.',
  check({ calls, context, figures, filled }) {
    const problems = [];
    for (const call of calls) {
      // Making an existing attribute required (schema.py says so, the sync applies it): only the instance can say
      // whether rows lack a value; without figures this is the usual sync, and stays silent.
      for (const { etype, attribute } of figures ? syncedAttributes(call, context.schema, context.script.text) ?? [] : []) {
        const nulls = figures?.entityTypes[etype]?.attributes?.[attribute]?.nulls;
        if (!nulls || attributeFacts(context.schema, etype, attribute)?.required !== true) continue;
        problems.push({ code: 'add-required-without-default' as const, start: call.call.start, end: call.call.end,
          message: `${call.primitive.name}() makes ${etype}.${attribute} required as schema.py says, but ${rows(nulls, `${etype} row`)} ${nulls === 1 ? 'holds' : 'hold'} no value in it, so the NOT NULL column cannot be made: ${addRequiredWithoutDefault.help}` });
      }
      if (call.primitive.name !== 'add_attribute') continue;
      const etype = literalArgument(call, 'etype');
      const attribute = literalArgument(call, 'attrname');
      const facts = attributeFacts(context.schema, etype, attribute);
      // A reader that does not say whether it is required or has a default cannot decide.
      // Filled by the script itself (add, then SET every row): the safe recipe.
      if (!facts || facts.required !== true || facts.default !== null || filled.has(attribute!)) continue;
      const count = figures?.entityTypes[etype!]?.rows;
      if (count === 0) continue;
      const who = count !== undefined ? `the ${count} existing ${etype} entit${count === 1 ? 'y' : 'ies'}` : `existing ${etype} entities`;
      problems.push({ code: 'add-required-without-default' as const, start: call.call.start, end: call.call.end,
        message: `${etype}.${attribute} is required in schema.py and has no default, so ${who} get no value${count === undefined ? ` ${NO_FIGURES}` : ''}: ${addRequiredWithoutDefault.help}` });
    }
    return problems;
  },
  cases: [
    { script: "add_attribute('Person', 'age')\n", schema: SCHEMA, expected: `Person.age is required in schema.py and has no default, so existing Person entities get no value ${NO_FIGURES}` },
    { script: "add_attribute('Person', 'age')\n", schema: SCHEMA, figures: { entityTypes: { Person: { rows: 42 } } }, expected: 'so the 42 existing Person entities get no value:' },
    { script: "add_attribute('Person', 'age')\n", schema: SCHEMA, figures: { entityTypes: { Person: { rows: 0 } } }, expected: null },
    { script: "add_attribute('Person', 'name')\nadd_attribute('Person', 'nickname')\n", schema: SCHEMA, expected: null },
    { script: "add_attribute('Person', attr)\n", schema: SCHEMA, expected: null },
    { script: "add_attribute('Person', 'age')\nrql('SET X age 0 WHERE X is Person')\n", schema: SCHEMA, expected: null },
    { script: "add_attribute('Person', 'age')\nfor p in find('Person').entities():\n    p.cw_set(age=0)\n", schema: SCHEMA, expected: null },
    { script: "sync_schema_props_perms('Person')\n", schema: SCHEMA, figures: { entityTypes: { Person: { rows: 2000, attributes: { age: { nulls: 1204 } } } } }, expected: 'sync_schema_props_perms() makes Person.age required as schema.py says, but 1204 Person rows hold no value in it' },
    { script: "sync_schema_props_perms(('Person', 'age', 'Int'))\n", schema: SCHEMA, figures: { entityTypes: { Person: { rows: 2000, attributes: { age: { nulls: 1 } } } } }, expected: 'but 1 Person row holds no value in it' },
    { script: "sync_schema_props_perms('Person')\nsync_schema_props_perms('age', syncprops=False)\n", schema: SCHEMA, figures: { entityTypes: { Person: { rows: 2000, attributes: { age: { nulls: 0 }, nickname: { nulls: 7 } } } } }, expected: null },
    { script: "sync_schema_props_perms('Person')\n", schema: SCHEMA, expected: null },
  ],
};
