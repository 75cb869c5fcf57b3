// A page of an instance's rows (the runtime's `rows` event of `entities` / `query`) as a Markdown document.

export interface RowsPage {
  what: string;
  columns: string[];
  rows: unknown[][];
  total: number;
  offset: number;
  limit: number;
}

/** Reads the `rows` event from the runtime's stdout (one JSON object per line). */
export function parseRowsPage(stdout: string): RowsPage | { error: string } {
  for (const line of stdout.split('\n').reverse()) {
    if (!line.trim().startsWith('{')) continue;
    try {
      const event = JSON.parse(line) as Partial<RowsPage> & { event?: string };
      if (event.event === 'rows' && Array.isArray(event.columns) && Array.isArray(event.rows)) {
        return { what: String(event.what ?? ''), columns: event.columns.map(String), rows: event.rows as unknown[][],
          total: Number(event.total ?? event.rows.length), offset: Number(event.offset ?? 0), limit: Number(event.limit ?? event.rows.length) };
      }
    } catch {
      // not an event line
    }
  }
  return { error: 'the runtime printed no rows' };
}

/** One cell as Markdown table text: NULL shown as such, bytes by size, no line break or `|` breaking the table. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '*NULL*';
  if (typeof value === 'object' && value !== null && 'bytes' in value) return `*${(value as { bytes: number }).bytes} bytes*`;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const flat = text.replace(/\r\n|\r|\n/g, '↵').replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}

export interface PageHeading {
  title: string;
  database: string;
}

/** The document: a heading naming what and where, the table, and which rows of how many it shows. */
export function renderRowsPage(page: RowsPage, heading: PageHeading): string {
  const first = page.rows.length ? page.offset + 1 : 0;
  const last = page.offset + page.rows.length;
  const lines = [`# ${heading.title}`, '', `Database: \`${heading.database}\` (read-only)`, ''];
  if (!page.columns.length || !page.rows.length) {
    lines.push(page.total ? `No rows on this page (${page.total} in all).` : 'No rows.');
    return `${lines.join('\n')}\n`;
  }
  lines.push(`| ${page.columns.map(cellText).join(' | ')} |`, `|${page.columns.map(() => ' --- ').join('|')}|`);
  for (const row of page.rows) lines.push(`| ${page.columns.map((_, i) => cellText(row[i])).join(' | ')} |`);
  lines.push('', `Rows ${first}–${last} of ${page.total}.${last < page.total ? ' Next page: the editor title\'s arrow, or "Erudi Migrations: Next Page of Rows".' : ''}`);
  return `${lines.join('\n')}\n`;
}
