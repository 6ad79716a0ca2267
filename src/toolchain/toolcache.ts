import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { toolCacheArch } from '../go-targets.js';
import { goToSemver } from './version-spec.js';

/**
 * The runner tool cache layout that setup-go and the hosted images use:
 * `<toolCache>/go/<semver>/<arch>` plus a `<arch>.complete` marker, with Node's arch names.
 */
export function toolCacheDir(toolCache: string, version: string, goArch: string): string {
  return path.join(toolCache, 'go', version, toolCacheArch(goArch));
}

export function isComplete(dir: string): boolean {
  return fs.existsSync(`${dir}.complete`) && fs.existsSync(dir);
}

/** Complete installs in the tool cache for that arch, as semver strings, newest first. */
export function cachedVersions(toolCache: string, goArch: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(path.join(toolCache, 'go'));
  } catch {
    return [];
  }
  return names
    .filter((v) => semver.valid(v) && isComplete(toolCacheDir(toolCache, v, goArch)))
    .sort(semver.rcompare);
}

/** The version a GOROOT holds, from its VERSION file (first line, e.g. `go1.22.5`), as semver. */
export function gorootVersion(goroot: string): string | undefined {
  try {
    const first =
      fs.readFileSync(path.join(goroot, 'VERSION'), 'utf8').split('\n')[0]?.trim() ?? '';
    return goToSemver(first);
  } catch {
    return undefined;
  }
}
