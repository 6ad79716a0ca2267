import { UserError } from '../errors.js';
import { archiveArch } from '../go-targets.js';
import type { DownloadBase, ToolchainSource } from './source.js';
import { run } from '../runtime/exec.js';
import { show } from '../trust/log-text.js';
import type { Runtime } from '../runtime/ports.js';
import { fetchReleaseIndex } from './index-fetch.js';
import { installGo } from './install.js';
import { fetchToolchainList, installFromProxy, TOOLCHAIN_LIST } from './proxy-install.js';
import { resolveRelease } from './resolve.js';
import type { GoRelease } from './releases.js';
import { cachedVersions, gorootVersion, isComplete, toolCacheDir } from './toolcache.js';
import { describeSpec, satisfies, type VersionSpec } from './version-spec.js';

export interface Toolchain {
  /** semver of the Go that builds (1.22.5). */
  version: string;
  goroot: string;
  /** Where it came from: the tool cache, a fresh download, or a `go` on PATH (local runs). */
  origin: 'tool-cache' | 'download' | 'path';
  /** How a download was verified (`sha256 from the release index`, `h1: checked in …`). */
  verified?: string;
}

export interface SetupOptions {
  spec: VersionSpec | undefined;
  checkLatest: boolean;
  download: DownloadBase;
  source: ToolchainSource;
  /** GOARCH of the Go to install. */
  goArch: string;
}

/**
 * The Go found (a `go` on PATH, the tool cache), or the release to download: its version and
 * where it will be are known before the download starts, for work that can run beside it.
 */
export type FoundGo =
  | { toolchain: Toolchain; download?: undefined }
  | {
      toolchain?: undefined;
      download: { version: string; goroot: string; install(): Promise<Toolchain> };
    };

/** A `go` already on PATH (workstations only), if it satisfies the spec; else why not. */
async function goOnPath(rt: Runtime, spec: VersionSpec | undefined): Promise<Toolchain | string> {
  let res;
  try {
    res = await run('go', ['env', 'GOROOT'], {
      cwd: rt.workspace,
      env: { ...rt.env, GOTOOLCHAIN: 'local' },
      quiet: true,
    });
  } catch {
    return 'there is no go on PATH';
  }
  const goroot = res.code === 0 ? res.stdout.trim() : '';
  const version = goroot ? gorootVersion(goroot) : undefined;
  if (!version) return 'the go on PATH did not say which Go it is';
  if (spec && !satisfies(spec, version)) {
    const why = `the go on PATH is ${version}, which does not satisfy ${describeSpec(spec)}`;
    rt.log.info(`${why[0]!.toUpperCase()}${why.slice(1)}`);
    return why;
  }
  return { version, goroot, origin: 'path' };
}

/** Finds or installs the Go that builds (findGo, then its download if it needs one). */
export async function setupGo(rt: Runtime, opts: SetupOptions): Promise<Toolchain> {
  const found = await findGo(rt, opts);
  return found.toolchain ?? found.download.install();
}

/**
 * Finds the Go that builds: a local `go` on PATH (workstations), then the tool cache (no network
 * unless check-latest or stable/oldstable), then the release index, whose release is installed
 * (verified, streaming) when the caller asks.
 */
export async function findGo(rt: Runtime, opts: SetupOptions): Promise<FoundGo> {
  const { spec, goArch } = opts;
  const log = rt.log;
  let notOnPath: string | undefined;
  if (rt.usesGoOnPath && !opts.checkLatest) {
    const local = await goOnPath(rt, spec);
    if (typeof local !== 'string') {
      log.info(`Using the go on PATH: Go ${local.version} in ${show(local.goroot)}`);
      return { toolchain: local };
    }
    notOnPath = local;
  }
  if (spec && !opts.checkLatest) {
    const hit = cachedVersions(rt.toolCache, goArch).find((v) => satisfies(spec, v));
    if (hit) {
      const goroot = toolCacheDir(rt.toolCache, hit, goArch);
      log.info(`Found Go ${hit} in the tool cache: ${show(goroot)}`);
      return { toolchain: { version: hit, goroot, origin: 'tool-cache' } };
    }
  }
  const source = opts.source;
  const from =
    source.kind === 'proxy' ? 'golang.org/toolchain through GOPROXY' : show(opts.download.url);
  log.info(`Resolving ${spec ? describeSpec(spec) : 'the newest stable Go'} from ${from}`);
  let releases: GoRelease[];
  try {
    releases =
      source.kind === 'proxy'
        ? await fetchToolchainList(source.proxy, log)
        : await fetchReleaseIndex(opts.download, log);
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    // Say what else was tried, and how to point at a mirror.
    const tried = notOnPath ? `; ${notOnPath}` : '';
    const fix =
      source.kind === 'proxy'
        ? 'set GOPROXY (goproxy) to a proxy that serves golang.org/toolchain'
        : `set ${rt.settingName('go-download-base-url')} (GO_DOWNLOAD_BASE_URL)`;
    throw new UserError(`${err.message}${tried}; to install Go from a mirror, ${fix}`);
  }
  const resolved = resolveRelease(
    spec ?? { kind: 'stable', raw: 'stable' },
    releases,
    goOs(rt.host.platform),
    archiveArch(goArch),
    source.kind === 'proxy' ? TOOLCHAIN_LIST : undefined,
  );
  const goroot = toolCacheDir(rt.toolCache, resolved.version, goArch);
  if (isComplete(goroot)) {
    log.info(`Go ${resolved.version} is already in the tool cache: ${show(goroot)}`);
    return { toolchain: { version: resolved.version, goroot, origin: 'tool-cache' } };
  }
  const { version, file } = resolved;
  const install = async (): Promise<Toolchain> => {
    const request = { version, toolCache: rt.toolCache, goArch, log };
    const verified =
      source.kind === 'proxy'
        ? await installFromProxy({ ...request, file, proxy: source.proxy })
        : (await installGo({ ...request, file, download: opts.download }),
          'sha256 from the release index');
    return { version, goroot, origin: 'download', verified };
  };
  return { download: { version, goroot, install } };
}

/** Go's name for this OS. Release archives are .tar.gz on Linux and macOS, which is what we extract. */
function goOs(platform: NodeJS.Platform): string {
  if (platform === 'win32') {
    throw new Error('Windows runners are not supported yet: use a Linux or macOS runner');
  }
  return platform;
}
