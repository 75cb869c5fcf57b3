// Generated inputs for the differential test of the editor's and the runtime's parsers: real-looking files with the
// faults that made them disagree (exotic line breaks and blanks, BOMs, integer literal forms, numversion in strings).
import fc from 'fast-check';

/** Every character str.splitlines breaks at, and the blanks JavaScript and Python disagree on. */
const LINE_BREAKS = ['\n', '\r\n', '\r', '\n', '\n', '\u0085', '\u2028', '\u2029', '\x0b', '\x0c', '\x1c', '\x1d', '\x1e'];
const BLANKS = [' ', ' ', '\t', '', '', '\u00a0', '\u3000', '\ufeff', '\x0b', '\x0c', '\x1f', '\u0085', '\u2028'];

const blank = fc.constantFrom(...BLANKS);
const blanks = fc.array(blank, { maxLength: 3 }).map((parts) => parts.join(''));
const safe = 2 ** 53 - 1;
const versionPart = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 40 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom(String(safe), String(safe + 1), '9'.repeat(17), '00', '01', '1_0', '٣', '+1', '-1', '') },
);
const version = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(versionPart, versionPart, versionPart).map((p) => p.join('.')) },
  { weight: 1, arbitrary: fc.constantFrom('1.2', '1.2.3.4', '1..2', 'v1.2.3', '1.2.3-rc1', '1.2.3:', ' ', '') },
);

const dependsLine = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(blanks, version, blanks, fc.constantFrom(':', ':', '::', ' : ', '='), blanks, version, blanks).map((p) => p.join('')) },
  { weight: 2, arbitrary: fc.tuple(blanks, fc.constantFrom('#', '# ', '#0.1.0 : 2.0.0'), fc.string({ maxLength: 10 })).map((p) => p.join('')) },
  { weight: 1, arbitrary: blanks },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

/** A depends.map text. */
export const dependsMapText: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('', '', '', '\ufeff'), fc.array(fc.tuple(dependsLine, fc.constantFrom(...LINE_BREAKS)), { maxLength: 8 }))
  .map(([bom, lines]) => bom + lines.map(([line, end]) => line + end).join(''));

