// size-shrink: set_size_constraint() to a size that stored values exceed.
import { attributeFacts, syncedAttributes } from './attribute-facts';
import { integerArgument, literalArgument, rows, type SafetyRule } from './safety-rule';

export const sizeShrink: SafetyRule = {
  code: 'size-shrink',
  note: 'A size constraint smaller than stored values makes the upgrade fail on PostgreSQL (the column cannot shrink) and leaves too long values behind on SQLite; decided on the instance\'s figures (silent without them).',
  help: 'Find and shorten the long values first (an rql() SET or a sql() UPDATE), or keep the larger size.',
  check({ calls, figures, context }) {
    const problems = [];
    for (const call of calls) {
      // schema.py's maxsize applied by a sync: values longer than it are the same problem.
      for (const { etype, attribute } of figures ? syncedAttributes(call, context.schema, context.script.text) ?? [] : []) {
        const size = attributeFacts(context.schema, etype, attribute)?.maxsize;
        const stats = figures?.entityTypes[etype]?.attributes?.[attribute];
        if (typeof size !== 'number' || !stats) continue;
        const longer = stats.longerThan?.[String(size)];
        if (longer === 0 || (longer === undefined && (stats.maxLength === undefined || stats.maxLength === null || stats.maxLength <= size))) continue;
        const how = longer !== undefined ? `${rows(longer, 'stored value')} ${longer === 1 ? 'is' : 'are'} longer` : `the longest stored value has ${stats.maxLength} characters`;
        problems.push({ code: 'size-shrink' as const, start: call.call.start, end: call.call.end,
          message: `${call.primitive.name}() limits ${etype}.${attribute} to ${size} characters as schema.py says (maxsize=${size}), but ${how}: ${sizeShrink.help}` });
      }
      if (call.primitive.name !== 'set_size_constraint') continue;
      const etype = literalArgument(call, 'etype');
      const attribute = literalArgument(call, 'rtype') ?? literalArgument(call, 'attr') ?? literalArgument(call, 'attrname');
      const sizeParameter = call.primitive.parameters.find((p) => /size/.test(p.name))?.name ?? 'size';
      const size = integerArgument(call, sizeParameter, context.script.text);
      if (etype === undefined || attribute === undefined || typeof size !== 'number') continue;
      const figure = figures?.entityTypes[etype];
      const at = { code: 'size-shrink' as const, start: call.call.start, end: call.call.end };
      // Without figures nothing says the size is smaller than before, nor that any value is longer: no guess.
      if (!figure) continue;
      const stats = figure.attributes?.[attribute];
      const longer = stats?.longerThan?.[String(size)];
      const longest = stats?.maxLength;
      if (longer === 0 || (longer === undefined && (longest === undefined || longest === null || longest <= size))) continue;
      const how = longer !== undefined ? `${rows(longer, 'stored value')} ${longer === 1 ? 'is' : 'are'} longer than ${size} characters` : `the longest stored value has ${longest} characters`;
      problems.push({ ...at, message: `set_size_constraint() limits ${etype}.${attribute} to ${size} characters, but ${how}: ${sizeShrink.help}` });
    }
    return problems;
  },
  cases: [
    { script: "set_size_constraint('Person', 'name', 32)\n", expected: null },
    { script: "set_size_constraint('Person', 'name', 32)\n", figures: { entityTypes: { Person: { rows: 10, attributes: { name: { maxLength: 40, longerThan: { 32: 2 } } } } } }, expected: 'but 2 stored values are longer than 32 characters' },
    { script: "set_size_constraint('Person', 'name', 32)\n", figures: { entityTypes: { Person: { rows: 10, attributes: { name: { maxLength: 40 } } } } }, expected: 'but the longest stored value has 40 characters' },
    { script: "set_size_constraint('Person', 'name', 64)\n", figures: { entityTypes: { Person: { rows: 10, attributes: { name: { maxLength: 40 } } } } }, expected: null },
    { script: "set_size_constraint('Person', 'name', None)\nset_size_constraint('Person', 'name', size)\n", expected: null },
    { script: "sync_schema_props_perms('Person')\n", schema: "from yams.buildobjs import EntityType, String\n\nclass Person(EntityType):\n    name = String(maxsize=20)\n", figures: { entityTypes: { Person: { rows: 10, attributes: { name: { maxLength: 31, longerThan: { 20: 3 } } } } } }, expected: 'limits Person.name to 20 characters as schema.py says (maxsize=20), but 3 stored values are longer' },
    { script: "sync_schema_props_perms('Person')\n", schema: "from yams.buildobjs import EntityType, String\n\nclass Person(EntityType):\n    name = String(maxsize=20)\n", figures: { entityTypes: { Person: { rows: 10, attributes: { name: { maxLength: 12, longerThan: { 20: 0 } } } } } }, expected: null },
  ],
};
