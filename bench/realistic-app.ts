// Generates, from a seed, an application that looks like a real one: a 300-type schema.py, a 1,000-line depends.map, N scripts of 10–80 lines and one of 2,000.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../test/core/rql-generated-queries';

export interface RealisticApp {
  /** The workspace folder (holding app/). */
  workspace: string;
  root: string;
  schemaPath: string;
  /** Every script's path, in file-name order. */
  scripts: string[];
  /** The type the rename figures rename, and the scripts naming it (their diagnostics change with the rename). */
  renamedType: string;
  scriptsNamingRenamedType: string[];
  /** Offset of a docstring's inside in schema.py (a keystroke there changes no type). */
  docstringOffset: number;
  schemaText: string;
  /** A 40-line script for the request figures, with cursor positions in it. */
  openScript: { path: string; text: string; completion: Position; hover: Position; signature: Position };
}

interface Position {
  line: number;
  character: number;
}


const PREFIXES = ['Project', 'Ticket', 'Invoice', 'Customer', 'Order', 'Product', 'Contract', 'Employee', 'Document', 'Folder', 'Course', 'Student', 'Booking', 'Vehicle', 'Supplier', 'Payment', 'Station', 'Sensor', 'Campaign', 'Survey'];
const SUFFIXES = ['', 'Line', 'Version', 'Note', 'Group', 'Type', 'Item', 'Event', 'Report', 'Review', 'Link', 'State', 'Record', 'Entry', 'Tag'];
const TYPES = PREFIXES.flatMap((p) => SUFFIXES.map((s) => p + s)); // 300
const WORDS = ['title', 'label', 'code', 'amount', 'rank', 'comment', 'reference', 'starts_on', 'ends_on', 'weight', 'color', 'priority', 'summary', 'notes', 'budget', 'location'];

interface TypeModel {
  name: string;
  attributes: string[];
  relations: Array<{ name: string; target: string }>;
}

function schemaOf(rand: () => number): { text: string; types: TypeModel[]; docstringOffset: number } {
  const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)];
  const out: string[] = [
    '# -*- coding: utf-8 -*-',
    '"""Data model of the benchmark application (generated; shaped like a large real cube)."""',
    '',
    'from yams.buildobjs import (EntityType, RelationType, RelationDefinition, SubjectRelation, ObjectRelation,',
    '                            String, RichString, Int, Float, Boolean, Date, Datetime, Bytes)',
    'from yams.constraints import SizeConstraint, UniqueConstraint, BoundaryConstraint',
    '',
    "MANAGERS_ONLY = {'read': ('managers', 'users', 'guests'), 'add': ('managers',), 'update': ('managers',), 'delete': ('managers',)}",
    '',
  ];
  const types: TypeModel[] = [];
  let docstringOffset = -1;
  TYPES.forEach((name, i) => {
    const attributes = ['name', 'description', ...WORDS.filter(() => rand() < 0.22).slice(0, 6), `${name.toLowerCase()}_code`];
    const relations = [
      { name: `${name.toLowerCase()}_of`, target: TYPES[(i + 1) % TYPES.length] },
      { name: `related_${WORDS[i % WORDS.length]}`, target: TYPES[(i + 7) % TYPES.length] },
    ];
    types.push({ name, attributes, relations });
    out.push(`class ${name}(EntityType):`);
    const doc = `    """A ${name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}: one per ${name.toLowerCase()} recorded.`;
    if (docstringOffset < 0 && i === 150) docstringOffset = out.join('\n').length + 1 + doc.length - 10;
    out.push(doc, '    """');
    if (i % 10 === 0) out.push('    __permissions__ = MANAGERS_ONLY');
    out.push('    name = String(required=True, fulltextindexed=True, maxsize=256)');
    out.push("    description = RichString(fulltextindexed=True)");
    for (const attribute of attributes.slice(2, -1)) {
      const kind = pick(['String(maxsize=64)', 'Int(default=0)', 'Float()', 'Boolean(default=False)', 'Date()', "String(vocabulary=('low', 'normal', 'high'), default='normal', internationalizable=True)"]);
      out.push(`    ${attribute} = ${kind}`);
    }
    out.push(`    ${name.toLowerCase()}_code = String(required=True, unique=True, maxsize=32)`);
    if (i % 3 === 0) out.push('    # relations to the rest of the model');
    out.push(`    ${relations[0].name} = SubjectRelation('${relations[0].target}', cardinality='?*', inlined=True)`);
    out.push(`    ${relations[1].name} = SubjectRelation(('${relations[1].target}', '${TYPES[(i + 11) % TYPES.length]}'), cardinality='**')`);
    out.push('');
    out.push('');
  });
  for (let i = 0; i < 40; i++) {
    out.push(`class concerns_${i}(RelationDefinition):`, `    """Which ${TYPES[i * 7]} a ${TYPES[i * 7 + 3]} is about."""`, `    subject = '${TYPES[i * 7 + 3]}'`, `    object = '${TYPES[i * 7]}'`, "    cardinality = '**'", '', '');
  }
  return { text: out.join('\n') + '\n', types, docstringOffset };
}

