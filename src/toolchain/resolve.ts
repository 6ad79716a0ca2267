import semver from 'semver';
import { UserError } from '../errors.js';
import type { GoFile, GoRelease } from './releases.js';
import {
  describeSpec,
  displayVersion,
  goToSemver,
  minorKey,
  type VersionSpec,
} from './version-spec.js';
import { quote } from '../trust/log-text.js';

export interface Resolved {
  /** semver form, e.g. `1.22.5` (`1.20.0` for the release named go1.20) */
  version: string;
  /** the release's name in the index, e.g. `go1.22.5`, `go1.20`, `go1.25rc3` */
  goName: string;
  release: GoRelease;
  file: GoFile;
}

interface Candidate {
  version: semver.SemVer;
  release: GoRelease;
}

// Stability comes from the version itself, not the index's `stable` flag: a pre-release is only
// ever chosen when the spec names it, and a final release is never skipped because of a flag.
function isStable(c: Candidate): boolean {
  return c.version.prerelease.length === 0;
}

/**
 * The downloadable archive of a release for os/arch: a `.tar.gz`, or a `.zip` on Windows; or,
 * for releases listed by a module proxy, the golang.org/toolchain module version.
 */
export function archiveFor(release: GoRelease, os: string, arch: string): GoFile | undefined {
  const ext = os === 'windows' ? '.zip' : '.tar.gz';
  return release.files.find(
    (f) =>
      f.os === os &&
      f.arch === arch &&
      ((f.kind === 'archive' && f.filename.endsWith(ext)) || f.kind === 'module'),
  );
}

/** The index as semver-sorted candidates, newest first (the index order is not trusted). */
function candidates(releases: GoRelease[]): Candidate[] {
  const out: Candidate[] = [];
  for (const release of releases) {
    const version = semver.parse(goToSemver(release.version) ?? '');
    if (version) out.push({ version, release });
  }
  return out.sort((a, b) => semver.rcompare(a.version, b.version));
}

/** The first (newest) candidate that the spec selects, from a newest-first list. */
function pick(spec: VersionSpec, list: Candidate[]): Candidate | undefined {
  const stable = list.filter(isStable);
  switch (spec.kind) {
    case 'latest-minor':
      return stable.find((c) => minorKey(c.version) === spec.minor);
    case 'exact':
      return list.find((c) => semver.eq(c.version, spec.version));
    case 'minimum': {
      const ok = (c: Candidate) =>
        minorKey(c.version) === spec.minor && semver.gte(c.version, spec.min);
      // `go 1.21rc2`: any newer 1.21 release. Semver orders 1.21.0-rc.N below every 1.21.x, so a
      // stable release is preferred whenever one exists; a stable minimum never admits an rc.
      return list.find(ok);
    }
    case 'range':
      return stable.find((c) => semver.satisfies(c.version, spec.range));
    case 'stable':
      return stable[0];
    case 'oldstable': {
      // As setup-go: the newest release of the second distinct minor among stable releases.
      const newest = stable[0];
      return newest && stable.find((c) => minorKey(c.version) !== minorKey(newest.version));
    }
  }
}

/** The version the spec is "about", used to rank the nearest known versions in an error. */
function targetOf(spec: VersionSpec): semver.SemVer | undefined {
  switch (spec.kind) {
    case 'latest-minor':
      return semver.parse(`${spec.minor}.0`) ?? undefined;
    case 'exact':
      return semver.parse(spec.version) ?? undefined;
    case 'minimum':
      return semver.parse(spec.min) ?? undefined;
    case 'range':
      return semver.minVersion(spec.range) ?? undefined;
    default:
      return undefined;
  }
}

/**
 * Up to `count` known versions closest to the target, newest first. When the target's minor is in
 * the index, neighbours are counted release by release (1.22.99 → 1.23.1 … 1.22.10); otherwise one
 * entry per minor (1.30 → 1.27.0, 1.26.7, 1.25.14 …), which is what a user then picks from.
 */
function nearest(spec: VersionSpec, list: Candidate[], count = 5): string[] {
  const target = targetOf(spec);
  // Pre-releases only help someone who asked for one of the same minor.
  let pool = list.filter(
    (c) => isStable(c) || (target?.prerelease.length && minorKey(c.version) === minorKey(target)),
  );
  if (!target) return pool.slice(0, count).map((c) => displayVersion(c.version.version));
  if (!pool.some((c) => minorKey(c.version) === minorKey(target))) {
    const seen = new Set<string>();
    pool = pool.filter(
      (c) => isStable(c) && !seen.has(minorKey(c.version)) && seen.add(minorKey(c.version)),
    );
  }
  // Rank by distance in the sorted list from where the target would be inserted; on a tie the
  // older neighbour comes first.
  const above = pool.filter((c) => semver.gt(c.version, target)).reverse();
  const below = pool.filter((c) => semver.lt(c.version, target));
  const picked: Candidate[] = [];
  for (let i = 0; picked.length < count && (i < above.length || i < below.length); i++) {
    for (const c of [below[i], above[i]]) if (c && picked.length < count) picked.push(c);
  }
  return picked
    .sort((a, b) => semver.rcompare(a.version, b.version))
    .map((c) => displayVersion(c.version.version));
}

/** What the releases were read from, for the errors: its name and the setting that points at it. */
export interface ReleaseSource {
  /** `the release index` */
  name: string;
  /** `The Go release index`, to start a sentence. */
  title: string;
  /** `go-download-base-url` */
  setting: string;
}

export const GO_DEV_INDEX: ReleaseSource = {
  name: 'the release index',
  title: 'The Go release index',
  setting: 'go-download-base-url',
};

/**
 * Choose the release and archive for a spec. Only releases with an archive for os/arch are
 * candidates, so `1.22` on an arch that lacks the newest patch gets the newest patch it can run.
 */
export function resolveRelease(
  spec: VersionSpec,
  releases: GoRelease[],
  os: string,
  arch: string,
  where: ReleaseSource = GO_DEV_INDEX,
): Resolved {
  const all = candidates(releases);
  const onPlatform = all.filter((c) => archiveFor(c.release, os, arch));
  const chosen = pick(spec, onPlatform);
  if (chosen) {
    const file = archiveFor(chosen.release, os, arch) as GoFile;
    return {
      version: chosen.version.version,
      goName: chosen.release.version,
      release: chosen.release,
      file,
    };
  }

  const wanted = `${quote(spec.raw)} (${describeSpec(spec)})`;
  const elsewhere = pick(spec, all);
  if (elsewhere) {
    const platforms = [
      ...new Set(
        elsewhere.release.files
          .filter((f) => f.kind === 'archive' || f.kind === 'module')
          .map((f) => `${f.os}/${f.arch}`),
      ),
    ];
    throw new UserError(
      `Go ${displayVersion(elsewhere.version.version)} matches ${wanted} but ${where.name} has no ${os}/${arch} archive for it` +
        (platforms.length ? `; it is available for ${platforms.join(', ')}` : ''),
    );
  }
  if (all.length === 0) {
    throw new UserError(`${where.title} lists no releases; check ${where.setting}`);
  }
  if (onPlatform.length === 0) {
    throw new UserError(
      `${where.title} has no ${os}/${arch} archive at all; check architecture and ${where.setting}`,
    );
  }
  const near = nearest(spec, onPlatform);
  throw new UserError(
    `No Go release matches ${wanted} in ${where.name} for ${os}/${arch}` +
      (near.length ? `; nearest known: ${near.join(', ')}` : ''),
  );
}
