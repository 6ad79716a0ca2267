import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import type { GoRelease } from '../../src/toolchain/releases.js';
import { resolveRelease } from '../../src/toolchain/resolve.js';
import {
  describeSpec,
  goToSemver,
  minorKey,
  parseVersionSpec,
  satisfies,
  semverToGo,
  type SpecKind,
} from '../../src/toolchain/version-spec.js';

// The real index: go1.27.0 … go1.11beta1, linux amd64 + arm64. Expectations below were read off
// the file by hand (e.g. the 1.22 line ends at go1.22.12, the 1.20 line starts at go1.20).
const releases = JSON.parse(
  readFileSync(new URL('../fixtures/go-releases.json', import.meta.url), 'utf8'),
) as GoRelease[];

function resolve(
  raw: string,
  kind: SpecKind = 'user',
  arch = 'amd64',
  index = releases,
  os = 'linux',
) {
  return resolveRelease(parseVersionSpec(raw, kind, 'go-version'), index, os, arch);
}

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected an error');
}

describe('goToSemver / semverToGo', () => {
  it.each([
    ['go1.22', '1.22.0'],
    ['go1.22.5', '1.22.5'],
    ['1.22.5', '1.22.5'],
    ['1.25rc2', '1.25.0-rc.2'],
    ['go1.25rc2', '1.25.0-rc.2'],
    ['go1.14beta1', '1.14.0-beta.1'],
    ['go1', '1.0.0'],
    ['go1.20', '1.20.0'],
  ])('%s → %s', (go, sv) => expect(goToSemver(go)).toBe(sv));

  it.each(['', 'go', 'latest', '1.2x', 'go1.21.0rc1', '1.22.3.4', 'v1.22', '1.022', '1.25.0-rc.2'])(
    '%j is not a Go version',
    (v) => expect(goToSemver(v)).toBeUndefined(),
  );

  it.each([
    ['1.22.0', 'go1.22.0'],
    ['1.21.0', 'go1.21.0'],
    ['1.20.0', 'go1.20'],
    ['1.19.0', 'go1.19'],
    ['1.20.3', 'go1.20.3'],
    ['1.25.0-rc.2', 'go1.25rc2'],
    ['1.14.0-beta.1', 'go1.14beta1'],
    ['1.0.0', 'go1'],
  ])('%s → %s', (sv, go) => expect(semverToGo(sv)).toBe(go));
});

