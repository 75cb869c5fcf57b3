// PostgreSQL passwords in VS Code's secret storage: set by a command or asked for once; runner.ts hands them to the runtime as PGPASSWORD.
import * as vscode from 'vscode';
import { secretKeyFor, type DatabaseUrl } from '../../protocol/database-url';

type Postgres = Extract<DatabaseUrl, { kind: 'postgresql' }>;

export class DatabasePasswords {
  constructor(private readonly storage: vscode.SecretStorage) {}

  /** The stored password; when none is stored and `ask` is set, asks once and keeps the answer. */
  async get(db: Postgres, ask: boolean): Promise<string | undefined> {
    const stored = await this.storage.get(secretKeyFor(db));
    if (stored !== undefined || !ask) return stored;
    return this.prompt(db);
  }

  async prompt(db: Postgres): Promise<string | undefined> {
    const password = await vscode.window.showInputBox({
      title: 'Erudi Migrations: database password',
      prompt: `Password of ${db.user || 'the default user'} on ${db.host || 'localhost'}${db.port ? `:${db.port}` : ''}/${db.database} (kept in VS Code's secret storage)`,
      password: true,
      ignoreFocusOut: true,
    });
    if (password === undefined) return undefined;
    await this.storage.store(secretKeyFor(db), password);
    return password;
  }

  async forget(db: Postgres): Promise<void> {
    await this.storage.delete(secretKeyFor(db));
  }
}
