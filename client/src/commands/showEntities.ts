// erudiMigrations.showEntities: a read-only page of an entity type's rows (from the view, schema.py's lens or the palette).
import * as vscode from 'vscode';
import type { ClientContext } from '../clientContext';
import { showData } from '../data/dataDocuments';
import { requireTrust } from '../trust';
import { pickApplication } from './pickApplication';

/** `arg`: a schema.py lens's `{ uri, etype }`, a file or folder Uri, or nothing (then the type is asked). */
export async function showEntities(_ctx: ClientContext, arg: unknown): Promise<void> {
  if (!(await requireTrust('Show Entities'))) return;
  const lens = arg as { uri?: vscode.Uri; etype?: unknown } | undefined;
  const app = await pickApplication(lens?.uri ?? arg, 'Show Entities');
  if (!app) return;
  let etype = typeof lens?.etype === 'string' ? lens.etype : undefined;
  if (etype === undefined) {
    const typed = await vscode.window.showInputBox({
      title: `Show Entities of ${app.name}`,
      prompt: 'Entity type (leave empty for every type with its number of rows)',
      validateInput: (v) => (v.trim() === '' || /^[A-Za-z_]\w*$/.test(v.trim()) ? undefined : 'An entity type name, like Ticket.'),
    });
    if (typed === undefined) return;
    etype = typed.trim();
  }
  await showData({ app: app.folder, kind: 'entities', target: etype, offset: 0 });
}
