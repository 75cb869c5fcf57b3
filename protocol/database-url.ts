// Database URLs, shared by the extension and the language server: variable expansion, what part is secret, and how a URL is shown to people.

/** What a URL may refer to when the setting is expanded. */
export interface UrlContext {
  workspaceFolder: string;
  /** Folder name of the application (the folder holding `migration/`). */
  application: string;
  env: Record<string, string | undefined>;
}

export type DatabaseUrl =
  | { kind: 'sqlite'; url: string; file: string }
  | { kind: 'postgresql'; url: string; user: string; host: string; port: string; database: string; inlinePassword: boolean };

/** Expands `${workspaceFolder}`, `${application}` and `${env:NAME}`; an unknown variable is an error the user reads. */
export function expandDatabaseUrl(template: string, context: UrlContext): { url: string } | { error: string } {
  let error: string | undefined;
  const url = template.replace(/\$\{([^}]*)\}/g, (whole, name: string) => {
    if (name === 'workspaceFolder') return context.workspaceFolder;
    if (name === 'application') return context.application;
    if (name.startsWith('env:')) return context.env[name.slice(4)] ?? '';
    error ??= `erudiMigrations.database.url: unknown variable ${whole}; use \${workspaceFolder}, \${application} or \${env:NAME}.`;
    return whole;
  });
  return error ? { error } : { url };
}

/** Reads a URL into its parts; a password written anywhere in the URL is flagged (it belongs in the secret storage). */
export function parseDatabaseUrl(url: string): DatabaseUrl | { error: string } {
  const sqlite = /^sqlite:\/\/\/(.+)$/.exec(url);
  if (sqlite) return { kind: 'sqlite', url, file: sqlite[1]! };
  const pg = /^postgres(?:ql)?:\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^:/?#]*)(?::(\d+))?\/([^?#]*)/.exec(url);
  if (pg) {
    return {
      kind: 'postgresql', url, user: decode(pg[1] ?? ''), inlinePassword: passwordIn(url) !== undefined,
      host: pg[3] ?? '', port: pg[4] ?? '', database: decode(pg[5] ?? ''),
    };
  }
  if (passwordIn(url)) return { error: 'The database URL is not one this extension reads, and it holds a password: use postgresql://user@host:port/database and run "Erudi Migrations: Set Database Password".' };
  return { error: `"${redactDatabaseUrl(url)}" is not a database URL: use sqlite:///path/to/file.db or postgresql://user@host:port/database.` };
}

// The same rules as the runtime (runtime/erudi_migrate/urls.py): query parameters libpq reads a secret from, compared
// percent-decoded and case-folded; the user info read up to the last "@" (a password may hold "/", "?", ":" or "@").
const SECRET_PARAMETERS = new Set(['password', 'sslpassword']);
const SCHEME = /^postgres(?:ql)?:\/\//;

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function isSecretKey(rawKey: string): boolean {
  return SECRET_PARAMETERS.has(decode(rawKey).trim().toLowerCase());
}

/** Where a PostgreSQL URL holds a password, or undefined; every reading of it counts (see the runtime's password_in). */
export function passwordIn(url: string): string | undefined {
  const scheme = SCHEME.exec(url);
  if (!scheme) return undefined;
  const rest = url.slice(scheme[0].length);
  const authority = rest.split('/', 1)[0];
  const userInfos = [rest.includes('@') ? rest.slice(0, rest.lastIndexOf('@')) : undefined, authority.includes('@') ? authority.slice(0, authority.lastIndexOf('@')) : undefined];
  if (userInfos.some((info) => info !== undefined && decode(info).includes(':'))) return 'in the user info, user:password@';
  for (const item of rest.split(/[?&]/).slice(1)) {
    const key = item.split('=', 1)[0];
    if (isSecretKey(key)) return `in the query parameter '${decode(key)}'`;
  }
  return undefined;
}

/** The URL as it may be shown (messages, logs, argv): a password in the user info or in a secret query parameter is `***`, whatever it holds. */
export function redactDatabaseUrl(url: string): string {
  const scheme = SCHEME.exec(url);
  if (!scheme) return url.includes('@') ? `***@${url.slice(url.lastIndexOf('@') + 1)}` : url;
  let rest = url.slice(scheme[0].length);
  let shown = scheme[0];
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    const userInfo = rest.slice(0, at);
    // An "@" after a "/" or "?": a password holding those, or an "@" in the path or query; either way what follows it
    // may be the secret's end, so nothing but the scheme is shown.
    if (/[/?#]/.test(userInfo)) return `${shown}***`;
    rest = rest.slice(at + 1);
    const colon = userInfo.indexOf(':');
    const user = colon >= 0 ? userInfo.slice(0, colon) : userInfo;
    shown += /[=&]/.test(user) || /%3a/i.test(user) ? '***@' : colon >= 0 ? `${user}:***@` : `${user}@`;
  }
  let fragment = '';
  const hash = rest.indexOf('#');
  if (hash >= 0) [rest, fragment] = [rest.slice(0, hash), rest.slice(hash)];
  const question = rest.indexOf('?');
  if (question < 0) return shown + rest + fragment;
  const query = rest
    .slice(question + 1)
    .split('&')
    .map((item) => {
      const equals = item.indexOf('=');
      const key = equals >= 0 ? item.slice(0, equals) : item;
      return isSecretKey(key) ? `${key}=***` : item;
    });
  return `${shown}${rest.slice(0, question)}?${query.join('&')}${fragment}`;
}

/** The key under which the password of a PostgreSQL database is kept in the secret storage. */
export function secretKeyFor(db: Extract<DatabaseUrl, { kind: 'postgresql' }>): string {
  return `erudiMigrations.password:${db.user}@${db.host || 'localhost'}:${db.port || '5432'}/${db.database}`;
}
