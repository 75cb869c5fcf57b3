// The families of input that froze the server (issue 16 point 2), each timed at size N and 2N: a ratio near 2 is
// linear, near 4 quadratic; every ratio should stay under 2.5. Printed, never asserted (tests check behaviour).
import { parseDependsMap } from '../server/src/core/depends-map';
import { readPkgInfo } from '../server/src/core/pkginfo';
import { parseRql } from '../server/src/core/rql/parser';
import { ParsedPython } from '../server/src/core/python/parsed-python';
import { loadPythonParser, type PythonParser } from '../server/src/core/python/parser';
import { readSchema } from '../server/src/core/schema/read-schema';
import { checkScript } from '../server/src/features/script/check-script';
import { checkPythonSyntax } from '../server/src/features/script/python-syntax';
import { checkUnknownNames } from '../server/src/features/script/unknown-names';
import { scriptCatalog } from '../server/src/core/catalog/catalog';
import { scriptContext } from '../server/src/features/script/script-context';
import { signatureHelpAt } from '../server/src/features/script/signature-help';
import { scanSuppressions } from '../server/src/features/script/suppressions';

interface Family {
  name: string;
  size: number;
  unit: string;
  run: (size: number) => void;
}

function schemaOf(types: number): string {
  const lines = ['from yams.buildobjs import EntityType, String'];
  for (let i = 0; i < types; i++) lines.push(`class Type${i}Entity(EntityType):`, '    title = String()');
  return lines.join('\n');
}

function inheritanceChain(classes: number): string {
  const lines = ['from yams.buildobjs import EntityType, String', 'class Type0(EntityType):', '    title = String()'];
  for (let i = 1; i < classes; i++) lines.push(`class Type${i}(Type${i - 1}):`, '    pass');
  return lines.join('\n');
}

function families(parser: PythonParser): Family[] {
  const schema = readSchema(parser, schemaOf(3_000));
  return [
    { name: '__pkginfo__.py "numversion = (0, 4, 0" + spaces + "x" (was cubic)', size: 200_000, unit: 'spaces', run: (n) => void readPkgInfo(`numversion = (0, 4, 0${' '.repeat(n)}x`) },
    { name: 'a line repeating "# erudi: ignore[" (was quadratic)', size: 200_000, unit: 'repeats', run: (n) => void scanSuppressions('# erudi: ignore['.repeat(n)) },
    { name: 'depends.map lines separated by NEL and U+2028 in a comment', size: 200_000, unit: 'lines', run: (n) => void parseDependsMap(`# ${'0.1.0 : 2.0.0\u0085\u2028'.repeat(n)}`) },
    {
      name: 'misspelt entity types in add_entity_type() against a 3,000-type schema (was 105 s for 20,000)',
      size: 10_000,
      unit: 'calls',
      run: (n) => {
        const text = Array.from({ length: n }, (_, i) => `add_entity_type('Typ${i % 3_000}Entty${i}')`).join('\n');
        const script = ParsedPython.parse(parser, text);
        checkScript(scriptContext(script, 'Any', schema, '/bench/schema.py'));
        script.dispose();
      },
    },
    {
      name: 'signature help inside nested calls (overflowed at 5,000)',
      size: 5_000,
      unit: 'levels',
      run: (n) => {
        const text = `${'f('.repeat(n)}add_entity_type(${')'.repeat(n + 1)}\n`;
        const script = ParsedPython.parse(parser, text);
        signatureHelpAt(scriptContext(script, 'Any', schema, '/bench/schema.py'), n * 2 + 'add_entity_type('.length);
        script.dispose();
      },
    },
    { name: 'an RQL string of \'"\\\' pairs (was quadratic)', size: 200_000, unit: 'pairs', run: (n) => void parseRql(`Any X WHERE X name "${'\\"'.repeat(n)}`) },
    { name: 'RQL nested in parentheses (overflowed at 306; past the bound: too-deeply-nested)', size: 100_000, unit: 'levels', run: (n) => void parseRql(`Any X WHERE ${'('.repeat(n)}X name "a"${')'.repeat(n)}`) },
    { name: 'a schema.py inheritance chain (was 20 s at 10,000 classes, then a stack overflow)', size: 10_000, unit: 'classes', run: (n) => void readSchema(parser, inheritanceChain(n)) },
    {
      name: 'nested catalog calls through every script check (was 95 s at 1,000: names looked up their ancestors)',
      size: 10_000,
      unit: 'levels',
      run: (n) => {
        const script = ParsedPython.parse(parser, `x = ${'add_attribute('.repeat(n)}1${')'.repeat(n)}\n`);
        checkScript(scriptContext(script, 'Any', schema, '/bench/schema.py'));
        checkUnknownNames(script, scriptCatalog);
        checkPythonSyntax(script);
        script.dispose();
      },
    },
  ];
}

function time(run: () => void): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

export async function runPathologicalBenchmark(): Promise<{ name: string; lines: string[] }> {
  const parser = await loadPythonParser();
  const lines: string[] = [];
  for (const family of families(parser)) {
    family.run(Math.max(1, Math.floor(family.size / 10))); // warm up
    const single = time(() => family.run(family.size));
    const double = time(() => family.run(family.size * 2));
    const ratio = double / Math.max(single, 0.01);
    lines.push(`${family.name}: N=${family.size} ${family.unit} ${single.toFixed(1)} ms, 2N ${double.toFixed(1)} ms, ratio ${ratio.toFixed(2)}${ratio >= 2.5 ? '  <-- above 2.5' : ''}`);
  }
  return { name: 'Pathological inputs at N and 2N (ratio should stay under 2.5)', lines };
}
