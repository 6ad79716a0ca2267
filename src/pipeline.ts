import fs from 'node:fs';
import path from 'node:path';
import { build } from './compile/index.js';
import { finishEarlyRestore, startEarlyRestore, type EarlyRestore } from './cache/early.js';
import { deployCheck, type CheckReport } from './check/index.js';
import { restoreCaches } from './cache/restore.js';
import { BUILD_OK_STATE } from './cache/state.js';
import { goEnv } from './compile/go-env.js';
import type { Inputs } from './inputs.js';
import { checkPlan, defaultArtifactName } from './plan/parts.js';
import { resolvePlan } from './plan/plan.js';
import type { Runtime } from './runtime/ports.js';
import { makeSlug } from './slug/stage.js';
import { publishSlug } from './publish/upload.js';
import { slugMtime } from './publish/archive.js';
import { writeSbom, type WrittenSbom } from './sbom/index.js';
import { newReport, timed, type RunReport } from './report/summary.js';
import { setupGo, type Toolchain } from './toolchain/setup.js';
import { quote } from './trust/log-text.js';
import { recordStage } from './job-outputs.js';

export interface PipelineResult {
  inputs: Inputs;
  toolchain: Toolchain;
  slugDir: string;
  binaries: string[];
  procfile: string;
}

export { RUNDIR_DEPRECATED } from './plan/plan.js';

/**
 * Runs the whole build: resolve → install → restore caches → build → slug → upload, sets each
 * stage's outputs as it ends (job-outputs.ts), and fills `report` as it goes (so a failed run
 * still has a summary).
 */
export async function runPipeline(
  rt: Runtime,
  report: RunReport = newReport(),
): Promise<PipelineResult> {
  const log = rt.log;
  const phase = <T>(title: string, fn: () => Promise<T>): Promise<T> =>
    timed(report, title, () => log.group(title, fn));
  const plan = await phase('Resolve', async () => {
    // Warnings are printed whatever happens next: a refusal must not hide what led to it.
    const warnings: string[] = [];
    try {
      const p = await resolvePlan(rt, warnings);
      if (p.choice.spec === undefined) {
        log.notice(
          'No Go version is specified (go-version, GOVERSION, go.mod, …): using the newest stable release',
        );
      } else if (p.choice.source === 'default') {
        log.info(`Go version spec ${quote(p.choice.raw)}: Heroku's default`);
      } else {
        log.info(`Go version spec ${quote(p.choice.raw)} from ${p.choice.source}`);
      }
      log.info(`Build tool: ${p.detection.method} (${p.detection.reason})`);
      for (const n of p.notices) log.notice(n);
      // Where the slug will go is checked now, not after the build.
      rt.slugDir(p.inputs.artifactName ?? defaultArtifactName(p.inputs, '0.0.0'), p.inputs.appDir);
      recordStage(rt, report, 'plan', {
        versionSource: p.choice.source,
        method: p.detection.method,
        methodReason: p.detection.reason,
      });
      return p;
    } finally {
      for (const w of warnings) log.warning(w);
    }
  });
  const { inputs, choice, detection } = plan;

  // On a download, the caches are restored beside it (src/cache/early.ts).
  let early: EarlyRestore | undefined;
  const toolchain = await phase('Install Go', async () => {
    const tc = await setupGo(rt, {
      spec: choice.spec,
      checkLatest: inputs.checkLatest,
      download: inputs.goDownload,
      source: inputs.toolchainSource,
      goArch: inputs.architecture,
      onDownload: (version, goroot) => {
        early = startEarlyRestore(rt, inputs, version, goroot, detection.method, plan.depFiles);
      },
    });
    early?.installed();
    rt.exportVariable('GOROOT', tc.goroot);
    rt.exportVariable('GOTOOLCHAIN', 'local');
    rt.addPath(path.join(tc.goroot, 'bin'));
    rt.addProblemMatcher();
    return tc;
  });
  recordStage(rt, report, 'toolchain', { ...toolchain, source: choice.source });

  const genv = goEnv(rt.env, inputs, toolchain.goroot);
  if (genv.gobin) {
    fs.mkdirSync(genv.gobin, { recursive: true });
    rt.addPath(genv.gobin);
  }
  recordStage(rt, report, 'method', detection.method);

  const restored = await phase('Restore caches', async () => {
    const done = early && (await finishEarlyRestore(rt, early, genv, inputs.appDir));
    return (
      done ?? restoreCaches(rt, inputs, toolchain.version, genv, detection.method, plan.depFiles)
    );
  });
  recordStage(rt, report, 'restored', restored);

  const built = await phase('Build', () => build(plan, toolchain.version, genv, log));
  rt.saveState(BUILD_OK_STATE, 'true');
  recordStage(rt, report, 'packages', built.packages);

  const name = inputs.artifactName ?? defaultArtifactName(inputs, toolchain.version);
  const slug = await phase('Slug', () =>
    makeSlug(
      rt.slugDir(name, inputs.appDir),
      {
        app: { dir: inputs.appDir, files: inputs.appFiles, slugignore: plan.slugignore },
        procfile: plan.procfile,
        runCommand: inputs.runCommand,
        extras: {
          goroot: inputs.installToolsInImage ? toolchain.goroot : undefined,
          gopathSources: inputs.setupGopathInImage
            ? { appDir: inputs.appDir, importPath: built.importPath }
            : undefined,
        },
      },
      built,
      log,
    ),
  );

  recordStage(rt, report, 'slug', slug);

  let sbom: WrittenSbom | undefined;
  // The SBOM's time and the archive's mtime: one `git log` for both.
  let mtime: number | undefined;
  const sbomFormat = inputs.sbom;
  if (sbomFormat) {
    sbom = await phase('SBOM', async () =>
      writeSbom({
        format: sbomFormat,
        slugDir: slug.dir,
        binaries: slug.binaries,
        name,
        created: (mtime = await slugMtime(inputs.appDir, inputs.sourceDateEpoch, rt.env)),
        genv,
        env: rt.env,
        log,
      }),
    );
  }
  recordStage(rt, report, 'sbom', { written: sbom });

  // A slug that would not boot is not published.
  const check = checkPlan(inputs);
  if (check) {
    const found: CheckReport = {};
    report.deploy = found;
    await phase('Deploy check', () => deployCheck(rt, check, slug, found));
  }

  const published = await phase('Upload', () =>
    publishSlug(rt, inputs, slug.dir, name, { sbom: sbom?.path, mtime }),
  );
  recordStage(rt, report, 'published', published);
  return { inputs, toolchain, slugDir: slug.dir, binaries: slug.binaries, procfile: slug.procfile };
}
