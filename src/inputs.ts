import fs from 'node:fs';
import { cacheKeySuffix } from './cache/key-suffix.js';
import { checkLinkerValue, refuseDryRun } from './compile/flags.js';
import { bad, UserError } from './errors.js';
import {
  checkGoTarget,
  goarchValue,
  goosValue,
  hostGoArch,
  hostGoos,
  installArch,
} from './go-targets.js';
import { ENV_FALLBACK } from './input-table.js';
import { glibcTarget, type GlibcTarget } from './deploy/glibc.js';
import type { RunHooks } from './deploy/smoke.js';
import { checkArtifactName } from './publish/artifact-name.js';
import { sourceDateEpoch } from './publish/archive.js';
import type { Runtime } from './runtime/ports.js';
import { splitWords } from './plan/shell-words.js';
import { nonEmpty, words } from './text.js';
import {
  downloadBase,
  toolchainSource as toolchainSourceOf,
  type DownloadBase,
  type ToolchainSource,
} from './toolchain/source.js';
import { CREDENTIAL_INPUTS, credentialsIn } from './trust/credentials.js';
import { confine, realRoot } from './trust/paths.js';

export { MAX_ARTIFACT_NAME_BYTES } from './publish/artifact-name.js';
export type { DownloadBase, ToolchainSource } from './toolchain/source.js';
import {
  buildTag,
  importPath,
  linkerSymbol as checkLinkerSymbol,
  operand,
  packageWords,
} from './trust/words.js';

export type Platform = 'clever-cloud' | 'heroku';
export type BuildTool = 'auto' | 'gomod' | 'gobuild' | 'makefile' | 'goget';
export type CacheMode = 'true' | 'false' | 'read-only';
export type ArtifactFormat = 'tgz' | 'zip';
/** The SBOM's format (SPEC §11): SPDX 2.3 or CycloneDX 1.5, JSON. */
export type SbomFormat = 'spdx' | 'cyclonedx';

/** Every input of action.yml, read once, validated, with the documented env fallbacks applied. */
export interface Inputs {
  /** Real path of the app directory (inside the workspace, symlinks resolved). */
  appDir: string;
  /** The machine that builds, in Go's names: the target unless goos/goarch say otherwise. */
  host: { goos: string; goarch: string };
  platform: Platform;
  buildTool: BuildTool;
  package?: string;
  installPackageSpec?: string;
  binary?: string;
  rundir?: string;
  runCommand?: string;
  troubleshoot: boolean;
  /** The version spec as given, and which name it came from. */
  goVersion?: { value: string; from: 'input' | 'GOVERSION' };
  /** Absolute path of go-version-file. */
  goVersionFile?: string;
  checkLatest: boolean;
  goDownload: DownloadBase;
  /** Where Go comes from: go-download-base-url (`dl`) or golang.org/toolchain via GOPROXY. */
  toolchainSource: ToolchainSource;
  /** Credentials found in URLs: already masked (`maskCredentials`) when the inputs were read. */
  secrets: string[];
  /** GOARCH of the Go to install: amd64, arm64, arm, … */
  architecture: string;
  linkerSymbol?: string;
  linkerValue?: string;
  buildTags: string[];
  buildFlags: string[];
  /** A GOOS, checked with goarch against Go's target list. */
  goos?: string;
  /** A GOARCH (Go's names: arm, not armv6l). */
  goarch?: string;
  /** GOFLAGS, GOPROXY, GOPRIVATE, GONOPROXY, GONOSUMDB: passed to every go command. */
  goEnv: Record<string, string>;
  /** CGO_* with `${build_dir}` replaced by the app directory. */
  cgoEnv: Record<string, string>;
  preBuildHook?: string;
  postBuildHook?: string;
  installToolsInImage: boolean;
  setupGopathInImage: boolean;
  cache: CacheMode;
  cacheDependencyPath: string[];
  cacheKeySuffix?: string;
  /** Ship the app's files in the slug (SPEC §6); otherwise only bin/, Procfile and .profile.d/. */
  appFiles: boolean;
  upload: boolean;
  artifactName?: string;
  artifactFormat: ArtifactFormat;
  /** Pack the slug as `.tar.gz` even when no upload needs it. */
  packSlug: boolean;
  /** Build with -trimpath (GOFLAGS), so that the same sources give the same bytes anywhere. */
  reproducible: boolean;
  /** Write (and upload) an SBOM of the binaries in this format. */
  sbom?: SbomFormat;
  retentionDays?: number;
  /** SOURCE_DATE_EPOCH: the mtime of every member of the slug archive. */
  sourceDateEpoch?: number;
  /** Start the slug as the platform would and check it (SPEC §10). */
  smokeTest: boolean;
  /** Paths that must answer 200 during the smoke test (default `/`). */
  healthCheckPaths: string[];
  /** Clever Cloud's run hooks (CC_PRE_RUN_HOOK, …), run around the smoke test. */
  runHooks: RunHooks;
  /** The glibc the slug's binaries must run with. */
  targetGlibc?: GlibcTarget;
}

