import type { Logger, Runtime } from '../runtime/ports.js';
import { quote } from '../trust/log-text.js';
import { resolvePlan, type Plan } from './plan.js';

/**
 * The Resolve phase: the plan made and said in the log, where the slug will go checked now (not
 * after the build), and the plan's warnings printed whatever happens next: a refusal must not
 * hide what led to it.
 */
export async function planJob(rt: Runtime, resolve = resolvePlan): Promise<Plan> {
  const warnings: string[] = [];
  try {
    const plan = await resolve(rt, warnings);
    announcePlan(rt.log, plan);
    rt.slugDir(plan.publish.name('0.0.0'), plan.slug.app.dir);
    return plan;
  } finally {
    for (const w of warnings) rt.log.warning(w);
  }
}

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
