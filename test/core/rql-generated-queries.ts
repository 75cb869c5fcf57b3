// Generated RQL queries for the differential test of the two parsers (fixed seed), and each twin's verdicts on them.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import fixture from '../fixtures/rql-cases.json';
import { parseRql, sexpr } from '../../server/src/core/rql/parser';

/** A small, fast, seeded generator (mulberry32): the same seed gives the same queries on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'Any', 'DISTINCT', 'X', 'Y', 'N', 'X1', 'A_B', 'WHERE', 'where', 'is', 'IS', 'is_instance_of', 'identity', 'eid', 'Person', 'CWUser', 'EUser', 'Any',
  'name', 'knows', 'in_state', 'owned_by', 'creation_date', ',', ',', '(', ')', '(', ')', ':', ';', '?', '=', '!=', '<', '<=', '>', '>=', '~=', '+', '-',
  '*', '/', '%', 'LIKE', 'ILIKE', 'REGEXP', 'IN', 'NOT', 'OR', 'AND', 'EXISTS', 'NULL', 'TRUE', 'false', 'TODAY', 'NOW', 'GROUPBY', 'ORDERBY', 'ASC',
  'DESC', 'LIMIT', 'OFFSET', 'HAVING', 'WITH', 'BEING', 'UNION', 'INSERT', 'SET', 'DELETE', 'COUNT', 'UPPER', 'f', '1', '42', '-3', '1.5', '2.',
  '"a"', "'b'", '"a\\"b"', "'\\''", '""', '%(x)s', '%(1)s', '%(x)', '/* c */', '"', "'", '/*', '$', '\\', '日本', '😀', '\u00a0', '\u2028', '\x1c',
  '\u0085', '\t', '\n', '\r\n', '\r', '\ufeff', '\u200b', '\u0660', 'ß', 'ı', 'K',
];
const ODD = ' \t\n\r"\'\\/*()%,;:?=<>!~+-_.0123456789aAzZXé日😀\u00a0\u2028\u2029\u0085\x0b\x0c\x1c\x1d\x1e\x1f\u3000\ufeff\u200b\u0660';

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const oddChars = [...ODD];

function tokenSoup(random: () => number): string {
  const n = 1 + Math.floor(random() * 14);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(pick(random, WORDS));
  const glue = random() < 0.8 ? ' ' : '';
  return parts.join(glue);
}

function mutation(random: () => number, queries: string[]): string {
  let text = pick(random, queries);
  const edits = 1 + Math.floor(random() * 3);
  for (let e = 0; e < edits; e++) {
    const chars = [...text];
    const at = Math.floor(random() * (chars.length + 1));
    const kind = random();
    if (kind < 0.25) chars.splice(at, 1 + Math.floor(random() * 3));
    else if (kind < 0.5) chars.splice(at, 0, pick(random, oddChars));
    else if (kind < 0.75) chars.splice(at, 0, ` ${pick(random, WORDS)} `);
    else chars.length = at;
    text = chars.join('');
  }
  return text;
}

const SPACES = [' ', '\t', '\n', '\r\n', '\u00a0', '\u2028', '\u3000', '\x1c', '\u0085', ' /* c */ ', '  '];

/** A table query respelled the way the grammar ignores: other spaces, comments, keyword case. */
function respelled(random: () => number, queries: string[]): string {
  return pick(random, queries)
    .replace(/ /g, () => (random() < 0.3 ? pick(random, SPACES) : ' '))
    .replace(/\b(WHERE|OR|AND|NOT|EXISTS|ORDERBY|GROUPBY|LIMIT|IN|LIKE|NULL|TRUE)\b/g, (k) => (random() < 0.5 ? k.toLowerCase() : k));
}

function oddText(random: () => number): string {
  const n = Math.floor(random() * 20);
  let text = '';
  for (let i = 0; i < n; i++) text += pick(random, oddChars);
  return random() < 0.5 ? `Any X WHERE X name ${text}` : text;
}

/** `count` queries from `seed`: token soup, mutated or respelled table queries, odd characters. */
export function generatedQueries(count: number, seed = 20261202): string[] {
  const random = seededRandom(seed);
  const table = (fixture as { cases: { query: string }[] }).cases.map((c) => c.query).filter((q) => q.length < 400);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const kind = random();
    out.push(kind < 0.3 ? tokenSoup(random) : kind < 0.65 ? mutation(random, table) : kind < 0.85 ? respelled(random, table) : oddText(random));
  }
  return out;
}

const root = join(__dirname, '..', '..');
const python = process.env.ERUDI_TEST_PYTHON ?? '/usr/bin/python3';

/** The same shape as test/runtime/rql_cases.py's verdict; offsets in code points, as Python counts. */
export function tsVerdict(query: string): unknown {
  const result = parseRql(query);
  if (result.tree) return { tree: sexpr(result.tree) };
  const { offset, expected, message, code } = result.problem!;
  return { error: { offset: [...query.slice(0, offset)].length, expected, message, code } };
}

/** The Python twin's verdicts on the same queries (one process for all of them). */
export function pythonVerdicts(queries: string[]): unknown[] {
  const run = spawnSync(python, [join(root, 'test/runtime/rql_cases.py'), '--verdicts'], {
    input: JSON.stringify(queries), encoding: 'utf8', maxBuffer: 1 << 30,
  });
  if (run.status !== 0) throw new Error(`rql_cases.py --verdicts exited with ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout) as unknown[];
}