/** Reads an input, falling back to its documented env variable when the input is empty. */
class Reader {
  constructor(private readonly rt: Runtime) {}

  /** The value and the name a user would recognise it by in an error. */
  get(
    input: string,
    envName = ENV_FALLBACK.get(input),
  ): { value: string; label: string } | undefined {
    const v = this.rt.input(input);
    if (v !== '') return { value: v, label: input };
    if (envName) {
      const e = (this.rt.env[envName] ?? '').trim();
      if (e !== '') return { value: e, label: `${input} (from ${envName})` };
    }
    return undefined;
  }

  str(input: string): string | undefined {
    return this.get(input)?.value;
  }

  bool(input: string, dflt: boolean): boolean {
    const got = this.get(input);
    if (!got) return dflt;
    const v = got.value.toLowerCase();
    if (['true', '1', 'yes'].includes(v)) return true;
    if (['false', '0', 'no'].includes(v)) return false;
    throw bad(got.label, got.value, 'a boolean; use true, false, 1, 0, yes or no');
  }

  oneOf<T extends string>(input: string, allowed: readonly T[], dflt: T): T {
    const got = this.get(input);
    if (!got) return dflt;
    if ((allowed as readonly string[]).includes(got.value)) return got.value as T;
    throw bad(got.label, got.value, `not valid; use ${orList(allowed)}`);
  }
}

