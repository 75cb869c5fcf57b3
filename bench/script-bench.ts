// Benchmark of script intelligence: completion, signature help, hover and edit-to-diagnostics on a 2,000-line script with a 300-type schema.py.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ParsedPython } from '../server/src/core/python/parsed-python';
import { loadPythonParser } from '../server/src/core/python/parser';
import type { Application } from '../server/src/core/workspace/application';
import { checkScript } from '../server/src/features/script/check-script';
import { completeScript } from '../server/src/features/script/completion';
import { hoverAt } from '../server/src/features/script/hover';
import { contextOf, prepareScriptAnalysis, changeBetween } from '../server/src/features/script/script-analysis';
import { signatureHelpAt } from '../server/src/features/script/signature-help';
import { ScriptLspClient, type PublishedDiagnostic } from '../test/protocol/script-lsp-client';

const TYPES = 300;
const SCRIPT_LINES = 2_000;
const SAMPLES = 200;
const EDITS = 60;
const COLD_EDITS = 20;

export interface BenchmarkReport {
  name: string;
  lines: string[];
}

export function generateSchema(): string {
  const lines = ['from yams.buildobjs import EntityType, RelationDefinition, SubjectRelation, String, Int, Boolean, Datetime', ''];
  for (let i = 0; i < TYPES; i++) {
    const name = `Type${String(i).padStart(3, '0')}`;
    lines.push(`class ${name}(EntityType):`, '    title = String(required=True, maxsize=128)', `    size_${i} = Int()`, '    done = Boolean(default=False)', '    created = Datetime()',
      `    link_${i} = SubjectRelation('Type${String((i + 1) % TYPES).padStart(3, '0')}')`, '');
  }
  return lines.join('\n');
}

