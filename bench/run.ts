// `npm run bench`: runs every benchmark in the list and prints its figures (printed, never asserted).
import { runRealisticBenchmark } from './realistic-bench';
import { runWorkspaceBenchmark } from './workspace-bench';

interface Benchmark {
  name: string;
  lines: string[];
}

// Add a benchmark: write bench/<name>.ts exporting an async function returning { name, lines }, and list it here.
// One entry per line, so that engineers adding figures do not touch each other's lines.
const BENCHMARKS: Array<() => Promise<Benchmark>> = [
  runRealisticBenchmark,
  runWorkspaceBenchmark,
  () => import('./rql-bench').then((m) => m.runRqlBenchmark()),
  () => import('./runtime-bench').then((m) => m.runRuntimeBenchmark()),
  () => import('./schema-diff-bench').then((m) => m.runSchemaDiffBenchmark()),
  () => import('./rehearse-bench').then((m) => m.runRehearseBenchmark()),
  () => import('./script-bench').then((m) => m.runScriptBenchmark()),
  () => import('./parsers-agree-bench').then((m) => m.runParsersAgreeBenchmark()),
  () => import('./pathological-bench').then((m) => m.runPathologicalBenchmark()),
];

async function main(): Promise<void> {
  for (const benchmark of BENCHMARKS) {
    try {
      const report = await benchmark();
      console.log(`\n${report.name}`);
      for (const line of report.lines) console.log(`  ${line}`);
    } catch (error) {
      console.log(`\n${benchmark.name}: failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    }
  }
}

void main();
