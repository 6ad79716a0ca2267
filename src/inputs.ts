import path from 'node:path';
import { UserError } from './errors.js';
import type { Runtime } from './runtime/ports.js';
import { splitWords } from './plan/shell-words.js';

export type Platform = 'clever-cloud' | 'heroku';
export type BuildTool = 'auto' | 'gomod' | 'gobuild' | 'makefile' | 'goget';
export type CacheMode = 'true' | 'false' | 'read-only';
export type ArtifactFormat = 'tgz' | 'zip';

/** Every input of action.yml, read once, validated, with the documented env fallbacks applied. */
export interface Inputs {
  /** Absolute app directory (inside the workspace). */
  appDir: string;
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
  goDownloadBaseUrl: string;
  /** Go architecture name: amd64, arm64, 386, … */
  architecture: string;
  linkerSymbol?: string;
  linkerValue?: string;
  buildTags: string[];
  buildFlags: string[];
  goos?: string;
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
  upload: boolean;
  artifactName?: string;
  artifactFormat: ArtifactFormat;
  retentionDays?: number;
}

/** Reads an input, falling back to its documented env variable when the input is empty. */
class Reader {
  constructor(private readonly rt: Runtime) {}

  /** The value and the name a user would recognise it by in an error. */
  get(input: string, envName?: string): { value: string; label: string } | undefined {
    const v = this.rt.input(input);
    if (v !== '') return { value: v, label: input };
    if (envName) {
      const e = (this.rt.env[envName] ?? '').trim();
      if (e !== '') return { value: e, label: `${input} (from ${envName})` };
    }
    return undefined;
  }

  str(input: string, envName?: string): string | undefined {
    return this.get(input, envName)?.value;
  }

  bool(input: string, envName: string | undefined, dflt: boolean): boolean {
    const got = this.get(input, envName);
    if (!got) return dflt;
    const v = got.value.toLowerCase();
    if (['true', '1', 'yes'].includes(v)) return true;
    if (['false', '0', 'no'].includes(v)) return false;
    throw bad(got.label, got.value, 'a boolean; use true, false, 1, 0, yes or no');
  }

  oneOf<T extends string>(
    input: string,
    envName: string | undefined,
    allowed: readonly T[],
    dflt: T,
  ): T {
    const got = this.get(input, envName);
    if (!got) return dflt;
    if ((allowed as readonly string[]).includes(got.value)) return got.value as T;
    throw bad(got.label, got.value, `not valid; use ${orList(allowed)}`);
  }
}

export function bad(label: string, value: string, accepted: string): UserError {
  const shown = JSON.stringify(value);
  return new UserError(`${label}: ${shown} is ${accepted}`);
}