// Schema changes are repository-side: real histories are mostly Any and repository scripts.
const MODES = ['Any', 'Any', 'Any', 'Any', 'Any', 'repository'] as const;

/** One script body of 10–80 lines, mostly right, sometimes with a mistake a user makes. */
function scriptBody(rand: () => number, types: TypeModel[], lines: number, mistakes: boolean): { text: string; named: Set<string> } {
  const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)];
  const named = new Set<string>();
  const type = () => {
    const t = pick(types);
    named.add(t.name);
    return t;
  };
  const out: string[] = [`# ${pick(['Adds', 'Moves', 'Renames', 'Cleans up', 'Fills'])} ${pick(WORDS)} data (ticket #${Math.floor(rand() * 9000) + 1000})`];
  while (out.length < lines) {
    const t = type();
    const attribute = pick(t.attributes);
    switch (Math.floor(rand() * 11)) {
      case 0:
        out.push(`add_attribute('${t.name}', '${attribute}')`);
        break;
      case 1:
        out.push(`add_entity_type('${t.name}')`, `synchronize_eschema('${t.name}')`);
        break;
      case 2: {
        const other = type();
        out.push(`add_relation_definition('${t.name}', '${t.relations[0].name}', '${t.relations[0].target}')`, `change_relation_props('${other.name}', '${other.relations[0].name}', '${other.relations[0].target}', cardinality='?*')`);
        named.add(t.relations[0].target), named.add(other.relations[0].target);
        break;
      }
      case 3:
        out.push(`for eid, value in rql('Any X, V WHERE X is ${t.name}, X ${attribute} V'):`, "    if value is None:", `        rql('SET X ${attribute} %(v)s WHERE X eid %(x)s', {'x': eid, 'v': 'unknown'})`, "    else:", '        print(eid, value)');
        break;
      case 4:
        out.push(`rset = rql('Any X WHERE X is ${t.name}, X name N, NOT X ${t.relations[0].name} Y')`, 'for (eid,) in rset:', rand() < 0.1 ? `    rql('DELETE ${t.name} X WHERE X eid %(x)s', {'x': eid})` : `    rql('SET X ${attribute} NULL WHERE X eid %(x)s', {'x': eid})`, 'commit()');
        break;
      case 5:
        out.push(`sqlexec('UPDATE cw_${t.name.toLowerCase()} SET cw_${attribute} = NULL WHERE cw_${attribute} = %(old)s', {'old': ''})`);
        break;
      case 6:
        out.push('# keep the old values around until the next release: the import tools still read them', `if confirm('Drop the obsolete ${attribute} values of ${t.name}?'):`, `    rql('SET X ${attribute} NULL WHERE X is ${t.name}')`);
        break;
      case 7:
        out.push(`synchronize_permissions('${t.name}')`, `set_size_constraint('${t.name}', '${t.attributes[0]}', 256)`);
        break;
      case 8:
        out.push(`create_entity('${t.name}', name=u'default ${t.name.toLowerCase()}')`, 'commit()');
        break;
      case 9:
        out.push('', `def migrate_${attribute}(eid, value):`, `    """Copies ${attribute} to its new home."""`, `    rql('SET X ${attribute} %(v)s WHERE X eid %(x)s', {'x': eid, 'v': value})`, '');
        break;
      default:
        out.push(`checkpoint()`);
    }
  }
  if (mistakes) {
    const t = type();
    switch (Math.floor(rand() * 4)) {
      case 0:
        out.push(`add_attribute('${t.name}x', 'name')`); // unknown-entity-type, with a suggestion
        break;
      case 1:
        out.push(`add_attribute('${t.name}', 'nmae')`); // unknown-attribute
        break;
      case 2:
        out.push(`rql('Any X WHERE X is ${t.name}, X name')`); // rql-syntax
        break;
      default:
        out.push(`drop_entity_type('${t.name}')`); // still-in-schema
    }
  }
  return { text: out.join('\n') + '\n', named };
}

