import type { Logger } from '../runtime/ports.js';
import { quote } from '../trust/log-text.js';
import type { Plan } from './plan.js';

/** What the plan decided, in the log: the Go version spec and where it comes from, the method. */
export function announcePlan(log: Logger, plan: Plan): void {
  const { choice, detection } = plan;
  if (choice.spec === undefined) {
    log.notice(
      'No Go version is specified (go-version, GOVERSION, go.mod, …): using the newest stable release',
    );
  } else if (choice.source === 'default') {
    log.info(`Go version spec ${quote(choice.raw)}: Heroku's default`);
  } else {
    log.info(`Go version spec ${quote(choice.raw)} from ${choice.source}`);
  }
  log.info(`Build tool: ${detection.method} (${detection.reason})`);
  for (const n of plan.notices) log.notice(n);
}