function orList(items: readonly string[]): string {
  return items.length <= 1
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

const BUILD_DIR = '${build_dir}';

export function readInputs(rt: Runtime): Inputs {
  // Clever Cloud's run hooks are variables only (no input): read first, apart from the inputs.
  const runHooks: RunHooks = {
    preRun: nonEmpty(rt.env.CC_PRE_RUN_HOOK),
    succeeded: nonEmpty(rt.env.CC_RUN_SUCCEEDED_HOOK),
    failed: nonEmpty(rt.env.CC_RUN_FAILED_HOOK),
  };
  // A variable of its own (reproducible-builds.org), not any input's fallback.
  const epoch = sourceDateEpoch(rt.env.SOURCE_DATE_EPOCH);
  const secrets = credentialsIn(rt.env, () =>
    CREDENTIAL_INPUTS.flatMap((i) => [rt.input(i), rt.env[ENV_FALLBACK.get(i) ?? ''] ?? '']),
  );
  for (const secret of secrets) rt.mask(secret);
  const r = new Reader(rt);
  const workspace = realRoot(rt.workspace, 'the workspace');

  const wd = r.get('working-directory') ?? { value: '.', label: 'working-directory' };
  const appDir = confine(workspace, wd.value, { label: wd.label, allowRoot: true });
  if (!isDirectory(appDir)) {
    throw bad(wd.label, wd.value, 'not a directory of the workspace; use the app folder');
  }

  const platform = r.oneOf<Platform>('platform', ['clever-cloud', 'heroku'], 'clever-cloud');
  const buildTool = r.oneOf<BuildTool>(
    'build-tool',
    ['auto', 'gomod', 'gobuild', 'makefile', 'goget'],
    'auto',
  );
  const binaryIn = r.get('binary');
  if (buildTool === 'makefile' && !binaryIn) {
    throw new UserError(
      'binary: is required with build-tool makefile; set it (or CC_GO_BINARY) to the path, relative to the app, of the binary that make builds',
    );
  }
  if (binaryIn) {
    operand(binaryIn.value, binaryIn.label, 'use the path, relative to the app, of the binary');
    confine(realRoot(appDir, 'the app directory'), binaryIn.value, { label: binaryIn.label });
  }

  const runCommand = r.get('run-command');
  if (runCommand && /[\r\n]/.test(runCommand.value)) {
    throw bad(runCommand.label, runCommand.value, 'not valid; the run command must be one line');
  }

  const goVersion = rt.input('go-version')
    ? { value: rt.input('go-version'), from: 'input' as const }
    : (rt.env.GOVERSION ?? '').trim()
      ? { value: (rt.env.GOVERSION ?? '').trim(), from: 'GOVERSION' as const }
      : undefined;

  const versionFile = r.str('go-version-file');
  const goVersionFile = versionFile
    ? confine(workspace, versionFile, { label: 'go-version-file' })
    : undefined;

  const baseIn = r.get('go-download-base-url');
  const goDownload = downloadBase(
    baseIn?.value ?? 'https://go.dev/dl',
    baseIn?.label ?? 'go-download-base-url',
  );

  const arch = r.get('architecture');
  const architecture = installArch(arch?.value ?? rt.host.arch, arch?.label ?? 'architecture');
  const host = { goos: hostGoos(rt.host.platform), goarch: hostGoArch(rt.host.arch) };

  const linkerSymbolIn = r.get('linker-symbol');
  const linkerSymbol = linkerSymbolIn
    ? checkLinkerSymbol(linkerSymbolIn.value, linkerSymbolIn.label)
    : undefined;
  const linkerValueIn = r.get('linker-value');
  const linkerValue =
    linkerValueIn?.value ?? nonEmpty(rt.env.SOURCE_VERSION) ?? nonEmpty(rt.env.GITHUB_SHA);
  const valueLabel = linkerValueIn?.label ?? 'linker-value';
  if (linkerSymbol && linkerValue !== undefined) checkLinkerValue(linkerValue, valueLabel);

  const tags = r.get('build-tags');
  const buildTags =
    tags !== undefined
      ? tags.value
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean)
          .map((t) => buildTag(t, tags.label))
      : platform === 'heroku'
        ? ['heroku']
        : [];
  const flags = r.get('build-flags');
  const buildFlags = flags ? splitWords(flags.value, flags.label) : [];
  refuseDryRun(buildFlags, flags?.label ?? 'build-flags');

  const goosIn = r.get('goos');
  const goos = goosIn ? goosValue(goosIn.value, goosIn.label) : undefined;
  const goarchIn = r.get('goarch');
  const goarch = goarchIn ? goarchValue(goarchIn.value, goarchIn.label) : undefined;
  if (goos !== undefined || goarch !== undefined) {
    const targetOs = goos ?? host.goos;
    const targetArch = goarch ?? host.goarch;
    checkGoTarget(targetOs, targetArch);
  }

  const goEnv: Record<string, string> = {};
  for (const name of ['GOFLAGS', 'GOPROXY', 'GOPRIVATE', 'GONOPROXY', 'GONOSUMDB']) {
    const v = r.str(name.toLowerCase());
    if (v === undefined) continue;
    goEnv[name] = v;
    // Go splits GOFLAGS on white space.
    if (name === 'GOFLAGS') refuseDryRun(v.split(/\s+/), r.get('goflags')?.label ?? 'goflags');
  }
  const source = r.oneOf<ToolchainSource['kind']>('go-toolchain-source', ['dl', 'proxy'], 'dl');
  const toolchainSource = toolchainSourceOf(source, goEnv, rt.env);
  const cgoEnv: Record<string, string> = {};
  for (const name of ['CGO_CFLAGS', 'CGO_CPPFLAGS', 'CGO_CXXFLAGS', 'CGO_LDFLAGS']) {
    const v = r.str(name.toLowerCase().replace('_', '-'));
    if (v !== undefined) cgoEnv[name] = v.split(BUILD_DIR).join(appDir);
  }

  const retention = r.get('retention-days');
  let retentionDays: number | undefined;
  if (retention) {
    retentionDays = /^\d{1,3}$/.test(retention.value) ? Number(retention.value) : NaN;
    if (!(retentionDays >= 1 && retentionDays <= 90)) {
      throw bad(
        retention.label,
        retention.value,
        'not valid; use a whole number of days from 1 to 90',
      );
    }
  }

  const artifactName = r.str('artifact-name');
  if (artifactName !== undefined) checkArtifactName(artifactName, 'artifact-name');

  const pkg = r.get('package');
  if (pkg) packageWords(words(pkg.value), pkg.label);
  const spec = r.get('install-package-spec');
  if (spec) packageWords(words(spec.value), spec.label);
  const rundir = r.get('rundir');
  if (rundir) importPath(rundir.value, rundir.label);

  const cacheDependencyPath = (r.str('cache-dependency-path') ?? '')
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const pattern of cacheDependencyPath) {
    confine(workspace, pattern.replace(/^!/, ''), {
      label: 'cache-dependency-path',
      accepted: 'use a glob relative to the workspace, inside it',
    });
  }
  const suffix = r.str('cache-key-suffix');

  const target = r.get('target-glibc');
  const smokeTest = r.bool('smoke-test', false);

  return {
    appDir,
    host,
    platform,
    buildTool,
    package: pkg?.value,
    installPackageSpec: spec?.value,
    binary: binaryIn?.value,
    rundir: rundir?.value,
    runCommand: runCommand?.value,
    troubleshoot: r.bool('troubleshoot', false),
    goVersion,
    goVersionFile,
    checkLatest: r.bool('check-latest', false),
    goDownload,
    toolchainSource,
    secrets,
    architecture,
    linkerSymbol,
    linkerValue,
    buildTags,
    buildFlags,
    goos,
    goarch,
    goEnv,
    cgoEnv,
    preBuildHook: r.str('pre-build-hook'),
    postBuildHook: r.str('post-build-hook'),
    installToolsInImage: r.bool('install-tools-in-image', false),
    setupGopathInImage: r.bool('setup-gopath-in-image', false),
    cache: r.oneOf<CacheMode>('cache', ['true', 'false', 'read-only'], 'true'),
    cacheDependencyPath,
    cacheKeySuffix: suffix === undefined ? undefined : cacheKeySuffix(suffix, rt.env),
    appFiles: r.bool('app-files', true),
    upload: r.bool('upload', true),
    artifactName,
    artifactFormat: r.oneOf<ArtifactFormat>('artifact-format', ['tgz', 'zip'], 'tgz'),
    packSlug: r.bool('pack-slug', false),
    reproducible: r.bool('reproducible', false),
    sbom: sbomFormat(r),
    retentionDays,
    sourceDateEpoch: epoch,
    smokeTest,
    healthCheckPaths: healthCheckPaths(rt),
    runHooks,
    targetGlibc: target ? glibcTarget(target.value, target.label) : undefined,
  };
}

