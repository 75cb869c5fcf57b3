// The catalog reader: every name of the guide is there with the right modes, signatures render, malformed JSON is refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readCatalog, scriptCatalog } from '../../server/src/core/catalog/catalog';
import { renderSignature } from '../../server/src/core/catalog/signature';

const GUIDE_NAMES = {
  all: ['config', 'interactive_mode', 'appltemplversion', 'applerudiversion', 'templversion', 'erudiversion', 'confirm', '_',
    'option_renamed', 'option_group_change', 'option_added', 'option_removed'],
  repository: ['checkpoint', 'repo_schema', 'newschema', 'sqlcursor', 'repo', 'add_attribute', 'drop_attribute', 'rename_attribute',
    'add_entity_type', 'drop_entity_type', 'rename_entity_type', 'add_relation_type', 'drop_relation_type', 'rename_relation',
    'add_relation_definition', 'drop_relation_definition', 'synchronize_permissions', 'synchronize_rschema', 'synchronize_eschema',
    'synchronize_schema', 'change_relation_props', 'set_widget', 'set_size_constraint', 'rql', 'add_entity', 'add_state',
    'add_transition', 'sqlexec', 'add_entity_type_table', 'add_relation_type_table', 'uninline_relation'],
};

test('every name of the guide is in the catalog, with its side', () => {
  for (const name of GUIDE_NAMES.all) assert.equal(scriptCatalog.byName.get(name)?.repositoryOnly, false, name);
  for (const name of GUIDE_NAMES.repository) assert.equal(scriptCatalog.byName.get(name)?.repositoryOnly, true, name);
});

const SIGNATURES: [string, string][] = [
  // CubicWeb's interact wrapper: every command also takes ask_confirm, keyword-only (before **kwargs, after *args).
  ['add_attribute', 'add_attribute(etype: str, attrname: str, attrtype: str | None = None, commit: bool = True, *, ask_confirm: bool = True) -> None'],
  ['add_entity', 'add_entity(etype: str, *args: Any, ask_confirm: bool = True, **kwargs: Any) -> int'],
  ['sql', 'sql(sql: str, args: Sequence[Any] | dict[str, Any] | None = None, ask_confirm: bool = True) -> list[tuple]'],
  ['sync_schema_props_perms', 'sync_schema_props_perms(ertype: str | tuple[str, str, str] | None = None, syncperms: bool = True, syncprops: bool = True, syncrdefs: bool = True, commit: bool = True, *, ask_confirm: bool = True) -> None'],
  ['option_added', 'option_added(optname: str, value: str | int | float | bool | Sequence[Any] | None = None, *, ask_confirm: bool = True) -> None'],
  ['option_removed', 'option_removed(optname: str, *, ask_confirm: bool = True) -> None'],
  ['synchronize_schema', 'synchronize_schema(commit: bool = True, *, ask_confirm: bool = True) -> None'],
];

test('signatures render as Python, with parameter offsets', () => {
  for (const [name, expected] of SIGNATURES) {
    const entry = scriptCatalog.byName.get(name);
    assert.ok(entry?.kind === 'function', name);
    const rendered = renderSignature(entry);
    assert.equal(rendered.label, expected);
    assert.deepEqual(rendered.parameterOffsets.map(([s, e]) => rendered.label.slice(s, e).split(/[:=]/)[0].replace(/\*/g, '')), entry.parameters.map((p) => p.name));
  }
});

test('destructive entries: drop_* always, sqlexec and rql by pattern', () => {
  const destructive = scriptCatalog.entries.filter((e) => e.kind === 'function' && e.destructive).map((e) => e.name).sort();
  assert.deepEqual(destructive, ['drop_attribute', 'drop_entity_type', 'drop_relation_definition', 'drop_relation_type']);
  const sqlexec = scriptCatalog.byName.get('sqlexec');
  assert.ok(sqlexec?.kind === 'function' && sqlexec.destructiveWhen);
  for (const [sql, destroys] of [['DROP TABLE x', true], ['  delete from x', true], ['TRUNCATE x', true], ['SELECT 1', false], ['UPDATE x SET dropped = 1', false]] as const) {
    assert.equal(sqlexec.destructiveWhen.pattern.test(sql), destroys, sql);
  }
});

const MALFORMED: [string, unknown, RegExp][] = [
  ['no entries', { modes: {} }, /top level/],
  ['unknown modes key', { modes: { all: ['Any'] }, entries: [{ name: 'x', kind: 'value', type: 'int', category: 'context', modes: 'some', summary: 's' }] }, /entry x: modes "some"/],
  ['bad mode', { modes: { all: ['any'] }, entries: [] }, /modes.all: mode must be one of/],
  ['bad kind', { modes: { all: ['Any'] }, entries: [{ name: 'x', kind: 'class', category: 'context', modes: 'all', summary: 's' }] }, /entry x: kind/],
  ['dangling of', { modes: { all: ['Any'] }, entries: [{ name: 'f', kind: 'function', category: 'schema', modes: 'all', summary: 's', returns: 'None', parameters: [{ name: 'a', type: 'str', names: 'attribute', of: 'etype' }] }] }, /refers to no parameter etype/],
  ['twice', { modes: { all: ['Any'] }, entries: [{ name: 'x', kind: 'value', type: 'int', category: 'context', modes: 'all', summary: 's' }, { name: 'x', kind: 'value', type: 'int', category: 'context', modes: 'all', summary: 's' }] }, /listed twice/],
];

test('a malformed catalog is refused with the entry named', () => {
  for (const [label, json, message] of MALFORMED) assert.throws(() => readCatalog(json), message, label);
});
