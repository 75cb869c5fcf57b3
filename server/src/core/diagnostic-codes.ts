// The one table of diagnostic codes (DESIGN §3) and their severities: every check imports its code from here.
export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** Every code the product reports, with its severity and the one-line rule it enforces. */
export const DIAGNOSTIC_CODES = {
  'filename-grammar': { severity: 'warning', rule: 'a .py/.sql file in migration/ that is no script and not exempt' },
  'unknown-mode': { severity: 'error', rule: 'the mode is not Any, repository, web or common' },
  'bad-version': { severity: 'error', rule: 'the version is not three integers without leading zeros' },
  'sql-mode': { severity: 'error', rule: 'a .sql script whose mode is not Any' },
  'duplicate-script': { severity: 'error', rule: 'two scripts with the same version, description and mode, ignoring case' },
  'script-ahead-of-model': { severity: 'warning', rule: 'a script version greater than numversion in __pkginfo__.py' },
  'pkginfo-version': { severity: 'error', rule: 'no numversion tuple of three integers in __pkginfo__.py' },
  'depends-syntax': { severity: 'error', rule: 'a depends.map line that is no "<X.Y.Z> : <X.Y.Z>" entry' },
  'depends-duplicate': { severity: 'error', rule: 'a model version listed twice in depends.map' },
  'depends-not-monotonic': { severity: 'error', rule: 'a higher model version needs a lower erudi version than a lower one' },
  'depends-future-version': { severity: 'warning', rule: 'a depends.map model version greater than numversion' },
  'depends-framework-unavailable': { severity: 'warning', rule: 'a depends.map entry needs an erudi version newer than the installed one' },
  'not-available-in-mode': { severity: 'error', rule: 'a repository-side name used in a web or common script' },
  'wrong-arguments': { severity: 'error', rule: 'too many or too few positional arguments, or an unknown keyword' },
  'unknown-entity-type': { severity: 'warning', rule: 'an entity type schema.py does not define, where the primitive needs it' },
  'unknown-relation-type': { severity: 'warning', rule: 'a relation type schema.py does not define, where the primitive needs it' },
  'unknown-attribute': { severity: 'warning', rule: 'an attribute schema.py does not define, where the primitive needs it' },
  'still-in-schema': { severity: 'warning', rule: 'a drop_* or the old name of a rename_* names something schema.py still defines' },
  'destructive-operation': { severity: 'information', rule: 'the call drops or deletes data' },
  'unknown-name': { severity: 'warning', rule: 'a name neither in the catalog, a Python builtin, nor bound in the script' },
  'cube-not-found': { severity: 'warning', rule: 'a cube named in __depends__ (or a cube\'s own __depends__) found in no workspace folder, --cubes-path, ERUDI_CUBES_PATH or erudiMigrations.cubesPath' },
  'schema-error': { severity: 'error', rule: 'a schema file CubicWeb cannot load: a base class or an import that does not exist, add_relation on no entity type' },
  'schema-redefinition': { severity: 'warning', rule: 'a class defined twice in one schema module (the later one wins)' },
  'unapplied-script': { severity: 'warning', rule: 'a valid script at or below the stored version that the instance\'s ledger lacks (check --db URL)' },
  'script-changed-after-apply': { severity: 'warning', rule: 'the script\'s checksum differs from the one the instance\'s ledger recorded (check --db URL)' },
  'schema-not-migrated': { severity: 'warning', rule: 'a change of schema.py that no pending script makes: the instance\'s schema after the next upgrade would still differ (check --schema --db URL; the editor with a database)' },
  'unreadable-script': { severity: 'error', rule: 'a file in migration/ named like a script that cannot be read: a dangling symbolic link, a directory, a FIFO, no permission' },
  'python-syntax': { severity: 'error', rule: 'a syntax error in a script, an event script (postcreate.py, ...) or schema.py' },
  // Safety rules (server/src/features/safety-rules/: each has a note and a help line, shown by hover and check --explain).
  'add-required-without-default': { severity: 'warning', rule: 'a required attribute added without a default, over existing entities' },
  'type-change-rewrite': { severity: 'warning', rule: 'change_attribute_type() rewrites every stored value, and may truncate or refuse some' },
  'size-shrink': { severity: 'warning', rule: 'a size constraint set below the length of stored values' },
  'unique-on-existing-data': { severity: 'warning', rule: 'a unique constraint created over existing rows that share a value' },
  'rename-still-used': { severity: 'warning', rule: 'a rename whose old name the rest of the script, later scripts, schema files or the application\'s code still use' },
  'unguarded-drop': { severity: 'warning', rule: 'a drop outside an "if confirm(...)" branch in a script that asks questions' },
  'schema-change-in-sql': { severity: 'warning', rule: "SQL that creates, alters or drops tables or indexes behind the persisted schema's back" },
  'unbounded-data-loop': { severity: 'warning', rule: 'a loop writing entities over an unbounded query with no commit() inside' },
  'unrestricted-write': { severity: 'warning', rule: 'an RQL DELETE/SET or SQL DELETE/UPDATE without WHERE' },
  'rql-syntax': { severity: 'error', rule: 'an rql() query that does not parse' },
  'rql-unknown-name': { severity: 'warning', rule: 'an RQL string names a type, relation or attribute the merged schema lacks, links types a relation does not, or leaves a variable unrestricted' },
  'unknown-suppression': { severity: 'warning', rule: 'an "# erudi: ignore[code]" comment naming no known code' },
  'too-deeply-nested': { severity: 'information', rule: "nesting past the parser's bound; the rest of the file is still checked" },
  'file-too-large': { severity: 'information', rule: 'a document over 2 MB: only its file name is checked' },
} as const satisfies Record<string, { severity: Severity; rule: string }>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

/** The `source` every diagnostic carries (defined in the protocol module the client shares). */
export { DIAGNOSTIC_SOURCE } from '../../../protocol/protocol';

export function severityOf(code: DiagnosticCode): Severity {
  return DIAGNOSTIC_CODES[code].severity;
}

export function isDiagnosticCode(text: string): text is DiagnosticCode {
  return Object.prototype.hasOwnProperty.call(DIAGNOSTIC_CODES, text);
}
