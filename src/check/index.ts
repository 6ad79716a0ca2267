import path from 'node:path';
import { UserError } from '../errors.js';
import { readNames } from '../fs-tree.js';
import type { Runtime } from '../runtime/ports.js';
import { parseProcfile } from '../slug/procfile.js';
import { show } from '../trust/log-text.js';
import {
  checkGlibc,
  describeTarget,
  glibcFailure,
  type BinaryGlibc,
  type GlibcTarget,
} from './glibc.js';
import type { RunHooks } from './policy.js';
import { smokeTest, type SmokeReport } from './smoke.js';

/** What the deploy check (SPEC §10) is asked to do: built from the inputs by the pipeline. */
export interface CheckPlan {
  /** The glibc the slug's binaries must run with (`target-glibc`), when one is given. */
  glibc?: GlibcTarget;
  /** The smoke test, when asked for: the paths that must answer 200, Clever Cloud's run hooks. */
  smoke?: { healthPaths: string[]; hooks: RunHooks };
}

/** What the deploy check found, filled as it goes: a failed check still has its rows. */
export interface CheckReport {
  glibc?: { target: string; binaries: BinaryGlibc[] };
  smoke?: SmokeReport;
}

/**
 * The regular files of the slug's bin/ (symlinks are the app's and are not followed), names
 * byte-exact (readNames): an app's file there need not have a UTF-8 name.
 */
function binFiles(binDir: string): string[] {
  try {
    return readNames(binDir)
      .filter((e) => e.entry.isFile())
      .map((e) => e.name);
  } catch {
    return [];
  }
}

/**
 * The deploy check, on the slug as written: the glibc the binaries need against `target-glibc`,
 * then the smoke test. Fills `report` as it goes and returns it; the first failure is the error.
 */
export async function deployCheck(
  rt: Pick<Runtime, 'log' | 'env'>,
  plan: CheckPlan,
  slug: { dir: string; procfile: string },
  report: CheckReport = {},
): Promise<CheckReport> {
  const target = plan.glibc;
  if (target) {
    const binDir = path.join(slug.dir, 'bin');
    const binaries = checkGlibc(binDir, binFiles(binDir), target);
    report.glibc = { target: describeTarget(target), binaries };
    for (const b of binaries) rt.log.info(`${show(b.name)}: ${b.finding}`);
    const failed = binaries.filter((b) => !b.ok);
    if (failed[0]) {
      const more = failed.slice(1).map((b) => `${show(b.name)} (${b.needs})`);
      throw new UserError(
        `${glibcFailure(failed[0], target)}${more.length ? `; so do ${more.join(', ')}` : ''}`,
      );
    }
    rt.log.info(`Every binary runs with ${describeTarget(target)}`);
  }
  if (plan.smoke) {
    const smoke: SmokeReport = { processes: [], health: [] };
    report.smoke = smoke;
    await smokeTest(
      {
        slugDir: slug.dir,
        entries: parseProcfile(slug.procfile),
        healthPaths: plan.smoke.healthPaths,
        jobEnv: rt.env,
        hooks: plan.smoke.hooks,
        log: rt.log,
      },
      smoke,
    );
    rt.log.info('The slug boots: the smoke test passed');
  }
  return report;
}
