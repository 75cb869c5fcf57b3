// Benchmark of the language server foundation: initialize on 5,000 scripts + a 1,000-line depends.map, edit and rename latencies, peak RSS.
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspSession, uri } from '../test/protocol/lsp-session';

const SCRIPTS = 5_000;
const MAP_LINES = 1_000;
const EDITS = 100;
const RENAMES = 50;

export interface BenchmarkReport {
  name: string;
  lines: string[];
}

/** A generated application: scripts over versions 0.1.0.., one in 100 misnamed (so diagnostics get published), and a depends.map. */
function generateWorkspace(): { dir: string; bad: string[]; map: string } {
  const dir = mkdtempSync(join(tmpdir(), 'erudi-bench-'));
  const migration = join(dir, 'app/migration');
  mkdirSync(migration, { recursive: true });
  writeFileSync(join(dir, 'app/__pkginfo__.py'), 'numversion = (60, 0, 0)\n');
  const bad: string[] = [];
  for (let i = 0; i < SCRIPTS; i++) {
    const version = `${Math.floor(i / 100)}.${i % 100}.0`;
    const mode = i % 100 === 99 ? 'any' : ['Any', 'repository', 'web', 'common'][i % 4];
    const name = `${version}_step_${i}_${mode}.py`;
    writeFileSync(join(migration, name), `# step ${i}\nprint("step ${i}")\n`);
    if (mode === 'any') bad.push(join(migration, name));
  }
  const lines = ['# generated'];
  for (let i = 0; i < MAP_LINES - 2; i++) lines.push(`${Math.floor(i / 20)}.${i % 20}.0 : 2.${Math.floor(i / 40)}.0`);
  lines.push('99.0.0 : 2.28.0'); // above numversion: one warning, so the map publishes diagnostics
  const map = join(migration, 'depends.map');
  writeFileSync(map, `${lines.join('\n')}\n`);
  return { dir, bad, map };
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const ms = (n: number) => `${n.toFixed(1)} ms`;

function peakRss(pid: number | undefined): string {
  try {
    const kb = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return `${(kb / 1024).toFixed(0)} MB`;
  } catch {
    return 'unavailable (no /proc)';
  }
}

/** How fast this machine runs plain JavaScript now: the figures above mean little on a loaded or throttled machine. */
function machineReference(): string {
  const started = performance.now();
  let sum = 0;
  for (let i = 0; i < 10_000_000; i++) sum += i & 7;
  return `machine reference: a 10M-iteration JS loop took ${ms(performance.now() - started)} (about 10 ms on an idle modern core)`;
}

export async function runWorkspaceBenchmark(): Promise<BenchmarkReport> {
  const reference = machineReference();
  const { dir, bad, map } = generateWorkspace();
  const lsp = LspSession.start('stdio');
  try {
    const started = performance.now();
    await lsp.initialize(dir);
    await lsp.until('all initial diagnostics', () => lsp.codes(map).length > 0 && bad.every((path) => lsp.codes(path).length > 0), 60_000);
    const initialize = performance.now() - started;

    const mapText = readFileSync(map, 'utf8');
    const mapUri = uri(map);
    await lsp.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: mapUri, languageId: 'erudi-depends-map', version: 1, text: mapText } });
    const edits: number[] = [];
    for (let i = 0; i < EDITS; i++) {
      const broken = i % 2 === 0;
      const t0 = performance.now();
      await lsp.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: mapUri, version: i + 2 },
        contentChanges: [{ range: { start: { line: 500, character: 0 }, end: { line: 500, character: 0 } }, text: broken ? 'oops\n' : '' }, ...(broken ? [] : [])],
      });
      if (!broken) {
        // Undo the inserted line: replace line 500 ("oops\n") with nothing.
        await lsp.connection.sendNotification('textDocument/didChange', {
          textDocument: { uri: mapUri, version: i + 1000 },
          contentChanges: [{ range: { start: { line: 500, character: 0 }, end: { line: 501, character: 0 } }, text: '' }],
        });
      }
      await lsp.until('edit diagnostics', () => lsp.codes(map).includes('depends-syntax') === broken);
      edits.push(performance.now() - t0);
    }

    const renames: number[] = [];
    const migration = join(dir, 'app/migration');
    const good = join(migration, '7.7.0_renamed_Any.py');
    const wrong = join(migration, '7.7.0_renamed_any.py');
    writeFileSync(good, '');
    await lsp.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(good), type: 1 }] });
    for (let i = 0; i < RENAMES; i++) {
      const [from, to] = i % 2 === 0 ? [good, wrong] : [wrong, good];
      const t0 = performance.now();
      renameSync(from, to);
      await lsp.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(from), type: 3 }, { uri: uri(to), type: 1 }] });
      await lsp.until('rename diagnostics', () => (to === wrong ? lsp.codes(wrong).length > 0 : lsp.codes(wrong).length === 0));
      renames.push(performance.now() - t0);
    }
    const rss = peakRss(lsp.child.pid);
    return {
      name: `language server foundation (${SCRIPTS} scripts, ${MAP_LINES}-line depends.map)`,
      lines: [
        `initialize → all diagnostics published: ${ms(initialize)} (target < 2000 ms)`,
        `edit depends.map → diagnostics: p50 ${ms(percentile(edits, 50))}, p95 ${ms(percentile(edits, 95))} over ${EDITS} edits (target p95 < 30 ms)`,
        `rename one script → diagnostics: p50 ${ms(percentile(renames, 50))}, p95 ${ms(percentile(renames, 95))} over ${RENAMES} renames`,
        `server peak RSS: ${rss} (target < 200 MB)`,
        reference,
      ],
    };
  } finally {
    await lsp.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
