// unique-on-existing-data: a unique attribute added with a default, which every existing row then shares.
import { attributeFacts, syncedAttributes } from './attribute-facts';
import { literalArgument, NO_FIGURES, rows, type SafetyRule } from './safety-rule';

const SCHEMA = "from yams.buildobjs import EntityType, String\n\nclass Person(EntityType):\n    code = String(unique=True, default=u'none')\n    login = String(unique=True)\n";

export const uniqueOnExistingData: SafetyRule = {
  code: 'unique-on-existing-data',
  note: 'A unique constraint (unique=True, __unique_together__) created over existing rows fails when they hold the same value, which is certain when a new attribute gives them all its default.',
  help: 'Add the attribute without unique (or without default), give each entity its own value with rql(), then make it unique with sync_schema_props_perms().',
  check({ calls, context, figures }) {
    const problems = [];
    for (const call of calls) {
      // An existing attribute schema.py made unique: the instance says whether stored values collide.
      for (const { etype, attribute } of figures ? syncedAttributes(call, context.schema, context.script.text) ?? [] : []) {
        const duplicates = figures?.entityTypes[etype]?.attributes?.[attribute]?.duplicates;
        if (!duplicates || attributeFacts(context.schema, etype, attribute)?.unique !== true) continue;
        problems.push({ code: 'unique-on-existing-data' as const, start: call.call.start, end: call.call.end,
          message: `${call.primitive.name}() makes ${etype}.${attribute} unique as schema.py says, but ${rows(duplicates, `${etype} row`)} ${duplicates === 1 ? 'repeats' : 'repeat'} a value another row holds, so the unique constraint cannot be created: ${uniqueOnExistingData.help}` });
      }
      if (call.primitive.name !== 'add_attribute') continue;
      const etype = literalArgument(call, 'etype');
      const attribute = literalArgument(call, 'attrname');
      const facts = attributeFacts(context.schema, etype, attribute);
      if (!facts || facts.unique !== true || facts.default === undefined || facts.default === null) continue;
      const count = figures?.entityTypes[etype!]?.rows;
      // Fewer than two rows cannot collide.
      if (count !== undefined && count < 2) continue;
      const who = count !== undefined ? `the ${count} existing ${etype} entities` : `existing ${etype} entities`;
      problems.push({ code: 'unique-on-existing-data' as const, start: call.call.start, end: call.call.end,
        message: `${etype}.${attribute} is unique and has a default, so ${who} all get ${JSON.stringify(facts.default)} and the unique constraint cannot be created${count === undefined ? ` ${NO_FIGURES}` : ''}: ${uniqueOnExistingData.help}` });
    }
    return problems;
  },
  cases: [
    { script: "add_attribute('Person', 'code')\n", schema: SCHEMA, expected: 'Person.code is unique and has a default, so existing Person entities all get "none"' },
    { script: "add_attribute('Person', 'code')\n", schema: SCHEMA, figures: { entityTypes: { Person: { rows: 5 } } }, expected: 'so the 5 existing Person entities all get "none"' },
    { script: "add_attribute('Person', 'code')\n", schema: SCHEMA, figures: { entityTypes: { Person: { rows: 1 } } }, expected: null },
    { script: "add_attribute('Person', 'login')\n", schema: SCHEMA, expected: null },
    { script: "sync_schema_props_perms('login')\n", schema: SCHEMA, figures: { entityTypes: { Person: { rows: 9, attributes: { login: { duplicates: 5 } } } } }, expected: 'sync_schema_props_perms() makes Person.login unique as schema.py says, but 5 Person rows repeat a value another row holds' },
    { script: "sync_schema_props_perms()\n", schema: SCHEMA, figures: { entityTypes: { Person: { rows: 9, attributes: { login: { duplicates: 0 } } } } }, expected: null },
  ],
};