/** 2,000 lines of the shapes real scripts have: primitives, rql loops, conditionals, comments. */
export function generateScript(): string {
  const lines: string[] = ['# generated migration script for the benchmark'];
  let i = 0;
  while (lines.length < SCRIPT_LINES) {
    const t = `Type${String(i % TYPES).padStart(3, '0')}`;
    lines.push(
      `add_attribute('${t}', 'size_${i % TYPES}')`,
      `for eid, title in rql('Any X, T WHERE X is ${t}, X title T'):`,
      `    rql('SET X done TRUE WHERE X eid %(x)s', {'x': eid})`,
      `if confirm('Synchronize ${t}?'):`,
      `    synchronize_eschema('${t}')`,
      `change_relation_props('${t}', 'link_${i % TYPES}', 'Type${String((i + 1) % TYPES).padStart(3, '0')}', cardinality='?*')`,
      'checkpoint()',
      '',
    );
    i++;
  }
  return lines.slice(0, SCRIPT_LINES).join('\n') + '\n';
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const ms = (n: number) => `${n.toFixed(2)} ms`;
const stats = (samples: number[]) => `p50 ${ms(percentile(samples, 50))}, p95 ${ms(percentile(samples, 95))}`;

/** The CPU time (user + system) a process has used so far, from /proc (Linux), in milliseconds; NaN elsewhere. */
function serverCpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

function time(samples: number[], work: () => unknown): void {
  const t0 = performance.now();
  work();
  samples.push(performance.now() - t0);
}

export async function runScriptBenchmark(): Promise<BenchmarkReport> {
  const dir = mkdtempSync(join(tmpdir(), 'erudi-script-bench-'));
  const app = join(dir, 'app');
  mkdirSync(join(app, 'migration'), { recursive: true });
  writeFileSync(join(app, '__pkginfo__.py'), 'numversion = (1, 0, 0)\n');
  writeFileSync(join(app, 'schema.py'), generateSchema());
  const scriptName = '1.0.0_bench_Any.py';
  const scriptPath = join(app, 'migration', scriptName);
  const text = generateScript();
  writeFileSync(scriptPath, text);
  const lines = text.split('\n');
  // Cursor positions: inside an attribute string, at a name being typed, in call arguments, on a name.
  const middle = Math.floor(SCRIPT_LINES / 2) - (Math.floor(SCRIPT_LINES / 2) % 8) + 1;
  const attributeCursor = { line: middle, character: lines[middle].indexOf("', '") + 4 };
  const nameCursor = { line: middle + 6, character: 5 };
  const signatureCursor = { line: middle + 5, character: lines[middle + 5].indexOf(',') + 2 };
  const hoverCursor = { line: middle + 4, character: 10 };
  const report: string[] = [];
  try {
    // In the server's process: the same functions the handlers call, with the trees and schema cached as in the server.
    await prepareScriptAnalysis();
    const parser = await loadPythonParser();
    const application = { root: app, migrationDir: join(app, 'migration'), schemaPath: join(app, 'schema.py'), hasSchema: true } as Application;
    const script = { kind: 'script', name: scriptName, extension: 'py', versionText: '1.0.0', modeText: 'Any', mode: 'Any', problems: [] } as never;
    const document = { path: scriptPath, text, application, script };
    const context = contextOf(document)!;
    const offset = (p: { line: number; character: number }) => context.script.lines.offsetAt(p);
    const completion: number[] = [], names: number[] = [], signature: number[] = [], hover: number[] = [], full: number[] = [], incremental: number[] = [], whole: number[] = [], checks: number[] = [];
    let items = 0;
    for (let i = 0; i < SAMPLES; i++) {
      time(completion, () => (items = completeScript(contextOf(document)!, offset(attributeCursor)).length));
      time(names, () => completeScript(contextOf(document)!, offset(nameCursor)));
      time(signature, () => signatureHelpAt(contextOf(document)!, offset(signatureCursor)));
      time(hover, () => hoverAt(contextOf(document)!, offset(hoverCursor)));
    }
    for (let i = 0; i < EDITS; i++) {
      const edited = text.replace(`add_attribute('Type050'`, `add_attribute('Type050${i % 2 ? 'x' : ''}'`);
      time(full, () => ParsedPython.parse(parser, edited).dispose());
      const before = ParsedPython.parse(parser, text);
      // The server knows the old version's statements already (its last check listed them).
      before.moduleChildren();
      time(incremental, () => before.withChanges(parser, [changeBetween(text, edited)]).dispose());
      // What the editor's next request pays when it needs the whole tree (tree.edit + tree-sitter's incremental reparse).
      const next = before.withChanges(parser, [changeBetween(text, edited)]);
      time(whole, () => next.tree);
      next.dispose();
      before.dispose();
      time(checks, () => checkScript(contextOf({ ...document, text: edited })!));
    }
    report.push(
      `in the server (${SAMPLES} samples each; target p95 < 5 ms):`,
      `  completion of attributes in a string (${items} items): ${stats(completion)}`,
      `  completion of names at a statement: ${stats(names)}`,
      `  signature help: ${stats(signature)}`,
      `  hover: ${stats(hover)}`,
      `  parse after an edit: full ${stats(full)}; the edited statements alone ${stats(incremental)}; then the whole tree, when a request needs it (tree.edit + incremental reparse) ${stats(whole)}`,
      `  all script checks after an edit (reparse included): ${stats(checks)}`,
    );

    // Round trip over stdio with the built server.
    const client = await ScriptLspClient.start(app);
    try {
      const uri = client.open(`migration/${scriptName}`, text);
      // Destructive rql/sqlexec are absent, so the first diagnostics come with the first edit below; wait for the scan with a request.
      await new Promise((r) => setTimeout(r, 300));
      for (let ready = false; !ready;) ready = !!(await client.request<{ contents: unknown } | null>('textDocument/hover', uri, hoverCursor.line, hoverCursor.character));
      const rtCompletion: number[] = [], rtSignature: number[] = [], rtHover: number[] = [], editToDiagnostics: number[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        let t0 = performance.now();
        await client.request('textDocument/completion', uri, attributeCursor.line, attributeCursor.character);
        rtCompletion.push(performance.now() - t0);
        t0 = performance.now();
        await client.request('textDocument/signatureHelp', uri, signatureCursor.line, signatureCursor.character);
        rtSignature.push(performance.now() - t0);
        t0 = performance.now();
        await client.request('textDocument/hover', uri, hoverCursor.line, hoverCursor.character);
        rtHover.push(performance.now() - t0);
      }
      // Typing one character into an entity type name makes it unknown; deleting it makes it known again. The first
      // edits of a session run code the JIT has not compiled yet: they are measured and printed apart.
      const typoAt = { line: middle, character: lines[middle].indexOf("'", 0) + 8 };
      const typedName = lines[middle].slice(lines[middle].indexOf("'") + 1, typoAt.character);
      const edit = async (range: PublishedDiagnostic['range'], insert: string, accept: (d: PublishedDiagnostic[]) => boolean): Promise<number> => {
        const published = client.nextDiagnostics(uri, accept);
        const t0 = performance.now();
        client.change(uri, range, insert);
        await published;
        return performance.now() - t0;
      };
      const toggle = (i: number) => {
        const broken = i % 2 === 0;
        const range = broken ? { start: typoAt, end: typoAt } : { start: typoAt, end: { line: typoAt.line, character: typoAt.character + 1 } };
        return edit(range, broken ? 'x' : '', (d) => d.some((x) => x.code === 'unknown-entity-type') === broken);
      };
      const cold: number[] = [];
      for (let i = 0; i < COLD_EDITS; i++) cold.push(await toggle(i));
      const cpuBefore = serverCpuMs(client.child.pid);
      for (let i = 0; i < EDITS; i++) editToDiagnostics.push(await toggle(i));
      const cpu = serverCpuMs(client.child.pid) - cpuBefore;
      // Typing a new name one character at a time, then deleting it: every text is new, so the edited statement is
      // checked afresh each time (no result cached for its text); the diagnostics must name what was typed.
      const typing: number[] = [];
      const suffix = 'abcdefghijklmnopqrst';
      for (let k = 1; k <= suffix.length; k++) {
        const at = { line: typoAt.line, character: typoAt.character + k - 1 };
        const name = `${typedName}${suffix.slice(0, k)}`;
        typing.push(await edit({ start: at, end: at }, suffix[k - 1], (d) => d.some((x) => x.code === 'unknown-entity-type' && x.message.includes(`'${name}'`))));
      }
      for (let k = suffix.length; k >= 1; k--) {
        const at = { line: typoAt.line, character: typoAt.character + k - 1 };
        const name = `${typedName}${suffix.slice(0, k - 1)}`;
        typing.push(await edit({ start: at, end: { line: at.line, character: at.character + 1 } }, '', (d) => k > 1 ? d.some((x) => x.code === 'unknown-entity-type' && x.message.includes(`'${name}'`)) : !d.some((x) => x.code === 'unknown-entity-type')));
      }
      report.push(
        'round trip over stdio (target p95 < 16 ms):',
        `  completion: ${stats(rtCompletion)}`,
        `  signature help: ${stats(rtSignature)}`,
        `  hover: ${stats(rtHover)}`,
        `keystroke → diagnostics published, over stdio (target p95 < 15 ms; load average ${loadavg()[0].toFixed(1)}):`,
        `  ${EDITS} one-character edits (a type name made unknown and known again): ${stats(editToDiagnostics)}; the server's CPU time per edit ${ms(cpu / EDITS)} (user + system, /proc: what the machine's load does not change)`,
        `  typing a new name and deleting it (${typing.length} edits, each text new): ${stats(typing)}`,
        `  the session's first ${COLD_EDITS} edits (code not compiled by the JIT yet): ${stats(cold)}`,
      );
    } finally {
      await client.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { name: `script intelligence (${SCRIPT_LINES}-line script, ${TYPES}-type schema.py)`, lines: report };
}

// `node --import tsx bench/script-bench.ts` runs this benchmark alone.
if (require.main === module) {
  void runScriptBenchmark().then((r) => console.log([r.name, ...r.lines.map((l) => `  ${l}`)].join('\n')));
}
