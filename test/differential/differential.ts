// Runs the same inputs through the editor's parsers and the runtime's (one Python process per batch, JSON lines)
// and lists every input on which their verdicts differ.
import { spawnSync } from 'node:child_process';
import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseDependsMap } from '../../server/src/core/depends-map';
import { readPkgInfo } from '../../server/src/core/pkginfo';
import { parseMigrationFileName } from '../../server/src/core/script-file-name';
import { dependsMapText, fileName, pkginfoText } from './generators';

export type Format = 'depends-map' | 'pkginfo' | 'file-name';

const ROOT = join(__dirname, '..', '..');
export const PYTHON = process.env.ERUDI_TEST_PYTHON ?? '/usr/bin/python3';

/** The editor's verdict, in the shape test/differential/verdicts.py prints the runtime's. */
export function editorVerdict(format: Format, text: string): unknown {
  if (format === 'pkginfo') return { numversion: readPkgInfo(text).numversion?.text ?? null };
  if (format === 'file-name') {
    const parsed = parseMigrationFileName(text);
    if (parsed.kind === 'exempt' || parsed.kind === 'other') return { kind: parsed.kind };
    if (parsed.problems.length) return { kind: 'not-run' };
    return { kind: 'script', version: parsed.version?.text, description: parsed.description ?? null, mode: parsed.mode, extension: parsed.extension };
  }
  const map = parseDependsMap(text);
  const seen = new Set<string>();
  let refusedAt: number | null = null;
  const lines = map.lines.map((line) => {
    if (line.kind === 'entry') {
      if (refusedAt === null && seen.has(line.entry.modelVersion.text)) refusedAt = line.line + 1;
      seen.add(line.entry.modelVersion.text);
      return ['entry', line.entry.modelVersion.text, line.entry.erudiVersion.text];
    }
    if (line.kind === 'error' && refusedAt === null) refusedAt = line.line + 1;
    return [line.kind];
  });
  return { lines, refusedAt };
}

/** The runtime's verdicts on a batch, from one Python process. */
export function runtimeVerdicts(format: Format, texts: string[]): unknown[] {
  const input = texts.map((text) => JSON.stringify({ format, text })).join('\n') + '\n';
  const result = spawnSync(PYTHON, [join(ROOT, 'test', 'differential', 'verdicts.py')], {
    input,
    encoding: 'utf8',
    env: { ...process.env, PYTHONPATH: join(ROOT, 'runtime'), PYTHONIOENCODING: 'utf-8' },
    maxBuffer: 1 << 30,
  });
  if (result.status !== 0) throw new Error(`verdicts.py failed (${result.status}): ${result.stderr || result.error}`);
  const verdicts = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as unknown);
  if (verdicts.length !== texts.length) throw new Error(`verdicts.py answered ${verdicts.length} of ${texts.length} inputs`);
  return verdicts;
}

const ARBITRARIES: Record<Format, fc.Arbitrary<string>> = { 'depends-map': dependsMapText, pkginfo: pkginfoText, 'file-name': fileName };

export interface Disagreement {
  input: string;
  editor: unknown;
  runtime: unknown;
}

/** `count` inputs of a format generated from `seed`, and those on which the two parsers disagree. */
export function compareParsers(format: Format, count: number, seed: number): { inputs: number; disagreements: Disagreement[] } {
  const texts = fc.sample(ARBITRARIES[format], { numRuns: count, seed });
  const runtime = runtimeVerdicts(format, texts);
  const disagreements: Disagreement[] = [];
  texts.forEach((input, i) => {
    const editor = editorVerdict(format, input);
    if (!isDeepStrictEqual(editor, runtime[i])) disagreements.push({ input, editor, runtime: runtime[i] });
  });
  return { inputs: texts.length, disagreements };
}
