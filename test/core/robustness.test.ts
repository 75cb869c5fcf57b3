// Bad input on a real disk (binary, invalid UTF-8, 10 MB, empty, FIFO, unreadable, symlink loops, odd names) never crashes the checks.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { main } from '../../server/src/cli/check-command';

const dir = mkdtempSync(join(tmpdir(), 'erudi-robust-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function check(root: string): { code: number; lines: string[] } {
  const lines: string[] = [];
  const code = main(['check', root], (l) => lines.push(l), () => {});
  return { code, lines: lines.map((l) => l.replace(/^.*?migration\//, 'migration/').replace(/^.*?\/(__pkginfo__\.py)/, '$1')) };
}

function app(name: string, files: Record<string, string | Uint8Array>): string {
  const root = join(dir, name);
  mkdirSync(join(root, 'migration'), { recursive: true });
  for (const [path, content] of Object.entries(files)) writeFileSync(join(root, path), content as string);
  return root;
}

test('binary and invalid UTF-8 files are read as text with replacements, and reported', () => {
  const root = app('binary', {
    '__pkginfo__.py': new Uint8Array([0xff, 0xfe, 0x00, 0x81, 0x6e, 0x75, 0x6d]),
    'migration/depends.map': new Uint8Array([...new TextEncoder().encode('0.1.0 : 2.0.0\n'), 0xc3, 0x28, 0x0a, 0x00, 0x00]),
  });
  const { code, lines } = check(root);
  assert.equal(code, 1);
  assert.deepEqual(
    lines.map((l) => l.split(': ').slice(0, 2).join(': ')),
    ['__pkginfo__.py:1:1: error pkginfo-version', 'migration/depends.map:2:1: error depends-syntax', 'migration/depends.map:3:1: error depends-syntax'],
  );
});

test('a 10 MB depends.map of junk is checked with a capped number of diagnostics', () => {
  const root = app('huge', { 'migration/depends.map': 'not an entry at all\n'.repeat(520_000) });
  const started = Date.now();
  const { code, lines } = check(root);
  assert.equal(code, 1);
  assert.equal(lines.length, 501);
  assert.match(lines[500], /519500 more lines from here on are no/);
  assert.ok(Date.now() - started < 20_000);
});

test('empty files, odd names, a FIFO, a folder named like a script, dangling and looping links (scripts that cannot be read are errors, as in the runtime\'s pre-flight)', () => {
  const root = app('odd', {
    '__pkginfo__.py': '',
    'migration/depends.map': '',
    'migration/0.1.0_ajouter l’âge_Any.py': '',
    'migration/0.1.0_日本_Any.py': '',
    'migration/0.2.0 _Any.py': '',
    'migration/0.1.0_Any.py': '',
  });
  mkdirSync(join(root, 'migration/0.3.0_Any.py'));
  symlinkSync(join(root, 'nowhere.py'), join(root, 'migration/0.4.0_any.py'));
  symlinkSync('.', join(root, 'loop'));
  symlinkSync(join(root, 'migration/self.map'), join(root, 'migration/self.map'));
  execFileSync('mkfifo', [join(dir, 'fifo-app-pkginfo')]);
  const fifoApp = app('fifo', { 'migration/0.1.0_Any.py': '' });
  execFileSync('mkfifo', [join(fifoApp, 'migration/depends.map')]);
  execFileSync('mkfifo', [join(fifoApp, 'migration/0.2.0_Any.py')]);
  const { lines } = check(dir.replace(/\/$/, '') + '/odd');
  assert.deepEqual(lines.map((l) => l.split(': ').slice(0, 2).join(': ')), [
    '__pkginfo__.py:1:1: error pkginfo-version',
    'migration/0.1.0_ajouter l’âge_Any.py:1:1: warning filename-grammar',
    'migration/0.1.0_日本_Any.py:1:1: warning filename-grammar',
    'migration/0.2.0 _Any.py:1:1: warning filename-grammar',
    'migration/0.3.0_Any.py:1:1: error unreadable-script',
    'migration/0.4.0_any.py:1:1: error unknown-mode',
    'migration/0.4.0_any.py:1:1: error unreadable-script',
  ]);
  const unreadable = check(root).lines.filter((l) => l.includes('unreadable-script'));
  assert.match(unreadable[0], /0\.3\.0_Any\.py cannot be read: it is a directory\. An upgrade stops .*: scripts are files: rename the directory or move it out of migration\//);
  assert.match(unreadable[1], /0\.4\.0_any\.py cannot be read: it is a symbolic link to .*nowhere\.py, which does not exist\. .*: restore its target or remove the link/);
  assert.deepEqual(check(fifoApp).lines.map((l) => l.split(': ').slice(0, 2).join(': ')), ['migration/0.2.0_Any.py:1:1: error unreadable-script', 'migration/depends.map:1:1: error depends-syntax']);
  assert.match(check(fifoApp).lines[0], /it is not a regular file\. .*: replace it with the script file/);
  assert.match(check(fifoApp).lines[1], /Cannot read depends\.map \(it is not a regular file\)/);
});

test('a depends.map whose link loops is reported unreadable', () => {
  const root = app('looping-map', {});
  symlinkSync(join(root, 'migration/depends.map'), join(root, 'migration/depends.map'));
  const { lines } = check(root);
  assert.equal(lines.length, 1);
  assert.match(lines[0], /depends\.map:1:1: error depends-syntax: Cannot read depends\.map \(its symbolic links loop\)/);
});

test('a symlink loop above applications is walked once', () => {
  const root = join(dir, 'loops');
  mkdirSync(join(root, 'a/b/app/migration'), { recursive: true });
  writeFileSync(join(root, 'a/b/app/migration/0.1.0_x.py'), '');
  symlinkSync(join(root, 'a'), join(root, 'a/b/up'));
  const { lines } = check(root);
  assert.deepEqual(lines.map((l) => l.split(': ').slice(0, 2).join(': ')), ['migration/0.1.0_x.py:1:1: error unknown-mode']);
});
