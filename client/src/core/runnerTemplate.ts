// The `erudiMigrations.runner.command` template: split into argv (no shell, so paths cannot inject commands) and filled in.

export interface RunnerValues {
  script: string;
  app: string;
  instance: string;
  db: string;
  python: string;
}

const placeholders = new Set<keyof RunnerValues>(['script', 'app', 'instance', 'db', 'python']);

/** Splits like a POSIX shell does for words and quotes only; `{name}` placeholders are replaced inside each word. */
export function expandRunnerCommand(template: string, values: RunnerValues): { argv: string[] } | { error: string } {
  const words: string[] = [];
  let word: string | undefined;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < template.length; i++) {
    const c = template[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < template.length) word += template[++i]!;
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      word ??= '';
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === '\\' && i + 1 < template.length) {
      word = (word ?? '') + template[++i]!;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (quote) return { error: `erudiMigrations.runner.command: unclosed ${quote} quote.` };
  if (word !== undefined) words.push(word);
  if (words.length === 0) return { error: 'erudiMigrations.runner.command is empty.' };
  let error: string | undefined;
  const argv = words.map((w) => w.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (placeholders.has(name as keyof RunnerValues)) return values[name as keyof RunnerValues];
    error ??= `erudiMigrations.runner.command: unknown placeholder ${whole}; use {script}, {app}, {instance}, {db} or {python}.`;
    return whole;
  }));
  return error ? { error } : { argv };
}
