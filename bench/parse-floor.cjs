// The floor the checker is measured against: read every file of the applications and parse each .py once with the same tree-sitter grammar.
// Usage: node bench/parse-floor.cjs DIR (prints the number of files and parse errors; a whole process, like `check`).
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { Parser, Language } = require('../node_modules/web-tree-sitter/web-tree-sitter.cjs');

const dist = join(__dirname, '..', 'dist', 'server');

function filesUnder(dir, out) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) filesUnder(path, out);
    else if (entry.isFile() && (entry.name.endsWith('.py') || entry.name === 'depends.map' || entry.name.endsWith('.sql'))) out.push(path);
  }
  return out;
}

async function main() {
  await Parser.init({ locateFile: () => join(dist, 'web-tree-sitter.wasm') });
  const parser = new Parser();
  parser.setLanguage(await Language.load(join(dist, 'tree-sitter-python.wasm')));
  let files = 0;
  let withErrors = 0;
  for (const path of filesUnder(process.argv[2], [])) {
    const text = readFileSync(path, 'utf8');
    files++;
    if (!path.endsWith('.py')) continue;
    const tree = parser.parse(text);
    if (tree.rootNode.hasError) withErrors++;
    tree.delete();
  }
  console.log(`${files} files read, ${withErrors} with parse errors`);
}

void main();
