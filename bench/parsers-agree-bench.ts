// The differential run of `npm run bench`: 100,000 generated inputs per format through the editor's and the runtime's
// parsers (the test suite runs 10,000); any disagreement fails the benchmark.
import { compareParsers, type Format } from '../test/differential/differential';

export async function runParsersAgreeBenchmark(): Promise<{ name: string; lines: string[] }> {
  const lines: string[] = [];
  const failures: string[] = [];
  const seed = Number(process.env.ERUDI_BENCH_SEED ?? Date.now() % 1_000_000);
  for (const format of ['depends-map', 'pkginfo', 'file-name'] as Format[]) {
    const started = performance.now();
    const { inputs, disagreements } = compareParsers(format, 100_000, seed);
    lines.push(`${format}: ${inputs} inputs, ${disagreements.length} disagreements (${Math.round(performance.now() - started)} ms)`);
    if (disagreements.length) failures.push(`${format}: ${JSON.stringify(disagreements[0])}`);
  }
  if (failures.length) throw new Error(`the parsers disagree (seed ${seed}; ERUDI_BENCH_SEED=${seed} reproduces): ${failures.join('; ')}`);
  return { name: `Editor and runtime parsers agree (seed ${seed})`, lines };
}
