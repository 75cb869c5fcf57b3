// The database URL setting: variable expansion, what part is secret, and how it is shown to people.

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

/** Reads a URL into its parts; a password written in the URL is flagged (it belongs in the secret storage). */
export function parseDatabaseUrl(url: string): DatabaseUrl | { error: string } {
  const sqlite = /^sqlite:\/\/\/(.+)$/.exec(url);
  if (sqlite) return { kind: 'sqlite', url, file: sqlite[1]! };
  const pg = /^postgres(?:ql)?:\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^:/?#]*)(?::(\d+))?\/([^?#]*)/.exec(url);
  if (pg) {
    return {
      kind: 'postgresql', url, user: decodeURIComponent(pg[1] ?? ''), inlinePassword: pg[2] !== undefined,
      host: pg[3] ?? '', port: pg[4] ?? '', database: decodeURIComponent(pg[5] ?? ''),
    };
  }
  return { error: `"${redactDatabaseUrl(url)}" is not a database URL: use sqlite:///path/to/file.db or postgresql://user@host:port/database.` };
}

/** The URL with any password removed, for messages, logs and argv. */
export function redactDatabaseUrl(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:@/]*):[^@/]*@/, '$1@');
}

/** The key under which the password of a PostgreSQL database is kept in the secret storage. */
export function secretKeyFor(db: Extract<DatabaseUrl, { kind: 'postgresql' }>): string {
  return `erudiMigrations.password:${db.user}@${db.host || 'localhost'}:${db.port || '5432'}/${db.database}`;
}
