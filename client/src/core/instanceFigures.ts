// Reads the figures out of `erudi-migrate stats --json` output (its last `stats` event); pure, so it is tested without VS Code.
import type { InstanceFigures } from '../../../protocol/protocol';

/** The figures of the output's `stats` event, or the runtime's error message. */
export function parseStatsOutput(stdout: string): InstanceFigures | { error: string } {
  let error: string | undefined;
  for (const line of stdout.split(/\r?\n/).reverse()) {
    if (!line.trim().startsWith('{')) continue;
    let event: { event?: unknown; entityTypes?: unknown; message?: unknown };
    try {
      event = JSON.parse(line) as typeof event;
    } catch {
      continue;
    }
    if (event.event === 'stats' && typeof event.entityTypes === 'object' && event.entityTypes !== null && !Array.isArray(event.entityTypes)) {
      return { entityTypes: event.entityTypes as InstanceFigures['entityTypes'] };
    }
    if (event.event === 'error' && typeof event.message === 'string') error ??= event.message;
  }
  return { error: error ?? 'the runtime printed no figures' };
}
