// Checks the shape of incoming LSP params before a handler touches the session, so a hostile or broken message (a
// number as URI, contentChanges that are no array, didOpen with text: null) fails alone and leaves no broken document.

/** A message whose params do not have the shape LSP defines; requests answer it with InvalidParams. */
export class InvalidParams extends Error {}

type Params = Record<string, unknown>;

function object(value: unknown, what: string): Params {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidParams(`${what} must be an object`);
  return value as Params;
}

function string(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new InvalidParams(`${what} must be a string, not ${describe(value)}`);
  return value;
}

function count(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new InvalidParams(`${what} must be a non-negative integer, not ${describe(value)}`);
  return value;
}

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}

function position(value: unknown, what: string): void {
  const p = object(value, what);
  count(p.line, `${what}.line`);
  count(p.character, `${what}.character`);
}

function range(value: unknown, what: string): void {
  const r = object(value, what);
  position(r.start, `${what}.start`);
  position(r.end, `${what}.end`);
}

function textDocument(params: unknown): Params {
  const document = object(object(params, 'params').textDocument, 'textDocument');
  string(document.uri, 'textDocument.uri');
  return document;
}

/** Params naming a document: didClose, didSave. */
export function checkDocumentParams<P>(params: P): P {
  textDocument(params);
  return params;
}

export function checkDidOpenParams<P>(params: P): P {
  const document = textDocument(params);
  string(document.languageId ?? '', 'textDocument.languageId');
  string(document.text, 'textDocument.text');
  if (document.version !== undefined && typeof document.version !== 'number') throw new InvalidParams(`textDocument.version must be a number, not ${describe(document.version)}`);
  return params;
}

export function checkDidChangeParams<P>(params: P): P {
  const document = textDocument(params);
  if (document.version !== undefined && document.version !== null && typeof document.version !== 'number') {
    throw new InvalidParams(`textDocument.version must be a number, not ${describe(document.version)}`);
  }
  const changes = (params as Params).contentChanges;
  if (!Array.isArray(changes)) throw new InvalidParams(`contentChanges must be an array, not ${describe(changes)}`);
  changes.forEach((change, i) => {
    const c = object(change, `contentChanges[${i}]`);
    string(c.text, `contentChanges[${i}].text`);
    if (c.range !== undefined) range(c.range, `contentChanges[${i}].range`);
  });
  return params;
}

/** Params of a request at a position: completion, hover, signature help, definition. */
export function checkPositionParams<P>(params: P): P {
  textDocument(params);
  position((params as Params).position, 'position');
  return params;
}

export function checkCodeActionParams<P>(params: P): P {
  textDocument(params);
  range((params as Params).range, 'range');
  const context = object((params as Params).context, 'context');
  if (!Array.isArray(context.diagnostics)) throw new InvalidParams(`context.diagnostics must be an array, not ${describe(context.diagnostics)}`);
  return params;
}

/** erudiMigrations/schemaDiff (protocol.ts SchemaDiffParams): the client's reading of an instance's schema diff. */
export function checkSchemaDiffParams<P>(params: P): P {
  const p = object(params, 'params');
  string(p.application, 'application');
  string(p.database, 'database');
  if (p.storedVersion !== null && p.storedVersion !== undefined) string(p.storedVersion, 'storedVersion');
  if (p.changes === null) return params;
  if (!Array.isArray(p.changes)) throw new InvalidParams(`changes must be an array or null, not ${describe(p.changes)}`);
  p.changes.forEach((change, i) => {
    const c = object(change, `changes[${i}]`);
    string(c.kind, `changes[${i}].kind`);
    string(c.subject, `changes[${i}].subject`);
    string(c.summary, `changes[${i}].summary`);
    if (c.file !== null && c.file !== undefined) string(c.file, `changes[${i}].file`);
    if (c.line !== null && c.line !== undefined && (typeof c.line !== 'number' || !Number.isInteger(c.line) || c.line < 1)) {
      throw new InvalidParams(`changes[${i}].line must be a line number (from 1) or null, not ${describe(c.line)}`);
    }
  });
  return params;
}
