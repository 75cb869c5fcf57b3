// A .py file of migration/ that the scripts import (`from .utils import x`) is a helper module, not a misnamed script.
import type { Application } from '../../core/workspace/application';
import type { TextRead } from '../../core/workspace/file-system';

const IDENTIFIER = /^[A-Za-z_]\w*$/;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * True when a script or event script of the application imports the module `name` (the file name without `.py`):
 * `from .name import x`, `from . import name`, `import name` / `from name import x` (Python 2's implicit relative
 * imports), `from cubicweb_foo.migration.name import x`, `from cubes.foo.migration.name import x`.
 */
export function importedByScripts(application: Application, name: string, read: (path: string) => TextRead): boolean {
  if (!IDENTIFIER.test(name)) return false;
  const module = escape(name);
  const patterns = new RegExp([
    `^[ \\t]*from[ \\t]+(?:\\.+|(?:[\\w.]+\\.)?migration\\.)${module}[ \\t]+import\\b`,
    `^[ \\t]*from[ \\t]+\\.+[ \\t]+import[ \\t]+(?:\\([^)]*?|[^\\n#]*?)\\b${module}\\b`,
    `^[ \\t]*from[ \\t]+${module}[ \\t]+import\\b`,
    `^[ \\t]*import[ \\t]+(?:[^\\n#]*[,\\s])?(?:[\\w.]+\\.migration\\.)?${module}\\b`,
  ].join('|'), 'm');
  const candidates = [...application.scripts.keys(), ...application.eventScripts];
  return candidates.some((path) => {
    if (!path.endsWith('.py')) return false;
    const text = read(path).text;
    return text !== undefined && text.includes(name) && patterns.test(text);
  });
}
