// What a schema module declares apart from offsets, as text: two reads with the same shape differ only in where things start and end.
//
// A keystroke in a docstring or a comment moves the offsets of everything after it and changes nothing else. When the
// module read after an edit has the shape of the one read before, the merged schema built from the earlier one is
// still right once its locations are moved (`relocateModule`): nothing needs building or re-checking. Lines and columns
// are part of the shape (messages print lines), start and end offsets are not.
import type { SchemaLocation } from './application-schema';
import type { PyValue } from './python-value';
import type { ClassDeclaration, SchemaModule } from './schema-module';

// A class's shape with lines counted from its own line: a class moved down the file keeps it (see carryClassShape).
const classShapes = new WeakMap<ClassDeclaration, string>();

/** A class moved by an edit elsewhere has the shape it had (its text is the same; only its lines and offsets moved). */
export function carryClassShape(from: ClassDeclaration, to: ClassDeclaration): void {
  const shape = classShapes.get(from);
  if (shape !== undefined) classShapes.set(to, shape);
}

function valueShape(value: PyValue): string {
  switch (value.kind) {
    case 'str': return JSON.stringify(value.value);
    case 'num': return `n${value.value}`;
    case 'bool': return value.value ? 'T' : 'F';
    case 'none': return 'N';
    case 'seq': return `[${value.items.map(valueShape).join(',')}]`;
    case 'call': return `${JSON.stringify(value.callee)}(${value.args.map(valueShape).join(',')};${[...value.kwargs].map(([k, v]) => `${JSON.stringify(k)}=${valueShape(v)}`).join(',')})`;
    case 'name': return `@${JSON.stringify(value.name)}`;
    default: return '?';
  }
}

const at = (location: SchemaLocation, line0 = 0) => `${location.path.length}:${location.path}:${location.line - line0}:${location.character}`;

function classShape(declaration: ClassDeclaration): string {
  let shape = classShapes.get(declaration);
  if (shape === undefined) {
    const line0 = declaration.location.line;
    shape = JSON.stringify([
      declaration.name, declaration.path, at(declaration.location, line0),
      declaration.bases.map((b) => [b.name, at(b.location, line0)]),
      declaration.members.map((m) => [m.name, at(m.location, line0), valueShape(m.value)]),
    ]);
    classShapes.set(declaration, shape);
  }
  return shape;
}

/** The module's shape: every declaration, value, line and column, no offsets. Equal shapes: `relocateModule` applies. */
export function moduleShape(module: SchemaModule): string[] {
  return [
    module.path,
    ...module.classes.map((c) => `${c.location.line}\u0000${classShape(c)}`),
    JSON.stringify(module.additions.map((a) => [a.target, at(a.location), a.member.name, at(a.member.location), valueShape(a.member.value)])),
    JSON.stringify([...module.customTypes].map(([local, t]) => [local, t.type, at(t.location)])),
    JSON.stringify([...module.constants].map(([name, value]) => [name, valueShape(value)])),
    JSON.stringify(module.imports.map((i) => [i.local, i.module, i.name ?? null, at(i.location)])),
    JSON.stringify(module.wildcardImports),
    JSON.stringify(module.problems.map((p) => [p.severity, p.message, at(p.location)])),
  ];
}

export function sameShape(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function move(target: SchemaLocation, source: SchemaLocation): void {
  if (target === source) return;
  target.start = source.start;
  target.end = source.end;
  target.line = source.line;
  target.character = source.character;
}

/**
 * Moves every location of `kept` to where `now` (a read of the module's new text with the same shape) has it, in
 * place: a schema built from `kept` shares these location objects, so it points at the new text too.
 */
export function relocateModule(kept: SchemaModule, now: SchemaModule): void {
  kept.classes.forEach((declaration, i) => {
    const other = now.classes[i];
    move(declaration.location, other.location);
    declaration.bases.forEach((b, j) => move(b.location, other.bases[j].location));
    declaration.members.forEach((m, j) => move(m.location, other.members[j].location));
  });
  kept.additions.forEach((a, i) => {
    move(a.location, now.additions[i].location);
    move(a.member.location, now.additions[i].member.location);
  });
  const types = [...now.customTypes.values()];
  [...kept.customTypes.values()].forEach((t, i) => move(t.location, types[i].location));
  kept.imports.forEach((item, i) => move(item.location, now.imports[i].location));
  kept.problems.forEach((p, i) => move(p.location, now.problems[i].location));
}
