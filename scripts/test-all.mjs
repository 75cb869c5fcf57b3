// Runs every test suite in order (type check, core, protocol, runtime, end to end) and prints one total.
import { spawn } from 'node:child_process';

const suites = [
  ['setup', 'bash', ['scripts/setup.sh']],
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
  ['core', 'npm', ['run', '--silent', 'test:core']],
  ['protocol', 'npm', ['run', '--silent', 'test:protocol']],
  ['runtime', 'npm', ['run', '--silent', 'test:runtime']],
  ['e2e', 'npm', ['run', '--silent', 'test:e2e']],
];
const only = process.argv.slice(2);

function run(name, cmd, args) {
  return new Promise((resolve) => {
    let out = '';
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (chunk) => { out += chunk; (stream === child.stdout ? process.stdout : process.stderr).write(chunk); });
    }
    child.on('close', (code) => resolve({ name, code, out }));
  });
}

// Counts what the runners printed: node:test ("ℹ pass N" / "# pass N") and unittest ("Ran N tests", "FAILED (failures=F, errors=E)").
function count(out) {
  let passed = 0, failed = 0;
  for (const m of out.matchAll(/^(?:ℹ|#) pass (\d+)$/gm)) passed += Number(m[1]);
  for (const m of out.matchAll(/^(?:ℹ|#) fail (\d+)$/gm)) failed += Number(m[1]);
  for (const m of out.matchAll(/^Ran (\d+) tests? in/gm)) passed += Number(m[1]);
  for (const m of out.matchAll(/^FAILED \(([^)]*)\)$/gm)) {
    const bad = [...m[1].matchAll(/(?:failures|errors)=(\d+)/g)].reduce((s, x) => s + Number(x[1]), 0);
    passed -= bad; failed += bad;
  }
  return { passed, failed };
}

let passed = 0, failed = 0;
const broken = [];
for (const [name, cmd, args] of suites) {
  if (only.length && !only.includes(name)) continue;
  console.log(`\n=== ${name} ===`);
  const result = await run(name, cmd, args);
  const c = count(result.out);
  passed += c.passed; failed += c.failed;
  if (result.code !== 0) {
    broken.push(name);
    if (c.failed === 0) failed += 1;
    if (name === 'setup') break; // nothing else can run without its dependencies
  }
}
console.log(`\nsuites failing: ${broken.length ? broken.join(', ') : 'none'}`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(broken.length ? 1 : 0);
