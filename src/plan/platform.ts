import semver from 'semver';
import { UserError } from '../errors.js';
import type { VersionSpec } from '../toolchain/version-spec.js';
import { quote } from '../trust/log-text.js';

/**
 * The Go that Heroku's Go buildpack uses when an app names none (SPEC §2): kept as data, with
 * where it comes from and when it was last compared with it.
 */
export const HEROKU_DEFAULT_GO = {
  /** A Go version spec: the newest 1.25.x. */
  spec: '1.25',
  source: 'heroku/heroku-buildpack-go data.json .Go.DefaultVersion (go1.25, buildpack v231)',
  checked: '2026-11-29',
} as const;

export function herokuDefaultWarning(hasGoMod: boolean): string {
  const what = hasGoMod ? 'The go.mod file for this project' : 'This app';
  return `${what} does not specify a Go version. Defaulting to go${HEROKU_DEFAULT_GO.spec} (Heroku's default); name one in go.mod (go 1.25) or with go-version`;
}

/** Whether every Go the spec can select predates Go modules (Go 1.11). */
export function beforeModules(spec: VersionSpec): boolean {
  const below = (v: string): boolean => semver.lt(v, '1.11.0');
  switch (spec.kind) {
    case 'latest-minor':
    case 'minimum':
      return below(`${spec.minor}.0`);
    case 'exact':
      return below(spec.version);
    case 'range':
      return !semver.intersects(spec.range, '>=1.11.0');
    default:
      return false;
  }
}

/** Heroku refuses a go.mod app with a Go older than 1.11, before downloading anything. */
export function refuseBeforeModules(spec: VersionSpec, source: string): void {
  if (!beforeModules(spec)) return;
  throw new UserError(
    `${source}: Go ${quote(spec.raw)} does not support Go modules, and on Heroku a go.mod app needs Go 1.11 or newer; name a newer one (go 1.25, or // +heroku goVersion go1.25)`,
  );
}
