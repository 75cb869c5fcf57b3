// Renders catalog entries as Python signatures, with the offsets of each parameter for signature help.
import type { CatalogEntry, Parameter, Primitive } from './catalog';

/** One parameter as written in the signature: `etype: str`, `commit: bool = True`, `*args: Any`. */
export function parameterLabel(parameter: Parameter): string {
  const star = parameter.kind === 'var-positional' ? '*' : parameter.kind === 'var-keyword' ? '**' : '';
  const value = parameter.default !== undefined ? ` = ${parameter.default}` : '';
  return `${star}${parameter.name}: ${parameter.type}${value}`;
}

export interface RenderedSignature {
  label: string;
  /** [start, end) of each parameter inside `label`, in the catalog's order. */
  parameterOffsets: [number, number][];
}

/** The bare `*` Python needs before keyword-only parameters when no `*args` comes first. */
export function needsBareStar(parameters: readonly Parameter[], index: number): boolean {
  return parameters[index].kind === 'keyword-only' && !parameters.slice(0, index).some((p) => p.kind === 'var-positional' || p.kind === 'keyword-only');
}

/** `add_attribute(etype: str, attrname: str, ...) -> None`, with where each parameter sits. */
export function renderSignature(primitive: Primitive): RenderedSignature {
  let label = `${primitive.name}(`;
  const parameterOffsets: [number, number][] = [];
  primitive.parameters.forEach((parameter, i) => {
    if (i > 0) label += ', ';
    if (needsBareStar(primitive.parameters, i)) label += '*, ';
    const start = label.length;
    label += parameterLabel(parameter);
    parameterOffsets.push([start, label.length]);
  });
  label += `) -> ${primitive.returns}`;
  return { label, parameterOffsets };
}

/** The one-line declaration shown in hovers: a signature for functions, `name: type` for values. */
export function declaration(entry: CatalogEntry): string {
  return entry.kind === 'function' ? renderSignature(entry).label : `${entry.name}: ${entry.type}`;
}

// Completion lists every entry's documentation on each request: render each once.
const documentation = new WeakMap<CatalogEntry, string>();

/** Markdown documentation of an entry: declaration, summary, modes, and a warning when it destroys data. */
export function entryDocumentation(entry: CatalogEntry): string {
  let text = documentation.get(entry);
  if (text === undefined) documentation.set(entry, (text = renderDocumentation(entry)));
  return text;
}

function renderDocumentation(entry: CatalogEntry): string {
  const lines = ['```python', declaration(entry), '```', '', entry.summary, ''];
  if (entry.reference) lines.push(entry.reference, '');
  lines.push(`Modes: ${entry.modes.map((m) => `\`${m}\``).join(', ')}${entry.repositoryOnly ? ' (repository side only)' : ''}`);
  if (entry.kind === 'function' && entry.destructive) lines.push('', '**Destroys data.**');
  if (entry.kind === 'function' && entry.destructiveWhen) {
    lines.push('', `**Destroys data** when \`${entry.destructiveWhen.parameter}\` matches \`${entry.destructiveWhen.pattern.source}\`.`);
  }
  return lines.join('\n');
}
