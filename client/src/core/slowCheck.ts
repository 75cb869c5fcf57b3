// The language status item's sentence for a check that took over a second (pure, so it is tested without VS Code).
import { SLOW_CHECK_MILLISECONDS, type SlowCheckParams } from '../../../protocol/protocol';

export function slowCheckDetail(check: SlowCheckParams, shownPath: string): string {
  const seconds = (check.milliseconds / 1000).toFixed(1);
  return `checking ${shownPath} took ${seconds} s (over ${SLOW_CHECK_MILLISECONDS / 1000} s): see the server log for slow requests`;
}