describe('resolveRelease against the real index', () => {
  it.each([
    // whole minors: newest stable patch, never a pre-release
    ['1.22', 'go1.22.12'],
    ['go1.22', 'go1.22.12'],
    ['1.22.x', 'go1.22.12'],
    ['1.21', 'go1.21.13'],
    ['1.20', 'go1.20.14'],
    ['go1.20', 'go1.20.14'],
    ['1.25', 'go1.25.14'],
    ['1.26', 'go1.26.7'],
    ['1.27', 'go1.27.0'],
    ['1.12', 'go1.12.17'],
    ['1.11', 'go1.11.13'],
    // exact versions; ≤ 1.20 the first release of a minor has no `.0`
    ['1.24.4', 'go1.24.4'],
    ['go1.24.4', 'go1.24.4'],
    ['go1.20.0', 'go1.20'],
    ['1.20.0', 'go1.20'],
    ['1.19.0', 'go1.19'],
    ['1.21.0', 'go1.21.0'],
    ['go1.21.0', 'go1.21.0'],
    ['v1.23.4', 'go1.23.4'],
    // pre-releases only when named
    ['1.25rc3', 'go1.25rc3'],
    ['go1.25rc3', 'go1.25rc3'],
    ['1.25.0-rc.3', 'go1.25rc3'],
    ['go1.22rc2', 'go1.22rc2'],
    ['1.14beta1', 'go1.14beta1'],
    // setup-go keywords
    ['stable', 'go1.27.0'],
    ['oldstable', 'go1.26.7'],
    ['  stable\n', 'go1.27.0'],
    // semver ranges: stable releases only
    ['^1.22', 'go1.27.0'],
    ['~1.21.3', 'go1.21.13'],
    ['>=1.21 <1.23', 'go1.22.12'],
    ['>=1.20.0 <1.20.5', 'go1.20.4'],
    ['~1.25.0', 'go1.25.14'],
    ['<1.20', 'go1.19.13'],
    ['1.x', 'go1.27.0'],
    ['*', 'go1.27.0'],
  ])('go-version %j → %s', (raw, goName) => {
    expect(resolve(raw).goName).toBe(goName);
  });

  it.each([
    // go directive: a minimum inside its minor
    ['1.22.3', 'go1.22.12'],
    ['1.22', 'go1.22.12'],
    ['1.22.0', 'go1.22.12'],
    ['1.26.5', 'go1.26.7'],
    ['1.27.0', 'go1.27.0'],
    ['1.20', 'go1.20.14'],
    // the index has no 1.21 pre-release at all; stable 1.21.x is preferred anyway
    ['1.21rc2', 'go1.21.13'],
    ['1.22rc1', 'go1.22.12'],
  ])('go directive %j → %s', (raw, goName) => {
    expect(resolve(raw, 'go-directive').goName).toBe(goName);
  });

  it.each([
    ['go1.22.5', 'go1.22.5'],
    ['go1.20', 'go1.20'],
    ['go1.25rc3', 'go1.25rc3'],
    ['go1.22rc2', 'go1.22rc2'],
    ['go1.23.4-custom', 'go1.23.4'],
  ])('toolchain %j → %s (exact)', (raw, goName) => {
    expect(resolve(raw, 'toolchain').goName).toBe(goName);
  });

  it('returns the semver version, the release and the arm64 archive with its digest', () => {
    const r = resolve('1.22', 'user', 'arm64');
    expect(r.version).toBe('1.22.12');
    expect(r.file.filename).toBe('go1.22.12.linux-arm64.tar.gz');
    expect(r.file.sha256).toBe('fd017e647ec28525e86ae8203236e0653242722a7436929b1f775744e26278e7');
    expect(r.release.version).toBe('go1.22.12');
  });

  it('reports go1.20 as semver 1.20.0 with its archive', () => {
    const r = resolve('1.20.0');
    expect([r.version, r.goName, r.file.filename]).toEqual([
      '1.20.0',
      'go1.20',
      'go1.20.linux-amd64.tar.gz',
    ]);
  });

  it('does not trust the index order', () => {
    const shuffled = [...releases].reverse();
    shuffled.push(shuffled.shift() as GoRelease);
    expect(resolve('1.22', 'user', 'amd64', shuffled).goName).toBe('go1.22.12');
    expect(resolve('stable', 'user', 'amd64', shuffled).goName).toBe('go1.27.0');
    expect(resolve('oldstable', 'user', 'amd64', shuffled).goName).toBe('go1.26.7');
  });

  it('skips a release without an archive for the arch, and says so when it was asked for exactly', () => {
    const index = releases.map((r) =>
      r.version === 'go1.22.12' ? { ...r, files: r.files.filter((f) => f.arch !== 'arm64') } : r,
    );
    expect(resolve('1.22', 'user', 'arm64', index).goName).toBe('go1.22.11');
    expect(resolve('1.22', 'user', 'amd64', index).goName).toBe('go1.22.12');
    expect(errorOf(() => resolve('1.22.12', 'user', 'arm64', index)).message).toBe(
      'Go 1.22.12 matches "1.22.12" (exactly go1.22.12) but the release index has no linux/arm64 archive for it; it is available for linux/amd64',
    );
  });

  it('picks a pre-release of a minor that has no stable release only when it is named', () => {
    const rc = releases.find((r) => r.version === 'go1.25rc3') as GoRelease;
    const index = [...releases, { ...rc, version: 'go1.28rc1' }];
    expect(resolve('stable', 'user', 'amd64', index).goName).toBe('go1.27.0');
    expect(resolve('1.x', 'user', 'amd64', index).goName).toBe('go1.27.0');
    expect(resolve('1.28rc1', 'user', 'amd64', index).goName).toBe('go1.28rc1');
    expect(resolve('1.28rc1', 'go-directive', 'amd64', index).goName).toBe('go1.28rc1');
    expect(errorOf(() => resolve('1.28', 'user', 'amd64', index)).message).toMatch(
      /^No Go release matches "1.28"/,
    );
    expect(errorOf(() => resolve('1.28.0', 'go-directive', 'amd64', index)).message).toMatch(
      /^No Go release matches "1.28.0" \(newest 1.28.x ≥ 1.28.0\)/,
    );
  });

  it('only counts archives with the right extension and kind', () => {
    const file = { os: 'windows', arch: 'amd64', version: 'go1.22.12', sha256: 'x' };
    const index: GoRelease[] = [
      {
        version: 'go1.23.0',
        stable: true,
        files: [{ ...file, filename: 'go1.23.0.windows-amd64.msi', kind: 'installer' }],
      },
      {
        version: 'go1.22.12',
        stable: true,
        files: [{ ...file, filename: 'go1.22.12.windows-amd64.zip', kind: 'archive' }],
      },
    ];
    const r = resolve('stable', 'user', 'amd64', index, 'windows');
    expect(r.file.filename).toBe('go1.22.12.windows-amd64.zip');
  });

  // Full text of each message: the spec, what it means, and the nearest versions, newest first.
  it.each([
    ['1.22.99', 'user', 'exactly go1.22.99', '1.23.1, 1.23.0, 1.22.12, 1.22.11, 1.22.10'],
    ['1.30', 'user', 'newest 1.30.x', '1.27.0, 1.26.7, 1.25.14, 1.24.13, 1.23.12'],
    ['1.10', 'user', 'newest 1.10.x', '1.15.15, 1.14.15, 1.13.15, 1.12.17, 1.11.13'],
    // the index has go1.25rc3 but not rc2
    ['1.25rc2', 'user', 'exactly go1.25rc2', '1.25.0, 1.25rc3, 1.24.13, 1.24.12, 1.24.11'],
    [
      '1.22.13',
      'go-directive',
      'newest 1.22.x ≥ 1.22.13',
      '1.23.1, 1.23.0, 1.22.12, 1.22.11, 1.22.10',
    ],
    ['^2', 'user', 'newest stable matching ^2', '1.27.0, 1.26.7, 1.25.14, 1.24.13, 1.23.12'],
  ] as const)('unknown %j (%s) names the nearest known versions', (raw, kind, meaning, near) => {
    const err = errorOf(() => resolve(raw, kind));
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toBe(
      `No Go release matches "${raw}" (${meaning}) in the release index for linux/amd64; nearest known: ${near}`,
    );
  });

  it('says when the index is empty', () => {
    expect(errorOf(() => resolve('1.22', 'user', 'amd64', [])).message).toBe(
      'The Go release index lists no releases; check go-download-base-url',
    );
  });

  it('never selects a pre-release through a range', () => {
    expect(errorOf(() => resolve('>=1.25.0-rc.1 <1.25.0')).message).toMatch(
      /^No Go release matches/,
    );
  });

  it('says when the platform is missing rather than the version', () => {
    expect(errorOf(() => resolve('1.22', 'user', 'riscv64')).message).toBe(
      'Go 1.22.12 matches "1.22" (newest 1.22.x) but the release index has no linux/riscv64 archive for it; it is available for linux/amd64, linux/arm64',
    );
    expect(errorOf(() => resolve('stable', 'user', 'amd64', releases, 'windows')).message).toBe(
      'Go 1.27.0 matches "stable" (newest stable release) but the release index has no windows/amd64 archive for it; it is available for linux/amd64, linux/arm64',
    );
  });
});

