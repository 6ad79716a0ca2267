import { UserError } from '../errors.js';
import { archiveArch } from '../go-targets.js';
import type { DownloadBase } from '../inputs.js';
import { run } from '../runtime/exec.js';
import { show } from '../trust/log-text.js';
import type { Runtime } from '../runtime/ports.js';
import { fetchReleaseIndex } from './index-fetch.js';
import { installGo } from './install.js';
import { resolveRelease } from './resolve.js';
import { cachedVersions, gorootVersion, isComplete, toolCacheDir } from './toolcache.js';
import { describeSpec, satisfies, type VersionSpec } from './version-spec.js';

export interface Toolchain {
  /** semver of the Go that builds (1.22.5). */
  version: string;
  goroot: string;
  /** Where it came from: the tool cache, a fresh download, or a `go` on PATH (local runs). */
  origin: 'tool-cache' | 'download' | 'path';
}

export interface SetupOptions {
  spec: VersionSpec | undefined;
  checkLatest: boolean;
  download: DownloadBase;
  /** GOARCH of the Go to install. */
  goArch: string;
  /** Called when a download starts (the version and where it will be), for work that can run beside it. */
  onDownload?: (version: string, goroot: string) => void;
}

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

/**
 * Finds or installs the Go that builds: a local `go` on PATH (workstations), then the tool cache
 * (no network unless check-latest or stable/oldstable), then the release index and a verified
 * streaming install.
 */
export async function setupGo(rt: Runtime, opts: SetupOptions): Promise<Toolchain> {
  const { spec, goArch } = opts;
  const log = rt.log;
  let notOnPath: string | undefined;
  if (rt.usesGoOnPath && !opts.checkLatest) {
    const local = await goOnPath(rt, spec);
    if (typeof local !== 'string') {
      log.info(`Using the go on PATH: Go ${local.version} in ${show(local.goroot)}`);
      return local;
    }
    notOnPath = local;
  }
  if (spec && !opts.checkLatest) {
    const hit = cachedVersions(rt.toolCache, goArch).find((v) => satisfies(spec, v));
    if (hit) {
      const goroot = toolCacheDir(rt.toolCache, hit, goArch);
      log.info(`Found Go ${hit} in the tool cache: ${show(goroot)}`);
      return { version: hit, goroot, origin: 'tool-cache' };
    }
  }
  log.info(
    `Resolving ${spec ? describeSpec(spec) : 'the newest stable Go'} from ${show(opts.download.url)}`,
  );
  let releases;
  try {
    releases = await fetchReleaseIndex(opts.download, log);
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    // Say what else was tried, and how to point at a mirror.
    const tried = notOnPath ? `; ${notOnPath}` : '';
    throw new UserError(
      `${err.message}${tried}; to install Go from a mirror, set ${rt.settingName('go-download-base-url')} (GO_DOWNLOAD_BASE_URL)`,
    );
  }
  const resolved = resolveRelease(
    spec ?? { kind: 'stable', raw: 'stable' },
    releases,
    goOs(rt.host.platform),
    archiveArch(goArch),
  );
  const goroot = toolCacheDir(rt.toolCache, resolved.version, goArch);
  if (isComplete(goroot)) {
    log.info(`Go ${resolved.version} is already in the tool cache: ${show(goroot)}`);
    return { version: resolved.version, goroot, origin: 'tool-cache' };
  }
  opts.onDownload?.(resolved.version, goroot);
  await installGo({
    version: resolved.version,
    file: resolved.file,
    download: opts.download,
    toolCache: rt.toolCache,
    goArch,
    log,
  });
  return { version: resolved.version, goroot, origin: 'download' };
}

/** Go's name for this OS. Release archives are .tar.gz on Linux and macOS, which is what we extract. */
function goOs(platform: NodeJS.Platform): string {
  if (platform === 'win32') {
    throw new Error('Windows runners are not supported yet: use a Linux or macOS runner');
  }
  return platform;
}