function orList(items: readonly string[]): string {
  return items.length <= 1
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

const NODE_TO_GO_ARCH: Record<string, string> = {
  x64: 'amd64',
  x32: '386',
  ia32: '386',
  arm: 'armv6l',
};
const GO_ARCHES = ['amd64', 'arm64', '386', 'armv6l', 'ppc64le', 's390x', 'riscv64', 'loong64'];

/** Node's arch names (`x64`) and Go's (`amd64`) are both accepted; the result is Go's. */
export function goArch(raw: string, label = 'architecture'): string {
  const v = raw.toLowerCase();
  const mapped = NODE_TO_GO_ARCH[v] ?? v;
  if (GO_ARCHES.includes(mapped)) return mapped;
  throw bad(label, raw, `not a supported architecture; use ${orList([...GO_ARCHES, 'x64'])}`);
}

const BUILD_DIR = '${build_dir}';

export function readInputs(rt: Runtime): Inputs {
  const r = new Reader(rt);

  const wd = r.get('working-directory', 'APP_FOLDER') ?? { value: '.', label: 'working-directory' };
  const appDir = insideWorkspace(rt.workspace, wd.value, wd.label);

  const platform = r.oneOf<Platform>(
    'platform',
    undefined,
    ['clever-cloud', 'heroku'],
    'clever-cloud',
  );
  const buildTool = r.oneOf<BuildTool>(
    'build-tool',
    'CC_GO_BUILD_TOOL',
    ['auto', 'gomod', 'gobuild', 'makefile', 'goget'],
    'auto',
  );
  const binary = r.str('binary', 'CC_GO_BINARY');
  if (buildTool === 'makefile' && !binary) {
    throw new UserError(
      'binary: is required with build-tool makefile; set it (or CC_GO_BINARY) to the path, relative to the app, of the binary that make builds',
    );
  }
  if (binary) insideWorkspace(appDir, binary, 'binary');

  const runCommand = r.get('run-command', 'CC_RUN_COMMAND');
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
    ? insideWorkspace(rt.workspace, versionFile, 'go-version-file')
    : undefined;

  const baseUrl = r.get('go-download-base-url', 'GO_DOWNLOAD_BASE_URL');
  const goDownloadBaseUrl = (baseUrl?.value ?? 'https://go.dev/dl').replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+/.test(goDownloadBaseUrl)) {
    throw bad(
      baseUrl?.label ?? 'go-download-base-url',
      baseUrl?.value ?? '',
      'not a URL; use https://host/path',
    );
  }

  const arch = r.get('architecture');
  const architecture = goArch(arch?.value ?? process.arch, arch?.label);

  const linkerSymbol = r.str('linker-symbol', 'GO_LINKER_SYMBOL');
  const linkerValue =
    r.str('linker-value', 'GO_LINKER_VALUE') ??
    nonEmpty(rt.env.SOURCE_VERSION) ??
    nonEmpty(rt.env.GITHUB_SHA);
  if (linkerSymbol && linkerValue && linkerValue.includes("'") && linkerValue.includes('"')) {
    throw bad(
      'linker-value',
      linkerValue,
      'not usable; a linker value cannot hold both quote kinds',
    );
  }
  if (linkerSymbol && /\s/.test(linkerSymbol)) {
    throw bad('linker-symbol', linkerSymbol, 'not a Go symbol; use a name such as main.version');
  }

  const tags = r.str('build-tags');
  const buildTags =
    tags !== undefined
      ? tags
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean)
      : platform === 'heroku'
        ? ['heroku']
        : [];
  const flags = r.get('build-flags');
  const buildFlags = flags ? splitWords(flags.value, flags.label) : [];

  const goos = r.str('goos', 'GOOS');
  const goarchRaw = r.get('goarch', 'GOARCH');
  const goarch = goarchRaw ? goArch(goarchRaw.value, goarchRaw.label) : undefined;

  const goEnv: Record<string, string> = {};
  for (const name of ['GOFLAGS', 'GOPROXY', 'GOPRIVATE', 'GONOPROXY', 'GONOSUMDB']) {
    const v = r.str(name.toLowerCase(), name);
    if (v !== undefined) goEnv[name] = v;
  }
  const cgoEnv: Record<string, string> = {};
  for (const name of ['CGO_CFLAGS', 'CGO_CPPFLAGS', 'CGO_CXXFLAGS', 'CGO_LDFLAGS']) {
    const v = r.str(name.toLowerCase().replace('_', '-'), name);
    if (v !== undefined) cgoEnv[name] = v.split(BUILD_DIR).join(appDir);
  }

  const retention = r.get('retention-days');
  let retentionDays: number | undefined;
  if (retention) {
    retentionDays = Number(retention.value);
    if (!Number.isInteger(retentionDays) || retentionDays < 1 || retentionDays > 90) {
      throw bad(
        retention.label,
        retention.value,
        'not valid; use a whole number of days from 1 to 90',
      );
    }
  }

  const artifactName = r.str('artifact-name');
  if (artifactName !== undefined && /[\\/":<>|*?\r\n]/.test(artifactName)) {
    throw bad(
      'artifact-name',
      artifactName,
      'not a valid artifact name; it cannot contain \\ / " : < > | * ? or a newline',
    );
  }

  return {
    appDir,
    platform,
    buildTool,
    package: r.str('package', 'CC_GO_PKG'),
    installPackageSpec: r.str('install-package-spec', 'GO_INSTALL_PACKAGE_SPEC'),
    binary,
    rundir: r.str('rundir', 'CC_GO_RUNDIR'),
    runCommand: runCommand?.value,
    troubleshoot: r.bool('troubleshoot', 'CC_TROUBLESHOOT', false),
    goVersion,
    goVersionFile,
    checkLatest: r.bool('check-latest', undefined, false),
    goDownloadBaseUrl,
    architecture,
    linkerSymbol,
    linkerValue,
    buildTags,
    buildFlags,
    goos,
    goarch,
    goEnv,
    cgoEnv,
    preBuildHook: r.str('pre-build-hook', 'CC_PRE_BUILD_HOOK'),
    postBuildHook: r.str('post-build-hook', 'CC_POST_BUILD_HOOK'),
    installToolsInImage: r.bool('install-tools-in-image', 'GO_INSTALL_TOOLS_IN_IMAGE', false),
    setupGopathInImage: r.bool('setup-gopath-in-image', 'GO_SETUP_GOPATH_IN_IMAGE', false),
    cache: r.oneOf<CacheMode>('cache', undefined, ['true', 'false', 'read-only'], 'true'),
    cacheDependencyPath: (r.str('cache-dependency-path') ?? '')
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean),
    cacheKeySuffix: r.str('cache-key-suffix'),
    upload: r.bool('upload', undefined, true),
    artifactName,
    artifactFormat: r.oneOf<ArtifactFormat>('artifact-format', undefined, ['tgz', 'zip'], 'tgz'),
    retentionDays,
  };
}

function nonEmpty(v: string | undefined): string | undefined {
  return v && v.trim() !== '' ? v.trim() : undefined;
}

/** Resolves `rel` against `root` and refuses anything that leaves it. */
export function insideWorkspace(root: string, rel: string, label: string): string {
  const abs = path.resolve(root, rel);
  const back = path.relative(root, abs);
  if (back === '..' || back.startsWith(`..${path.sep}`) || path.isAbsolute(back)) {
    throw bad(label, rel, `outside the workspace (${root}); use a path inside it`);
  }
  return abs;
}
