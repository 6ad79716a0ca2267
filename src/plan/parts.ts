// The plan's parts: what each stage is handed, decided from the inputs and the plan's decisions
// alone (pure: no I/O). A stage sees its part, never the inputs.
import path from 'node:path';
import type { CachePlan } from '../cache/restore.js';
import type { CheckPlan } from '../check/index.js';
import type { BuildInputs, BuildJob } from '../compile/job.js';
import type { Inputs } from '../inputs.js';
import { MAX_ARTIFACT_NAME_BYTES } from '../publish/artifact-name.js';
import type { PublishPlan } from '../publish/upload.js';
import type { HerokuApp } from '../release/heroku-app.js';
import type { ReleasePlan } from '../release/heroku.js';
import type { SlugPlan } from '../slug/stage.js';
import { glibcTarget } from '../check/glibc.js';
import { errorMessage } from '../errors.js';
import type { SetupOptions } from '../toolchain/setup.js';
import type { VersionSpec } from '../toolchain/version-spec.js';
import type { SbomFormat } from '../words.js';

/** Every stage's part of the plan. */
export interface StageParts {
  toolchain: SetupOptions;
  cache: CachePlan;
  build: BuildJob;
  slug: SlugPlan;
  /** The SBOM's format, when one is asked for. */
  sbom?: SbomFormat;
  /** The deploy check, when one is asked for. */
  check?: CheckPlan;
  publish: PublishPlan;
  /** The release to Heroku, when heroku-app names an app (added once the app is looked up). */
  release?: ReleasePlan;
}

/** What the plan decided that the parts carry. */
export interface Decided {
  /** The Go version spec chosen (none: the newest stable release). */
  spec: VersionSpec | undefined;
  /** What the build installs, and how. */
  job: Omit<BuildJob, 'inputs'>;
  /** `.slugignore` patterns. */
  slugignore: string[];
  /** The app's own Procfile, validated. */
  procfile?: SlugPlan['procfile'];
}

/** The fields of `from` that T names, every one (the key list is checked against T). */
function pickAll<T>(from: T, keys: Record<keyof T, true>): T {
  const out: Partial<T> = {};
  for (const k of Object.keys(keys) as (keyof T)[]) out[k] = from[k];
  return out as T;
}

/** Hands each stage its part: the inputs it reads, and what the plan decided for it. */
export function stageParts(inputs: Inputs, d: Decided): StageParts {
  const settings = pickAll<BuildInputs>(inputs, {
    appDir: true,
    platform: true,
    host: true,
    goos: true,
    goarch: true,
    goEnv: true,
    cgoEnv: true,
    binary: true,
    rundir: true,
    troubleshoot: true,
    reproducible: true,
    linkerSymbol: true,
    linkerValue: true,
    buildTags: true,
    buildFlags: true,
    preBuildHook: true,
    postBuildHook: true,
  });
  return {
    toolchain: {
      spec: d.spec,
      checkLatest: inputs.checkLatest,
      download: inputs.goDownload,
      source: inputs.toolchainSource,
      goArch: inputs.architecture,
    },
    cache: {
      settings: {
        ...settings,
        cache: inputs.cache,
        cacheKeySuffix: inputs.cacheKeySuffix,
        architecture: inputs.architecture,
      },
      method: d.job.detection.method,
    },
    build: { inputs: settings, ...d.job },
    slug: {
      app: { dir: inputs.appDir, files: inputs.appFiles, slugignore: d.slugignore },
      procfile: d.procfile,
      runCommand: inputs.runCommand,
      ship: { goroot: inputs.installToolsInImage, gopathSources: inputs.setupGopathInImage },
    },
    sbom: inputs.sbom,
    check: checkPlan(inputs),
    publish: {
      ...pickAll<Omit<PublishPlan, 'name' | 'herokuFormat'>>(inputs, {
        appDir: true,
        upload: true,
        artifactFormat: true,
        packSlug: true,
        retentionDays: true,
        sourceDateEpoch: true,
      }),
      herokuFormat: inputs.herokuApp !== undefined,
      name: (goVersion) => inputs.artifactName ?? defaultArtifactName(inputs, goVersion),
    },
  };
}

/** Between two looks at a pending release. */
export const RELEASE_POLL_MS = 1000;

/**
 * The parts a Heroku app adds (SPEC §12): the release, and the deploy check's glibc, which is
 * the app's stack's unless target-glibc (or STACK) says otherwise. A stack without a known glibc
 * is a warning: the glibc check then does not run.
 */
export function herokuParts(
  inputs: Pick<Inputs, 'herokuApp' | 'herokuApiUrl' | 'herokuApiKey' | 'herokuRelease'>,
  check: CheckPlan | undefined,
  app: HerokuApp,
  env: Readonly<Record<string, string | undefined>>,
  warnings: string[],
): Pick<StageParts, 'release' | 'check'> {
  let glibc = check?.glibc;
  if (!glibc) {
    try {
      glibc = glibcTarget(app.stack, `heroku-app ${app.name} stack`);
    } catch (err) {
      warnings.push(`${errorMessage(err)}: the slug's binaries are not checked against it`);
    }
  }
  return {
    check: glibc ? { ...check, glibc } : check,
    release: {
      api: {
        base: inputs.herokuApiUrl,
        key: inputs.herokuApiKey ?? '',
        app: inputs.herokuApp ?? app.id,
        env,
      },
      app,
      mode: inputs.herokuRelease,
      commit: env.GITHUB_SHA || undefined,
      pollMs: RELEASE_POLL_MS,
    },
  };
}

/** The deploy check the inputs ask for (SPEC §10): target-glibc, smoke-test; or none. */
export function checkPlan(
  inputs: Pick<Inputs, 'smokeTest' | 'targetGlibc' | 'healthCheckPaths' | 'runHooks'>,
): CheckPlan | undefined {
  if (!inputs.smokeTest && inputs.targetGlibc === undefined) return undefined;
  return {
    glibc: inputs.targetGlibc,
    smoke: inputs.smokeTest
      ? { healthPaths: inputs.healthCheckPaths, hooks: inputs.runHooks }
      : undefined,
  };
}

/**
 * `<app>-<goos>-<goarch>-go<version>`: unique per matrix cell. The app part comes from a folder
 * name, so anything but letters, digits, `.`, `_` and `-` becomes `-` (the name is also a
 * directory and a file name), and it is clipped to fit.
 */
export function defaultArtifactName(
  inputs: Pick<Inputs, 'goos' | 'goarch' | 'host' | 'architecture' | 'appDir'>,
  version: string,
): string {
  const goos = inputs.goos ?? inputs.host.goos;
  const goarch = inputs.goarch ?? inputs.architecture;
  const tail = `-${goos}-${goarch}-go${version}`;
  let app = path.basename(inputs.appDir).replace(/[^A-Za-z0-9._-]/g, '-') || 'app';
  if (/^\.+$/.test(app)) app = 'app';
  while (Buffer.byteLength(app + tail) > MAX_ARTIFACT_NAME_BYTES)
    app = [...app].slice(0, -1).join('');
  return `${app}${tail}`;
}