describe('parseVersionSpec errors', () => {
  it('names the input, the bad value and the accepted form', () => {
    expect(() => parseVersionSpec('1.2x', 'user', 'go-version')).toThrow(
      new UserError(
        'go-version: "1.2x" is not a Go version; use 1.24, go1.24, 1.24.4, a semver range such as ^1.22, stable or oldstable',
      ),
    );
  });

  const USER = 'use 1.24, go1.24, 1.24.4, a semver range such as ^1.22, stable or oldstable';
  const GO = 'use a Go version such as 1.22 or 1.22.3 (as in `go 1.22.3`)';
  const TC = 'use a toolchain name such as go1.22.5 (as in `toolchain go1.22.5`)';
  it.each([
    ['latest', 'user', 'GOVERSION', `GOVERSION: "latest" is not a Go version; ${USER}`],
    ['go 1.15', 'user', 'GOVERSION', `GOVERSION: "go 1.15" is not a Go version; ${USER}`],
    ['go1.22.x.1', 'user', 'go-version', `go-version: "go1.22.x.1" is not a Go version; ${USER}`],
    ['1.22\n1.23', 'user', 'go-version', `go-version: "1.22\\n1.23" is not a Go version; ${USER}`],
    ['   ', 'user', 'go-version', `go-version is empty; ${USER}`],
    [
      'go1.22',
      'go-directive',
      'go.mod go directive',
      `go.mod go directive: "go1.22" is not a Go version; ${GO}`,
    ],
    [
      '^1.22',
      'go-directive',
      'go.work go directive',
      `go.work go directive: "^1.22" is not a Go version; ${GO}`,
    ],
    [
      '1.22.5',
      'toolchain',
      'go.mod toolchain',
      `go.mod toolchain: "1.22.5" is not a Go toolchain name; ${TC}`,
    ],
    [
      'go1.22.x',
      'toolchain',
      'go.mod toolchain',
      `go.mod toolchain: "go1.22.x" is not a Go toolchain name; ${TC}`,
    ],
  ] as const)('%j (%s) → one-line UserError', (raw, kind, name, message) => {
    const err = errorOf(() => parseVersionSpec(raw, kind, name));
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toBe(message);
    expect(err.message).not.toContain('\n');
  });

  it('keeps the trimmed raw text on every variant', () => {
    expect(parseVersionSpec(' ^1.22 ', 'user', 'x')).toEqual({
      kind: 'range',
      raw: '^1.22',
      range: '>=1.22.0 <2.0.0-0',
    });
    expect(parseVersionSpec('1.24', 'user', 'x')).toEqual({
      kind: 'latest-minor',
      raw: '1.24',
      minor: '1.24',
    });
    expect(parseVersionSpec('1.22.3', 'go-directive', 'x')).toEqual({
      kind: 'minimum',
      raw: '1.22.3',
      minor: '1.22',
      min: '1.22.3',
    });
    expect(parseVersionSpec('OldStable', 'user', 'x')).toEqual({
      kind: 'oldstable',
      raw: 'OldStable',
    });
  });
});

