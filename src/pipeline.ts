import fs from 'node:fs';
import path from 'node:path';
import { build } from './build/index.js';
import { BUILD_OK_STATE, restoreCaches } from './cache/restore.js';
import { goEnv } from './build/go-env.js';
import { UserError } from './errors.js';
import { readInputs, type Inputs } from './inputs.js';
import { readFileIfExists, readVersionFiles } from './plan/app-files.js';
import { detect } from './plan/detect.js';
import { scanApp } from './plan/app-layout.js';
import { chooseVersionSpec, parseGoMod } from './plan/version-source.js';
import type { Runtime } from './runtime/ports.js';
import { defaultProcfile, formatProcfile, parseProcfile, webBinary } from './slug/procfile.js';
import { writeSlug } from './slug/slug.js';
import { publishSlug } from './publish/upload.js';
import { newReport, timed, type RunReport } from './report/summary.js';
import { setupGo, type Toolchain } from './toolchain/setup.js';

export interface PipelineResult {
  inputs: Inputs;
  toolchain: Toolchain;
  slugDir: string;
  binaries: string[];
  procfile: string;
}

export const RUNDIR_DEPRECATED =
  'rundir (CC_GO_RUNDIR) is deprecated: it only places a GOPATH-mode build; use Go modules ' +
  '(a go.mod, build-tool gomod), where the import path comes from the module line';

/** Everything before the first download: inputs and the version spec, so bad input fails fast. */
function resolvePlan(rt: Runtime) {
  const inputs = readInputs(rt);
  if (!fs.existsSync(inputs.appDir)) {
    throw new UserError(`working-directory: ${inputs.appDir} does not exist`);
  }
  const versionFileText = inputs.goVersionFile ? readFileIfExists(inputs.goVersionFile) : undefined;
  if (inputs.goVersionFile && versionFileText === undefined) {
    throw new UserError(`go-version-file: ${inputs.goVersionFile} does not exist`);
  }
  const layout = scanApp(inputs.appDir);
  const versionFiles = readVersionFiles(inputs.appDir, layout);
  const choice = chooseVersionSpec({
    input: inputs.goVersion?.from === 'input' ? inputs.goVersion.value : undefined,
    envGOVERSION: inputs.goVersion?.from === 'GOVERSION' ? inputs.goVersion.value : undefined,
    versionFile:
      inputs.goVersionFile && versionFileText !== undefined
        ? { path: inputs.goVersionFile, content: versionFileText }
        : undefined,
    app: versionFiles,
  });
  const detection = detect({
    buildTool: inputs.buildTool,
    binary: inputs.binary,
    package: inputs.package,
    layout,
    appDir: inputs.appDir,
  });
  const goMod = versionFiles.goMod !== undefined ? parseGoMod(versionFiles.goMod) : undefined;
  return { inputs, choice, detection, goMod };
}

/**
 * Runs the whole build: resolve → install → restore caches → build → slug → upload, sets the
 * outputs, and fills `report` as it goes (so a failed run still has a summary).
 */