/** Writes the application under `workspace/app` and says where its parts are. */
export function generateRealisticApp(workspace: string, scriptCount: number, seed = 17): RealisticApp {
  const rand = seededRandom(seed);
  const root = join(workspace, 'app');
  const migration = join(root, 'migration');
  mkdirSync(migration, { recursive: true });
  writeFileSync(join(root, '__pkginfo__.py'), "# pylint: disable=W0622\n\"\"\"bench application packaging information\"\"\"\n\nmodname = 'bench'\ndistname = 'cubicweb-bench'\nnumversion = (900, 0, 0)\nversion = '.'.join(str(num) for num in numversion)\n__depends__ = {'cubicweb': '>= 3.28.0', 'cubicweb-file': None}\n");
  const schema = schemaOf(rand);
  const schemaPath = join(root, 'schema.py');
  writeFileSync(schemaPath, schema.text);
  const renamedType = schema.types[150].name;
  const scripts: string[] = [];
  const scriptsNamingRenamedType: string[] = [];
  const versions: string[] = [];
  for (let i = 0; i < scriptCount; i++) {
    const version = `${Math.floor(i / 25)}.${i % 25}.0`;
    versions.push(version);
    // One in 40 scripts carries a mistake, and the last one always does (so its publication ends the cold check).
    const mistakes = rand() < 0.025 || i === scriptCount - 1;
    const lines = i === Math.floor(scriptCount / 2) ? 2_000 : 10 + Math.floor(rand() * 71);
    const { text, named } = scriptBody(rand, schema.types, lines, mistakes);
    // A few file names are wrong too (mode in lower case).
    const mode = i % 97 === 13 ? 'any' : MODES[Math.floor(rand() * MODES.length)];
    const path = join(migration, `${version}_${pick(rand, WORDS)}_${i}_${mode}.py`);
    writeFileSync(path, text);
    scripts.push(path);
    if (named.has(renamedType)) scriptsNamingRenamedType.push(path);
  }
  const map = ['# framework version each application version needs'];
  for (let i = 0; map.length < 1_000; i++) map.push(`${Math.floor(i / 20)}.${i % 20}.0 : 2.${Math.min(28, Math.floor(i / 40))}.0`);
  writeFileSync(join(migration, 'depends.map'), map.join('\n') + '\n');
  scripts.sort();
  // The script the editor has open: a plain 40-line one with known cursor positions.
  const t = schema.types[42];
  const openLines = ['# the script being edited', ...Array.from({ length: 12 }, (_, k) => [`add_attribute('${t.name}', '${t.attributes[k % t.attributes.length]}')`, `for eid, in rql('Any X WHERE X is ${t.name}'):`, `    rql('SET X name %(n)s WHERE X eid %(x)s', {'x': eid, 'n': 'x'})`]).flat(), `change_relation_props('${t.name}', '${t.relations[0].name}', '${t.relations[0].target}', cardinality='?*')`, `add_attribute('${t.name}', 'nmae')`, 'checkpoint()'];
  const openPath = join(migration, `${Math.floor(scriptCount / 25) + 1}.0.0_edited_Any.py`);
  const openText = openLines.join('\n') + '\n';
  writeFileSync(openPath, openText);
  scripts.push(openPath);
  scripts.sort();
  const openScript = {
    path: openPath,
    text: openText,
    completion: { line: 1, character: `add_attribute('${t.name}', '`.length },
    hover: { line: 1, character: `add_attribute('`.length + 2 },
    signature: { line: openLines.length - 3, character: `change_relation_props('${t.name}', `.length },
  };
  return { workspace, root, schemaPath, scripts, renamedType, scriptsNamingRenamedType, docstringOffset: schema.docstringOffset, schemaText: schema.text, openScript };
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)];
}

/** The old benchmark's workspace: N scripts of two lines each (`# step i` / `print(...)`), one in 100 misnamed. */
export function generateTwoLineApp(workspace: string, scriptCount: number): string[] {
  const migration = join(workspace, 'app/migration');
  mkdirSync(migration, { recursive: true });
  writeFileSync(join(workspace, 'app/__pkginfo__.py'), 'numversion = (60, 0, 0)\n');
  const scripts: string[] = [];
  for (let i = 0; i < scriptCount; i++) {
    const version = `${Math.floor(i / 100)}.${i % 100}.0`;
    const mode = i % 100 === 99 ? 'any' : ['Any', 'repository', 'web', 'common'][i % 4];
    const path = join(migration, `${version}_step_${i}_${mode}.py`);
    writeFileSync(path, `# step ${i}\nprint("step ${i}")\n`);
    scripts.push(path);
  }
  const lines = ['# generated'];
  for (let i = 0; i < 998; i++) lines.push(`${Math.floor(i / 20)}.${i % 20}.0 : 2.${Math.floor(i / 40)}.0`);
  lines.push('99.0.0 : 2.28.0');
  writeFileSync(join(migration, 'depends.map'), `${lines.join('\n')}\n`);
  return scripts.sort();
}
