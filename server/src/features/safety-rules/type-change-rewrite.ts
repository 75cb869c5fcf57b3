// type-change-rewrite: change_attribute_type() rewrites every stored value, and a narrower type may truncate or refuse some.
import { literalArgument, rows, type SafetyRule } from './safety-rule';

// Types that cannot hold every value of most other types: a conversion into them may truncate or fail.
const NARROW = new Set(['Int', 'BigInt', 'Boolean', 'Date', 'Time', 'TZTime', 'Bytes', 'Interval', 'Decimal']);

export const typeChangeRewrite: SafetyRule = {
  code: 'type-change-rewrite',
  note: 'change_attribute_type() rewrites every stored value of the attribute (on PostgreSQL a table rewrite that locks it); converting to a narrower type truncates values or stops the upgrade on the first that does not convert.',
  help: 'Check first that every value converts (an rql() query, or erudi-migrate rehearse on a copy), keep the change in a script of its own, and make sure a backup exists.',
  check({ calls, figures }) {
    const problems = [];
    for (const call of calls) {
      if (call.primitive.name !== 'change_attribute_type') continue;
      const etype = literalArgument(call, 'etype');
      const attribute = literalArgument(call, 'attr') ?? literalArgument(call, 'attrname');
      const newtype = literalArgument(call, 'newtype');
      if (etype === undefined || attribute === undefined || newtype === undefined) continue;
      const count = figures?.entityTypes[etype]?.rows;
      if (count === 0) continue;
      const scope = count !== undefined ? `the ${rows(count, 'stored value')} of ${etype}.${attribute}` : `every stored value of ${etype}.${attribute}`;
      const risk = NARROW.has(newtype) ? `; values that do not fit ${newtype} are truncated or stop the upgrade` : '';
      problems.push({ code: 'type-change-rewrite' as const, start: call.call.start, end: call.call.end,
        message: `change_attribute_type() rewrites ${scope} as ${newtype}${risk}: ${typeChangeRewrite.help}` });
    }
    return problems;
  },
  cases: [
    { script: "change_attribute_type('Person', 'age', 'Float')\n", expected: 'rewrites every stored value of Person.age as Float:' },
    { script: "change_attribute_type('Ticket', 'priority', 'Int')\n", expected: "values that do not fit Int are truncated or stop the upgrade" },
    { script: "change_attribute_type('Person', 'age', 'Float')\n", figures: { entityTypes: { Person: { rows: 3 } } }, expected: 'rewrites the 3 stored values of Person.age' },
    { script: "change_attribute_type('Person', 'age', 'Float')\n", figures: { entityTypes: { Person: { rows: 0 } } }, expected: null },
    { script: "change_attribute_type(etype, 'age', 'Float')\n", expected: null },
  ],
};
