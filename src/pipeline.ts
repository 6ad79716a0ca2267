import fs from 'node:fs';
import path from 'node:path';
import { buildGomod } from './build/gomod.js';
import { goEnv } from './build/go-env.js';
import { UserError } from './errors.js';
import { readInputs, type Inputs } from './inputs.js';
import { readFileIfExists, readVersionFiles } from './plan/app-files.js';
import { chooseVersionSpec } from './plan/version-source.js';
import type { Runtime } from './runtime/ports.js';
import { defaultProcfile, formatProcfile, parseProcfile, webBinary } from './slug/procfile.js';
import { writeSlug } from './slug/slug.js';
import { setupGo, type Toolchain } from './toolchain/setup.js';

export interface PipelineResult {
  inputs: Inputs;
  toolchain: Toolchain;
  slugDir: string;
  binaries: string[];
  procfile: string;
}

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
  const choice = chooseVersionSpec({
    input: inputs.goVersion?.from === 'input' ? inputs.goVersion.value : undefined,
    envGOVERSION: inputs.goVersion?.from === 'GOVERSION' ? inputs.goVersion.value : undefined,
    versionFile:
      inputs.goVersionFile && versionFileText !== undefined
        ? { path: inputs.goVersionFile, content: versionFileText }
        : undefined,
    app: readVersionFiles(inputs.appDir),
  });
  return { inputs, choice };
}

/** Runs the whole build: resolve → install → build → slug, and sets the outputs. */
export async function runPipeline(rt: Runtime): Promise<PipelineResult> {
  const log = rt.log;
  const { inputs, choice } = await log.group('Resolve', async () => {
    const plan = resolvePlan(rt);
    if (plan.choice.source === 'default') {
      log.notice(
        'No Go version is specified (go-version, GOVERSION, go.mod, …): using the newest stable release',
      );
    } else {
      log.info(`Go version spec ${JSON.stringify(plan.choice.raw)} from ${plan.choice.source}`);
    }
    if (!fs.existsSync(path.join(plan.inputs.appDir, 'go.mod'))) {
      throw new UserError(
        `Nothing to build in ${plan.inputs.appDir}: no go.mod (this version builds Go modules with the gomod method)`,
      );
    }
    log.info('Build tool: gomod (go.mod found in the app root)');
    return plan;
  });

  const toolchain = await log.group('Install Go', async () => {
    const tc = await setupGo(rt, {
      spec: choice.spec,
      checkLatest: inputs.checkLatest,
      baseUrl: inputs.goDownloadBaseUrl,
      goArch: inputs.architecture,
    });
    rt.exportVariable('GOROOT', tc.goroot);
    rt.exportVariable('GOTOOLCHAIN', 'local');
    rt.addPath(path.join(tc.goroot, 'bin'));
    rt.addProblemMatcher(tc.goroot);
    return tc;
  });
  rt.setOutput('go-version', toolchain.version);
  rt.setOutput('go-version-source', choice.source);
  rt.setOutput('go-root', toolchain.goroot);

  const genv = goEnv(rt.env, inputs, toolchain.goroot);
  if (genv.gobin) {
    fs.mkdirSync(genv.gobin, { recursive: true });
    rt.addPath(genv.gobin);
  }
  rt.setOutput('build-tool', 'gomod');

  const build = await log.group('Build', () => buildGomod(inputs, genv, log));
  rt.setOutput('packages', JSON.stringify(build.packages));

  const slug = await log.group('Slug', async () => {
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
        binaryNames: build.mainBinaryNames,
      });
      procfileText = formatProcfile(entries);
      log.info(
        `Created a Procfile with the following entries:\n${procfileText.trimEnd().replace(/^/gm, '  ')}`,
      );
    }
    const name = inputs.artifactName ?? defaultArtifactName(inputs, toolchain.version);
    const written = writeSlug(rt.slugDir(name, inputs.appDir), build.binaries, procfileText);
    const web = webBinary(
      entries,
      build.binaries.map((b) => b.name),
    );
    log.info(`Slug written to ${written.dir}`);
    return { ...written, web };
  });

  rt.setOutput('binaries', JSON.stringify(slug.binaries));
  rt.setOutput('binary', slug.web ? path.join(slug.dir, 'bin', slug.web) : '');
  rt.setOutput('procfile', slug.procfile);
  rt.setOutput('slug-dir', slug.dir);
  return { inputs, toolchain, slugDir: slug.dir, binaries: slug.binaries, procfile: slug.procfile };
}

/** `<app>-<goos>-<goarch>-go<version>`: unique per matrix cell. */
function defaultArtifactName(inputs: Inputs, version: string): string {
  const app = path.basename(inputs.appDir) || 'app';
  const goos = inputs.goos ?? (process.platform === 'win32' ? 'windows' : process.platform);
  const goarch = inputs.goarch ?? inputs.architecture;
  return `${app}-${goos}-${goarch}-go${version}`;
}