describe('satisfies (tool cache and local Go)', () => {
  const spec = (raw: string, kind: SpecKind = 'user') => parseVersionSpec(raw, kind, 'x');
  it.each([
    ['1.22', 'user', '1.22.5', true],
    ['1.22', 'user', '1.23.0', false],
    ['1.22', 'user', '1.22.0-rc.1', false],
    ['1.22.5', 'user', '1.22.5', true],
    ['1.22.5', 'user', '1.22.6', false],
    ['go1.20.0', 'user', '1.20.0', true],
    ['1.25rc2', 'user', '1.25.0-rc.2', true],
    ['1.22.3', 'go-directive', '1.22.3', true],
    ['1.22.3', 'go-directive', '1.22.2', false],
    ['1.22.3', 'go-directive', '1.23.0', false],
    ['1.21rc2', 'go-directive', '1.21.0-rc.2', true],
    ['1.21rc2', 'go-directive', '1.21.0-rc.1', false],
    ['^1.22', 'user', '1.24.1', true],
    ['^1.22', 'user', '1.21.9', false],
    ['^1.22', 'user', '1.25.0-rc.2', false],
    ['stable', 'user', '1.27.0', false],
    ['oldstable', 'user', '1.26.7', false],
    ['1.22', 'user', 'not-a-version', false],
  ] as const)('%j (%s) vs %s → %s', (raw, kind, version, ok) => {
    expect(satisfies(spec(raw, kind), version)).toBe(ok);
  });
});

describe('describeSpec / minorKey', () => {
  it.each([
    ['1.22.3', 'go-directive', 'newest 1.22.x ≥ 1.22.3'],
    ['1.21rc2', 'go-directive', 'newest 1.21.x ≥ 1.21rc2'],
    ['go1.22', 'user', 'newest 1.22.x'],
    ['go1.20.0', 'user', 'exactly go1.20'],
    ['go1.22.5', 'toolchain', 'exactly go1.22.5'],
    ['>=1.21 <1.23', 'user', 'newest stable matching >=1.21 <1.23'],
    ['stable', 'user', 'newest stable release'],
  ] as const)('%j (%s) → %s', (raw, kind, text) => {
    expect(describeSpec(parseVersionSpec(raw, kind, 'x'))).toBe(text);
  });

  it('minorKey', () => {
    expect(minorKey(new semver.SemVer('1.22.5'))).toBe('1.22');
    expect(minorKey(new semver.SemVer(goToSemver('go1.25rc2')!))).toBe('1.25');
    expect(minorKey(new semver.SemVer('1.25.0-rc.2'))).toBe('1.25');
  });
});
