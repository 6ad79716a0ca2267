import path from 'node:path';
import { UserError } from '../errors.js';
import { readNames } from '../fs-tree.js';
import type { Inputs } from '../inputs.js';
import type { RunReport } from '../report/summary.js';
import type { Runtime } from '../runtime/ports.js';
import { parseProcfile } from '../slug/procfile.js';
import { show } from '../trust/log-text.js';
import { checkGlibc, describeTarget, glibcFailure } from './glibc.js';
import { smokeTest, type SmokeReport } from './smoke.js';

/** Whether the run has a deploy check to do (SPEC §10). */
export function wantsDeployCheck(inputs: Inputs): boolean {
  return inputs.smokeTest || inputs.targetGlibc !== undefined;
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
 * then the smoke test. Fills `report.deploy` as it goes; the first failure is the error.
 */
export async function deployCheck(
  rt: Runtime,
  inputs: Inputs,
  slug: { dir: string; procfile: string },
  report: RunReport,
): Promise<void> {
  const deploy: NonNullable<RunReport['deploy']> = {};
  report.deploy = deploy;
  const target = inputs.targetGlibc;
  if (target) {
    const binDir = path.join(slug.dir, 'bin');
    const binaries = checkGlibc(binDir, binFiles(binDir), target);
    deploy.glibc = { target: describeTarget(target), binaries };
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
  if (inputs.smokeTest) {
    const smoke: SmokeReport = { processes: [], health: [] };
    deploy.smoke = smoke;
    await smokeTest(
      {
        slugDir: slug.dir,
        entries: parseProcfile(slug.procfile),
        healthPaths: inputs.healthCheckPaths,
        jobEnv: rt.env,
        hooks: inputs.runHooks,
        log: rt.log,
      },
      smoke,
    );
    rt.log.info('The slug boots: the smoke test passed');
  }
}
