import semver from 'semver';
import { UserError } from '../errors.js';
import { quote } from '../trust/log-text.js';

/**
 * What a Go version spec asks for (SPEC §2). Every variant keeps the trimmed `raw` text so that logs
 * and errors can quote exactly what the user wrote.
 */
export type VersionSpec =
  /** `1.24`, `go1.24`, `1.24.x`, or a go directive without patch: newest stable 1.24.*. */
  | { kind: 'latest-minor'; raw: string; minor: string }
  /** `1.24.4`, `go1.24.4`, `1.25rc2`, `1.25.0-rc.2`, `toolchain go1.22.5`: exactly that release. */
  | { kind: 'exact'; raw: string; version: string }
  /** go directive `go 1.22.3` / `go 1.21rc2`: newest release of that minor that is >= `min`. */
  | { kind: 'minimum'; raw: string; minor: string; min: string }
  /** npm semver range (`^1.22`, `>=1.21 <1.23`); stable releases only. */
  | { kind: 'range'; raw: string; range: string }
  | { kind: 'stable'; raw: string }
  | { kind: 'oldstable'; raw: string };

export type SpecKind = 'user' | 'go-directive' | 'toolchain';

// Go release names: go1, go1.20, go1.22.5, go1.25rc2, go1.14beta1. A pre-release suffix only
// follows major.minor (there is no go1.21.0rc1), and numbers have no leading zeros.
const NUM = '(0|[1-9]\\d*)';
const GO_NAME = new RegExp(`^(?:go)?${NUM}(?:\\.${NUM}(?:\\.${NUM}|(alpha|beta|rc)${NUM})?)?$`);

/** `go1.22` → `1.22.0`, `go1.25rc2` → `1.25.0-rc.2`, `go1` → `1.0.0`; undefined if not a Go name. */
export function goToSemver(v: string): string | undefined {
  const m = GO_NAME.exec(v.trim());
  if (!m) return undefined;
  const [, major, minor = '0', patch = '0', preKind, preNum] = m;
  return `${major}.${minor}.${patch}${preKind ? `-${preKind}.${preNum}` : ''}`;
}

/**
 * Inverse of goToSemver: `1.22.0` → `go1.22.0`, but `1.20.0` → `go1.20` because before Go 1.21 the
 * first release of a minor had no `.0` (and Go 1.0 was released as `go1`).
 */
export function semverToGo(s: string): string {
  const v = semver.parse(s);
  if (!v) throw new Error(`semverToGo: not a semver version: ${s}`);
  const pre = v.prerelease.length > 0 ? v.prerelease.join('') : '';
  if (pre) return `go${v.major}.${v.minor}${pre}`;
  if (v.patch === 0 && v.major === 1 && v.minor === 0) return 'go1';
  if (v.patch === 0 && v.major === 1 && v.minor <= 20) return `go${v.major}.${v.minor}`;
  return `go${v.major}.${v.minor}.${v.patch}`;
}

/** Go name without the `go` prefix, the way people write versions (`1.20`, `1.25rc3`). */
export function displayVersion(s: string): string {
  return semverToGo(s).slice(2);
}

const ACCEPTED: Record<SpecKind, string> = {
  user: 'use 1.24, go1.24, 1.24.4, a semver range such as ^1.22, stable or oldstable',
  'go-directive': 'use a Go version such as 1.22 or 1.22.3 (as in `go 1.22.3`)',
  toolchain: 'use a toolchain name such as go1.22.5 (as in `toolchain go1.22.5`)',
};

function fail(raw: string, kind: SpecKind, inputName: string): never {
  const what = kind === 'toolchain' ? 'a Go toolchain name' : 'a Go version';
  // quote keeps the message on one line, and inert, whatever the value holds.
  throw new UserError(`${inputName}: ${quote(raw)} is not ${what}; ${ACCEPTED[kind]}`);
}

// `1.24`, `go1.24`, `1.24.x`: a whole minor line.
const MINOR_ONLY = new RegExp(`^(?:go)?${NUM}\\.${NUM}(?:\\.[xX*])?$`);
// go.mod `go` lines follow Go's own grammar: major.minor, optional patch or pre-release, no prefix.
const GO_DIRECTIVE = new RegExp(`^${NUM}\\.${NUM}(?:\\.${NUM}|(?:alpha|beta|rc)${NUM})?$`);
// `toolchain go1.22.5`; Go also allows a custom suffix (`go1.22.5-corp`), which names the same base.
const TOOLCHAIN = new RegExp(
  `^(go${NUM}\\.${NUM}(?:\\.${NUM}|(?:alpha|beta|rc)${NUM})?)(?:[-+][\\w.+-]*)?$`,
);