// numversion: integer literals in every form Python reads, and the forms it refuses.
const integerLiteral = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 300 }).map(String) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 300 }).map((n) => `0x${n.toString(16)}`) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 300 }).map((n) => `0O${n.toString(8)}`) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 300 }).map((n) => `0b${n.toString(2)}`) },
  { weight: 1, arbitrary: fc.integer({ min: 10, max: 9999 }).map((n) => String(n).split('').join('_')) },
  { weight: 1, arbitrary: fc.constantFrom(String(safe), String(safe + 1), '0x1FFFFFFFFFFFFF', '0x20000000000000', '1' + '0'.repeat(30)) },
  { weight: 1, arbitrary: fc.constantFrom('00', '0_0', '-1', '+1', '1.0', '1e3', '1j', 'True', 'None', 'x', '"1"', "'1'", '(1)', '((2))', '(1,)', '[1]', '1 + 1', '2**3', 'int("3")') },
);
const gap = fc.constantFrom('', ' ', '  ', '\n    ', ' # a comment, numversion = (9, 9, 9)\n    ', '\r\n', '\t', ' \\\n');
const oneLineGap = fc.constantFrom('', ' ', '  ', '\t');
// `syntaxErrors`: also forms CPython refuses (",,", an empty value), which make the whole file unreadable to Python;
// only the first assignment of a file has them (after a valid one, the editor rightly stops reading).
const numversionValue = (syntaxErrors: boolean) => {
  const trail = syntaxErrors ? fc.constantFrom('', ',', ', ', ',,') : fc.constantFrom('', ',', ', ');
  const inside = (g: fc.Arbitrary<string>) =>
    fc.oneof(
      fc.tuple(g, integerLiteral, g, integerLiteral, g, integerLiteral, trail).map(([g1, a, g2, b, g3, c, t]) => `${g1}${a},${g2}${b},${g3}${c}${t}`),
      fc.tuple(integerLiteral, integerLiteral).map(([a, b]) => `${a}, ${b}`),
      fc.tuple(integerLiteral, integerLiteral, integerLiteral, integerLiteral).map((p) => p.join(', ')),
    );
  const bracketed = inside(gap).chain((i) => fc.constantFrom(`(${i})`, `[${i}]`, `((${i}))`, `{${i}}`, `(${i}) + ()`, '()'));
  const bare = inside(oneLineGap).filter((i) => syntaxErrors || !i.endsWith(','));
  return fc.oneof({ weight: 4, arbitrary: bracketed }, { weight: 1, arbitrary: bare });
};
const targets = fc.constantFrom('numversion = ', 'numversion=', 'numversion  =  ', 'version = numversion = ', 'numversion = version = ', 'numversion: tuple = ', 'numversion += ', 'x = 1; numversion = ');
const assignmentOf = (syntaxErrors: boolean) => fc.tuple(targets, numversionValue(syntaxErrors), fc.constantFrom('', '  # the version', ';')).map((p) => p.join(''));
// What surrounds it in real __pkginfo__.py files, and the places where a numversion must not be read.
const otherStatement = fc.constantFrom(
  '"""cubicweb-blog application packaging information"""',
  '"""docstring\nnumversion = (9, 9, 9)\n"""',
  "'''numversion = (8, 8, 8)'''",
  '# numversion = (7, 7, 7)',
  "modname = 'blog'",
  "distname = 'cubicweb-%s' % modname",
  "version = '.'.join(str(num) for num in (0, 1, 0))",
  "__depends__ = {'cubicweb': '>= 3.28.0', 'cubicweb-file': None}",
  "description = 'numversion = (6, 6, 6)'",
  "text = r'\\' numversion = (5, 5, 5)'",
  "if True:\n    numversion = (4, 4, 4)",
  "def f():\n    numversion = (3, 3, 3)\n    return numversion",
  'class Info:\n    numversion = (2, 2, 2)',
  "if False: numversion = (1, 1, 1)",
  "classifiers = [\n    'Environment :: Web Environment',\n    'Framework :: CubicWeb',\n]",
  "long = ('numversion = (9, 8, 7) '\n        'more')",
  "f'{modname} numversion = (4, 5, 6)'",
  '',
);
const fileEnd = fc.constantFrom('\n', '\r\n', '\r');

/** A __pkginfo__.py text (valid Python apart from the numversion value itself). */
export const pkginfoText: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('', '', '', '\ufeff'),
    fc.array(otherStatement, { maxLength: 4 }),
    fc.option(assignmentOf(true), { freq: 6, nil: undefined }),
    fc.option(assignmentOf(false), { freq: 2, nil: undefined }),
    fc.array(otherStatement, { maxLength: 3 }),
    fileEnd,
  )
  .map(([bom, before, first, second, after, end]) => bom + [...before, first, second, ...after].filter((s): s is string => s !== undefined).join(end) + end);

const nameChars = fc.constantFrom(...'0123456789._-_aAnyrepositorywebcommonpysqlZ é∂ 🙂~#'.split(''), '.py', '.sql', '_Any', '_web', '\u00a0', '٣');
const modes = fc.constantFrom('Any', 'repository', 'web', 'common', 'any', 'Web', 'repo', '');

/** A file name in migration/ (no "/" and no NUL: no file system allows them). */
export const fileName: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(version, fc.option(fc.stringMatching(/^[A-Za-z0-9_\- .é]{0,8}$/), { nil: undefined }), modes, fc.constantFrom('.py', '.sql', '.py', '.pyc', '.py~', '.PY', '.sql.orig', ''))
    .map(([v, d, mode, ext]) => `${v}${d !== undefined ? `_${d}` : ''}_${mode}${ext}`),
  fc.string({ unit: nameChars, maxLength: 30 }),
  fc.constantFrom('depends.map', '__init__.py', 'postcreate.py', '_helpers.py', 'README.txt'),
).filter((name) => !name.includes('/') && !name.includes('\u0000'));
