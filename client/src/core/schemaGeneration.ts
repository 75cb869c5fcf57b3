// The question "Generate Migration Script" asks before writing: the script's name and version, the changes it makes, and
// whether numversion must rise with it (then two ways to write it).
import type { GeneratedScript, SchemaDiff } from '../../../server/src/core/schema-diff';

export interface GenerationQuestion {
  message: string;
  detail: string;
  choices: string[];
  /** The choice that also raises numversion, when the script's version is above it. */
  raiseChoice?: string;
}

const LISTED = 12;

export function generationQuestion(appName: string, database: string, diff: SchemaDiff, planned: GeneratedScript): GenerationQuestion {
  const count = diff.changes.length;
  const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1).replace(/\.$/, '');
  const listed = diff.changes.slice(0, LISTED).map((c) => `  • ${sentence(c.summary)}`);
  if (count > LISTED) listed.push(`  … and ${count - LISTED} more (see the diff view)`);
  const numversion = planned.needsNumversion
    ? `Version ${planned.version} is above numversion ${planned.numversion} in __pkginfo__.py: an upgrade would not run the script until numversion is raised.`
    : '';
  const detail = [
    `${count} change${count === 1 ? '' : 's'} between ${database}${diff.storedVersion ? ` (model ${diff.storedVersion}${diff.afterPending ? ', after its pending scripts' : ''})` : ''} and the schema files:`,
    listed.join('\n'),
    numversion,
    'The script goes to migration/ and nothing is written to the database; read it, then preview it before it runs. Drops are guarded by confirm().',
  ].filter(Boolean).join('\n\n');
  const message = `Write the migration script ${planned.version} of ${appName}?`;
  if (!planned.needsNumversion) return { message, detail, choices: ['Write Script'] };
  const raiseChoice = `Write and Raise numversion to ${planned.version}`;
  return { message, detail, choices: [raiseChoice, 'Write Script Only'], raiseChoice };
}