/** `sbom`: SPDX 2.3 (spdx, or true), CycloneDX 1.5 (cyclonedx), or none (false). */
function sbomFormat(r: Reader): SbomFormat | undefined {
  const got = r.get('sbom');
  if (!got || got.value === 'false') return undefined;
  if (got.value === 'spdx' || got.value === 'true') return 'spdx';
  if (got.value === 'cyclonedx') return 'cyclonedx';
  throw bad(got.label, got.value, 'not valid; use spdx, cyclonedx or false');
}

/** Longest health-check path accepted (a request line, not a document). */
const MAX_HEALTH_PATH = 2048;

/**
 * `health-check-paths` (one path a line), else Clever Cloud's CC_HEALTH_CHECK_PATH, then
 * CC_HEALTH_CHECK_PATH_0, _1, … while they are set; `/` when none is. Each path is a request
 * target: it starts with `/` and holds only visible ASCII (no space, no line break).
 */
function healthCheckPaths(rt: Runtime): string[] {
  const given: { value: string; label: string }[] = [];
  const input = rt.input('health-check-paths');
  if (input !== '') {
    for (const line of input.split('\n')) {
      const v = line.trim();
      if (v !== '') given.push({ value: v, label: 'health-check-paths' });
    }
  } else {
    // A variable holds one path: its line breaks are refused below, not split.
    const add = (name: string, raw: string) => {
      const v = raw.replace(/^[ \t]+|[ \t]+$/g, '');
      if (v !== '') given.push({ value: v, label: `health-check-paths (from ${name})` });
    };
    add('CC_HEALTH_CHECK_PATH', rt.env.CC_HEALTH_CHECK_PATH ?? '');
    for (let n = 0; ; n++) {
      const name = `CC_HEALTH_CHECK_PATH_${n}`;
      const raw = rt.env[name];
      if (raw === undefined) break;
      add(name, raw);
    }
  }
  for (const { value, label } of given) {
    if (!/^\/[\x21-\x7e]*$/.test(value) || value.length > MAX_HEALTH_PATH) {
      throw bad(
        label,
        value,
        `not a health-check path; use a path such as /health (it starts with /, at most ${MAX_HEALTH_PATH} characters, no space or control character)`,
      );
    }
  }
  const paths = [...new Set(given.map((g) => g.value))];
  return paths.length > 0 ? paths : ['/'];
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
