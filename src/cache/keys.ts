import { sha256Hex } from '../hash.js';
import type { HashedFile } from './dependency-files.js';

/**
 * Cache keys (SPEC §4). Pure: everything they depend on is passed in, so the unit tests can pin
 * down exactly what changes a key and what does not.
 */
export interface Keyed {
  key: string;
  /** Prefixes the service matches, newest entry first. */
  restoreKeys: string[];
}

export interface HostId {
  /** `linux`, `darwin` (the machine that runs the build, not GOOS). */
  os: string;
  /** `x64`, `arm64` (the runner's architecture, not GOARCH). */
  arch: string;
}

/** One digest over several files: order-independent, sensitive to content and to paths. */
export function hashFiles(files: readonly HashedFile[]): string {
  const lines = [...files]
    .sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0))
    .map((f) => `${f.sha256}  ${f.rel}\n`);
  return sha256Hex(lines.join(''));
}

function suffixPart(suffix: string | undefined): string {
  return suffix ? `-${suffix}` : '';
}

/**
 * `go-paas-build-mod-<os>-<arch>-<hash>[-suffix]`, restored by the prefix without the hash. The
 * module cache holds content-addressed, go.sum-verified downloads, so a prefix match from another
 * dependency set (or another suffix) is safe: it only saves downloads.
 */
export function modCacheKey(host: HostId, depHash: string, suffix?: string): Keyed {
  const prefix = `go-paas-build-mod-${host.os}-${host.arch}-`;
  return { key: `${prefix}${depHash}${suffixPart(suffix)}`, restoreKeys: [prefix] };
}

/** What changes the contents of the build cache, apart from the Go version. */
export interface BuildFlavor {
  platform: string;
  goos: string;
  goarch: string;
  tags: readonly string[];
  buildFlags: readonly string[];
  troubleshoot: boolean;
  /** GOFLAGS, CGO_*, CGO_ENABLED, GOAMD64, GOEXPERIMENT, … as the build sees them (unset ones omitted). */
  env: Readonly<Record<string, string>>;
}

/**
 * A short digest of the build flavor. The linker value is deliberately not part of it: it
 * changes on every commit and only affects the final link, so including it would make every
 * run miss.
 */
export function flavorHash(f: BuildFlavor): string {
  const env = Object.keys(f.env)
    .sort()
    .map((k) => [k, f.env[k]]);
  const canonical = JSON.stringify([
    f.platform,
    f.goos,
    f.goarch,
    [...f.tags].sort(),
    f.buildFlags,
    f.troubleshoot,
    env,
  ]);
  return sha256Hex(canonical).slice(0, 16);
}

/**
 * `go-paas-build-build-<os>-<arch>-go<version>-<flavor>[-suffix]-<run id>-<attempt>`: a new key
 * every run (a build cache is refreshed, not kept forever), restored by the prefix up to the
 * flavor and suffix, so the newest cache of the same flavor wins.
 */
export function buildCacheKey(
  host: HostId,
  goVersion: string,
  flavor: string,
  run: { id: string; attempt: string },
  suffix?: string,
): Keyed {
  const prefix = `go-paas-build-build-${host.os}-${host.arch}-go${goVersion}-${flavor}${suffixPart(suffix)}-`;
  return { key: `${prefix}${run.id}-${run.attempt}`, restoreKeys: [prefix] };
}

/**
 * `go-paas-build-layer-<24 hex>-<run id>-<attempt>`: the entries a job used that its base (the
 * build cache restored by {@link buildCacheKey}) lacks, restored over that base. The hex is a
 * digest of the base's key, so a layer is only ever restored onto the base it was made for (the
 * key names the flavor and the suffix through it, and stays shorter than the base's own).
 */
export function layerCacheKey(baseKey: string, run: { id: string; attempt: string }): Keyed {
  const prefix = `go-paas-build-layer-${sha256Hex(baseKey).slice(0, 24)}-`;
  return { key: `${prefix}${run.id}-${run.attempt}`, restoreKeys: [prefix] };
}
