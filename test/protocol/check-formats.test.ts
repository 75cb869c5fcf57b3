// check --format json|sarif and --explain, as CI runs them; the SARIF log is validated against the SARIF 2.1.0 schema's required fields.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { after, test } from 'node:test';
import { join } from 'node:path';
import { SAFETY_RULES } from '../../server/src/features/safety-rules/registry';
import { copyFixture, removeDir, REPO } from './lsp-session';

const BIN = join(REPO, 'bin/erudi-migrations.js');
const made: string[] = [];
after(() => made.forEach(removeDir));

function run(args: string[], cwd = REPO) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

type Json = Record<string, unknown>;

// The SARIF 2.1.0 schema's "required" and enumerations for every object this log uses (sarif-schema-2.1.0.json).
function validateSarif(log: Json): string[] {
  const problems: string[] = [];
  const need = (object: unknown, where: string, fields: string[]) => {
    if (!object || typeof object !== 'object') return problems.push(`${where}: not an object`);
    for (const field of fields) if (!(field in (object as Json))) problems.push(`${where}: missing required "${field}"`);
    return 0;
  };
  need(log, 'sarifLog', ['version', 'runs']);
  if (log.version !== '2.1.0') problems.push('sarifLog.version must be "2.1.0"');
  if (!Array.isArray(log.runs)) return [...problems, 'sarifLog.runs must be an array'];
  (log.runs as Json[]).forEach((run, r) => {
    need(run, `runs[${r}]`, ['tool']);
    need((run.tool as Json)?.driver, `runs[${r}].tool.driver`, ['name']);
    const rules = (((run.tool as Json).driver as Json).rules ?? []) as Json[];
    rules.forEach((rule, i) => {
      need(rule, `rules[${i}]`, ['id']);
      for (const field of ['shortDescription', 'fullDescription', 'help']) if (rule[field] !== undefined) need(rule[field], `rules[${i}].${field}`, ['text']);
      const level = (rule.defaultConfiguration as Json | undefined)?.level;
      if (level !== undefined && !['none', 'note', 'warning', 'error'].includes(level as string)) problems.push(`rules[${i}].defaultConfiguration.level: ${level}`);
    });
    if (run.columnKind !== undefined && !['utf16CodeUnits', 'unicodeCodePoints'].includes(run.columnKind as string)) problems.push(`runs[${r}].columnKind`);
    ((run.results ?? []) as Json[]).forEach((result, i) => {
      need(result, `results[${i}]`, ['message']);
      if (!('text' in (result.message as Json)) && !('id' in (result.message as Json))) problems.push(`results[${i}].message needs text or id`);
      if (result.level !== undefined && !['none', 'note', 'warning', 'error'].includes(result.level as string)) problems.push(`results[${i}].level`);
      if (typeof result.ruleIndex === 'number' && (rules[result.ruleIndex] as Json | undefined)?.id !== result.ruleId) problems.push(`results[${i}].ruleIndex does not point at ${result.ruleId}`);
      ((result.locations ?? []) as Json[]).forEach((location, l) => {
        const physical = location.physicalLocation as Json;
        if (!physical || (!('artifactLocation' in physical) && !('address' in physical))) problems.push(`results[${i}].locations[${l}].physicalLocation needs artifactLocation or address`);
        const region = physical?.region as Json | undefined;
        for (const [field, value] of Object.entries(region ?? {})) if (typeof value !== 'number' || value < 1) problems.push(`results[${i}] region.${field} must be >= 1`);
        const uri = (physical?.artifactLocation as Json | undefined)?.uri;
        if (typeof uri !== 'string' || /^\//.test(uri) || uri.includes('\\')) problems.push(`results[${i}] artifactLocation.uri must be a relative URI reference: ${uri}`);
      });
    });
  });
  return problems;
}

test('check --format sarif writes a SARIF 2.1.0 log that the schema accepts, with the safety rules\' help', () => {
  const dir = copyFixture('names-app');
  made.push(dir);
  writeFileSync(join(dir, 'migration/0.3.0_cleanup_Any.py'), "sql('DELETE FROM cw_Person')\nprint 'done'\n");
  const { code, stdout } = run(['check', '.', '--format', 'sarif'], dir);
  assert.equal(code, 1);
  const log = JSON.parse(stdout) as Json;
  assert.deepEqual(validateSarif(log), []);
  const run0 = (log.runs as Json[])[0];
  const results = run0.results as Json[];
  const ids = results.map((r) => r.ruleId);
  assert.ok(ids.includes('unknown-mode') && ids.includes('unrestricted-write') && ids.includes('python-syntax'), JSON.stringify(ids));
  const write = results.find((r) => r.ruleId === 'unrestricted-write')!;
  assert.deepEqual(((write.locations as Json[])[0].physicalLocation as Json).region, { startLine: 1, startColumn: 1, endLine: 1, endColumn: 29 });
  assert.equal((((write.locations as Json[])[0].physicalLocation as Json).artifactLocation as Json).uri, 'migration/0.3.0_cleanup_Any.py');
  const rule = ((run0.tool as Json).driver as Json).rules as Json[];
  const help = rule.find((r) => r.id === 'unrestricted-write')!.help as Json;
  assert.equal(help.text, SAFETY_RULES.find((r) => r.code === 'unrestricted-write')!.help);
});

test('check --format json gives the diagnostics with positions and counts; --format text stays the default', () => {
  const dir = copyFixture('names-app');
  made.push(dir);
  const json = run(['check', '.', '--format=json'], dir);
  const report = JSON.parse(json.stdout) as { diagnostics: Json[]; errors: number; warnings: number; applications: number };
  assert.equal(json.code, 1);
  assert.deepEqual({ errors: report.errors, warnings: report.warnings, applications: report.applications }, { errors: 4, warnings: 2, applications: 1 });
  assert.deepEqual(report.diagnostics[0], report.diagnostics.find((d) => d.code === 'unknown-mode'));
  assert.deepEqual(Object.keys(report.diagnostics[0]), ['path', 'line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'message']);
  const text = run(['check', '.'], dir);
  assert.equal(text.stdout.trim().split('\n').length, report.diagnostics.length);
  const bad = run(['check', '.', '--format', 'xml'], dir);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--format must be one of text, json, sarif \(got "xml"\)/);
});

test('check --explain CODE prints the note, the help and the examples of a safety rule; other codes their rule; a typo a suggestion', () => {
  const rule = SAFETY_RULES.find((r) => r.code === 'unbounded-data-loop')!;
  const safety = run(['check', '--explain', 'unbounded-data-loop']);
  assert.equal(safety.code, 0);
  assert.ok(safety.stdout.includes(rule.note) && safety.stdout.includes(rule.help), safety.stdout);
  assert.match(safety.stdout, /flagged: for eid, name in rql/);
  const plain = run(['check', '--explain', 'python-syntax']);
  assert.equal(plain.code, 0);
  assert.match(plain.stdout, /^python-syntax \(error\)\n {2}a syntax error in a script/);
  const typo = run(['check', '--explain', 'unrestricted-writes']);
  assert.equal(typo.code, 2);
  assert.match(typo.stderr, /"unrestricted-writes" is no diagnostic code; did you mean "unrestricted-write"\?/);
});
