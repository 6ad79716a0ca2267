import { restoreStage, startEarlyRestore } from './cache/early.js';
import { BUILD_OK_STATE } from './cache/state.js';
import { deployCheck, type CheckReport } from './check/index.js';
import { exportGoEnv, goEnv } from './compile/go-env.js';
import { build } from './compile/index.js';
import { recordStage } from './job-outputs.js';
import { planJob } from './plan/announce.js';
import { slugMtime } from './publish/archive.js';
import { publishSlug } from './publish/upload.js';
import { releaseToHeroku } from './release/heroku.js';
import { newReport, timed, type RunReport } from './report/summary.js';
import type { Runtime } from './runtime/ports.js';
import { writeSbom } from './sbom/index.js';
import { makeSlug } from './slug/stage.js';
import { findGo } from './toolchain/setup.js';

export { RUNDIR_DEPRECATED } from './plan/plan.js';

/** The stages of the job, each given its part of the plan; a test hands in its own. */
export const STAGES = {
  plan: planJob,
  findGo,
  startEarlyRestore,
  restore: restoreStage,
  build,
  slug: makeSlug,
  mtime: slugMtime,
  sbom: writeSbom,
  check: deployCheck,
  publish: publishSlug,
  release: releaseToHeroku,
};
export type Stages = typeof STAGES;

/**
 * The job: plan → install Go (the caches restored beside a download) → restore caches → build →
 * slug → SBOM → deploy check → upload → release. Each stage's result is recorded as it ends (its outputs
 * and its part of `report`, job-outputs.ts), so a failed run still has a summary.
 */
export async function runPipeline(
  rt: Runtime,
  report: RunReport = newReport(),
  stages: Stages = STAGES,
): Promise<{ slugDir: string }> {
  const { log } = rt;
  const phase = <T>(title: string, fn: () => Promise<T>): Promise<T> =>
    timed(report, title, () => log.group(title, fn));

  const plan = await phase('Resolve', () => stages.plan(rt));
  const { choice, detection } = plan;
  const [versionSource, method, methodReason] = [choice.source, detection.method, detection.reason];
  recordStage(rt, report, 'plan', { versionSource, method, methodReason });

  const { toolchain, genv, early } = await phase('Install Go', async () => {
    const found = await stages.findGo(rt, plan.toolchain);
    const genv = goEnv(rt.env, plan.build.inputs, (found.toolchain ?? found.download).goroot);
    // A download and the cache restore run side by side (src/cache/early.ts).
    const { download } = found;
    const early = download && stages.startEarlyRestore(rt, plan.cache, download.version, genv);
    const toolchain = found.download ? await found.download.install() : found.toolchain;
    early?.installed();
    exportGoEnv(rt, genv);
    return { toolchain, genv, early };
  });
  recordStage(rt, report, 'toolchain', { ...toolchain, source: choice.source });
  recordStage(rt, report, 'method', detection.method);

  const restored = await phase('Restore caches', () =>
    stages.restore(rt, plan.cache, toolchain.version, genv, early),
  );
  recordStage(rt, report, 'restored', restored);

  const built = await phase('Build', () => stages.build(plan.build, toolchain.version, genv, log));
  rt.saveState(BUILD_OK_STATE, 'true');
  recordStage(rt, report, 'packages', built.packages);

  const name = plan.publish.name(toolchain.version);
  const slug = await phase('Slug', () =>
    stages.slug(rt.slugDir(name, plan.slug.app.dir), plan.slug, built, toolchain.goroot, log),
  );
  recordStage(rt, report, 'slug', slug);

  // The SBOM's time and the archive's mtime: one `git log` for both.
  let mtime: number | undefined;
  const format = plan.sbom;
  const sbom =
    format &&
    (await phase('SBOM', async () => {
      mtime = await stages.mtime(plan.publish.appDir, plan.publish.sourceDateEpoch, rt.env);
      return stages.sbom({ format, slug, name, created: mtime, genv, env: rt.env, log });
    }));
  recordStage(rt, report, 'sbom', { written: sbom });

  // A slug that would not boot is not published.
  const { check } = plan;
  if (check) {
    const found: CheckReport = (report.deploy = {});
    await phase('Deploy check', () => stages.check(rt, check, slug, found));
  }

  const published = await phase('Upload', () =>
    stages.publish(rt, plan.publish, slug.dir, name, { sbom: sbom?.path, mtime }),
  );
  recordStage(rt, report, 'published', published);

  // The bytes checked and uploaded are the bytes released.
  const { release } = plan;
  if (release && published.archive && published.digest && published.archiveBytes !== undefined) {
    const archive = {
      path: published.archive,
      sha256: published.digest,
      bytes: published.archiveBytes,
    };
    const released = await phase('Release', () => stages.release(release, slug, archive, log));
    recordStage(rt, report, 'released', released);
  }
  return { slugDir: slug.dir };
}