export function parseVersionSpec(raw: string, kind: SpecKind, inputName: string): VersionSpec {
  const value = raw.trim();
  if (value === '') {
    throw new UserError(`${inputName} is empty; ${ACCEPTED[kind]}`);
  }

  // One version per value: a multi-line value is a mistake (npm would read `1.22\n1.23` as an
  // unsatisfiable intersection rather than reject it).
  if (/[\r\n]/.test(value)) fail(value, kind, inputName);

  if (kind === 'toolchain') {
    const m = TOOLCHAIN.exec(value);
    const version = m?.[1] ? goToSemver(m[1]) : undefined;
    if (!version) fail(value, kind, inputName);
    return { kind: 'exact', raw: value, version };
  }

  if (kind === 'go-directive') {
    if (!GO_DIRECTIVE.test(value)) fail(value, kind, inputName);
    const version = goToSemver(value) as string; // GO_DIRECTIVE is a subset of GO_NAME
    const v = semver.parse(version) as semver.SemVer;
    const minor = `${v.major}.${v.minor}`;
    // `go 1.22` names a language version, not a release: any 1.22.* will do.
    if (/^\d+\.\d+$/.test(value)) return { kind: 'latest-minor', raw: value, minor };
    return { kind: 'minimum', raw: value, minor, min: version };
  }

  const lower = value.toLowerCase();
  if (lower === 'stable') return { kind: 'stable', raw: value };
  if (lower === 'oldstable') return { kind: 'oldstable', raw: value };

  // Go forms are checked before npm ranges: `go1.24` and `1.25rc2` are not semver at all, and the
  // documented Go meaning must win for `1.24` / `1.24.4` whatever npm would make of them.
  const minorOnly = MINOR_ONLY.exec(value);
  if (minorOnly)
    return { kind: 'latest-minor', raw: value, minor: `${minorOnly[1]}.${minorOnly[2]}` };
  const goVersion = goToSemver(value);
  // A bare `1` is left to npm (`1.x`); `go1` is the release named go1.
  if (goVersion && (value.startsWith('go') || value.includes('.'))) {
    return { kind: 'exact', raw: value, version: goVersion };
  }
  const exact = semver.valid(value);
  if (exact) return { kind: 'exact', raw: value, version: exact };
  const range = semver.validRange(value);
  if (range) return { kind: 'range', raw: value, range };
  fail(value, kind, inputName);
}

/** `1.22.5` → `1.22`: the minor a Go release belongs to. */
export function minorKey(v: semver.SemVer): string {
  return `${v.major}.${v.minor}`;
}

/**
 * Whether an installed Go (semver form) satisfies the spec without consulting the index: used for
 * the tool cache and a Go already on the machine. stable/oldstable need the index, so never.
 */
export function satisfies(spec: VersionSpec, semverVersion: string): boolean {
  const v = semver.parse(semverVersion);
  if (!v) return false;
  switch (spec.kind) {
    case 'latest-minor':
      return v.prerelease.length === 0 && minorKey(v) === spec.minor;
    case 'exact':
      return semver.eq(v, spec.version);
    case 'minimum':
      // A pre-release only passes when the minimum itself is one (`go 1.21rc2`): semver orders
      // 1.22.0-rc.1 below 1.22.0, so it is below any stable minimum of the same minor.
      return minorKey(v) === spec.minor && semver.gte(v, spec.min);
    case 'range':
      return semver.satisfies(v, spec.range);
    case 'stable':
    case 'oldstable':
      return false;
  }
}

/** Short text for logs: `newest 1.22.x ≥ 1.22.3`, `exactly go1.22.5`. */
export function describeSpec(spec: VersionSpec): string {
  switch (spec.kind) {
    case 'latest-minor':
      return `newest ${spec.minor}.x`;
    case 'exact':
      return `exactly ${semverToGo(spec.version)}`;
    case 'minimum':
      return `newest ${spec.minor}.x ≥ ${displayVersion(spec.min)}`;
    case 'range':
      return `newest stable matching ${spec.raw}`;
    case 'stable':
      return 'newest stable release';
    case 'oldstable':
      return 'newest stable release of the previous minor';
  }
}