export async function runPipeline(
  rt: Runtime,
  report: RunReport = newReport(),
): Promise<PipelineResult> {
  const log = rt.log;
  const phase = <T>(title: string, fn: () => Promise<T>): Promise<T> =>
    timed(report, title, () => log.group(title, fn));
  const { inputs, choice, detection, goMod } = await phase('Resolve', async () => {
    const plan = resolvePlan(rt);
    if (plan.choice.source === 'default') {
      log.notice(
        'No Go version is specified (go-version, GOVERSION, go.mod, …): using the newest stable release',
      );
    } else {
      log.info(`Go version spec ${JSON.stringify(plan.choice.raw)} from ${plan.choice.source}`);
    }
    log.info(`Build tool: ${plan.detection.method} (${plan.detection.reason})`);
    for (const w of plan.detection.warnings) log.warning(w);
    if (plan.inputs.rundir) log.warning(RUNDIR_DEPRECATED);
    report.goVersionSource = plan.choice.source;
    report.buildTool = plan.detection.method;
    report.buildToolReason = plan.detection.reason;
    return plan;
  });

  const toolchain = await phase('Install Go', async () => {
    const tc = await setupGo(rt, {
      spec: choice.spec,
      checkLatest: inputs.checkLatest,
      baseUrl: inputs.goDownloadBaseUrl,
      goArch: inputs.architecture,
    });
    rt.exportVariable('GOROOT', tc.goroot);
    rt.exportVariable('GOTOOLCHAIN', 'local');
    rt.addPath(path.join(tc.goroot, 'bin'));
    rt.addProblemMatcher();
    return tc;
  });
  report.goVersion = toolchain.version;
  rt.setOutput('go-version', toolchain.version);
  rt.setOutput('go-version-source', choice.source);
  rt.setOutput('go-root', toolchain.goroot);

  const genv = goEnv(rt.env, inputs, toolchain.goroot);
  if (genv.gobin) {
    fs.mkdirSync(genv.gobin, { recursive: true });
    rt.addPath(genv.gobin);
  }
  rt.setOutput('build-tool', detection.method);

  const restored = await phase('Restore caches', () =>
    restoreCaches(rt, inputs, toolchain.version, genv, detection.method),
  );
  rt.setOutput('cache-hit', String(restored.modHit));
  rt.setOutput('build-cache-hit', String(restored.buildHit));
  report.cache = { modHit: restored.modHit, buildHit: restored.buildHit, note: restored.note };

  const built = await phase('Build', () =>
    build(inputs, detection, goMod, toolchain.version, genv, log),
  );
  rt.saveState(BUILD_OK_STATE, 'true');
  rt.setOutput('packages', JSON.stringify(built.packages));
  report.packages = built.packages;

  const name = inputs.artifactName ?? defaultArtifactName(inputs, toolchain.version);
  const slug = await phase('Slug', async () => {
    const own = readFileIfExists(path.join(inputs.appDir, 'Procfile'));
    let procfileText: string;
    let entries;
    if (own !== undefined) {
      entries = parseProcfile(own);
      procfileText = own;
      log.info("Using the app's Procfile");
    } else {
      entries = defaultProcfile({
        runCommand: inputs.runCommand,
        binaryNames: built.processNames,
      });
      procfileText = formatProcfile(entries);
      log.info(
        `Created a Procfile with the following entries:\n${procfileText.trimEnd().replace(/^/gm, '  ')}`,
      );
    }
    const written = await writeSlug(rt.slugDir(name, inputs.appDir), built.binaries, procfileText, {
      goroot: inputs.installToolsInImage ? toolchain.goroot : undefined,
      gopathSources: inputs.setupGopathInImage
        ? { appDir: inputs.appDir, importPath: built.importPath }
        : undefined,
    });
    if (inputs.installToolsInImage)
      log.info('Copied the Go toolchain to $HOME/.heroku/go in the slug');
    const web = webBinary(
      entries,
      built.binaries.map((b) => b.name),
    );
    log.info(`Slug written to ${written.dir}`);
    return { ...written, web };
  });

  rt.setOutput('binaries', JSON.stringify(slug.binaries));
  rt.setOutput('binary', slug.web ? path.join(slug.dir, 'bin', slug.web) : '');
  rt.setOutput('procfile', slug.procfile);
  rt.setOutput('slug-dir', slug.dir);
  report.slugDir = slug.dir;
  report.procfile = slug.procfile;
  report.binaries = slug.binaries.map((b) => ({
    name: path.basename(b),
    size: fs.statSync(b).size,
  }));

  const published = await phase('Upload', () => publishSlug(rt, inputs, slug.dir, name));
  report.artifact = published.artifact;
  rt.setOutput('slug-archive', published.archive ?? '');
  if (published.artifact.uploaded) {
    rt.setOutput(
      'artifact-id',
      published.artifact.id !== undefined ? String(published.artifact.id) : '',
    );
    rt.setOutput('artifact-url', published.artifact.url ?? '');
  }
  return { inputs, toolchain, slugDir: slug.dir, binaries: slug.binaries, procfile: slug.procfile };
}

/** `<app>-<goos>-<goarch>-go<version>`: unique per matrix cell. */
function defaultArtifactName(inputs: Inputs, version: string): string {
  const app = path.basename(inputs.appDir) || 'app';
  const goos = inputs.goos ?? (process.platform === 'win32' ? 'windows' : process.platform);
  const goarch = inputs.goarch ?? inputs.architecture;
  return `${app}-${goos}-${goarch}-go${version}`;
}
