import { describe, expect, it } from 'vitest';
import {
  binaryOf,
  knownBinaries,
  mainBinaries,
  parseMainTargets,
  type ListedMain,
} from '../../src/compile/go-list.js';

const GOBIN = '/home/runner/go_home/bin';

// What `go list -find -f MAIN_TARGETS_FORMAT ./...` prints for cmd-multi: a line per package,
// empty for the library (captured from Go 1.24).
const CMD_MULTI = [
  `example.com/multi/cmd/clock\t${GOBIN}/clock`,
  `example.com/multi/cmd/migrate\t${GOBIN}/migrate`,
  `example.com/multi/cmd/web\t${GOBIN}/web`,
  '',
  '',
].join('\n');

const listed = (...entries: [string, string][]): ListedMain[] =>
  entries.map(([importPath, target]) => ({ importPath, target }));

describe('parseMainTargets', () => {
  it("reads every main package, in Go's order, skipping the other packages' empty lines", () => {
    expect(parseMainTargets(CMD_MULTI)).toEqual(
      listed(
        ['example.com/multi/cmd/clock', `${GOBIN}/clock`],
        ['example.com/multi/cmd/migrate', `${GOBIN}/migrate`],
        ['example.com/multi/cmd/web', `${GOBIN}/web`],
      ),
    );
    expect(parseMainTargets('')).toEqual([]);
    expect(parseMainTargets('\n\n')).toEqual([]);
  });

  it('keeps a main package Go gives no target (GOBIN while cross-compiling)', () => {
    expect(parseMainTargets('example.com/a\t\nexample.com/b\n')).toEqual(
      listed(['example.com/a', ''], ['example.com/b', '']),
    );
  });

  it('keeps a target as printed: spaces and tabs are part of the path', () => {
    expect(parseMainTargets('example.com/a\t/home/my user/go/bin/a \n')).toEqual(
      listed(['example.com/a', '/home/my user/go/bin/a ']),
    );
    expect(parseMainTargets('example.com/a\t/odd\tdir/a\n')).toEqual(
      listed(['example.com/a', '/odd\tdir/a']),
    );
  });
});

describe('binaryOf', () => {
  it('names the binary after the file Go installs, not after the import path', () => {
    // A /v2 module's binary is named after the element before /v2, as Go names it.
    expect(binaryOf('example.com/tool/v2', `${GOBIN}/tool`)).toEqual({
      package: 'example.com/tool/v2',
      path: `${GOBIN}/tool`,
      name: 'tool',
    });
    expect(binaryOf('example.com/a', `${GOBIN}/windows_amd64/a.exe`)?.name).toBe('a');
  });

  it('is none without a target', () => {
    expect(binaryOf('example.com/a', '')).toBeUndefined();
  });
});

describe('mainBinaries', () => {
  it('gives every listed main package that has a target, in order', () => {
    expect(
      mainBinaries(
        listed(
          ['example.com/b', `${GOBIN}/b`],
          ['example.com/x', ''],
          ['example.com/a', `${GOBIN}/a`],
        ),
      ).map((b) => b.name),
    ).toEqual(['b', 'a']);
  });
});

describe('knownBinaries', () => {
  const mains = parseMainTargets(CMD_MULTI);

  it('takes the binaries of listed import paths from the listing, in the order given', () => {
    expect(
      knownBinaries(['example.com/multi/cmd/web', 'example.com/multi/cmd/clock'], mains),
    ).toEqual([
      { package: 'example.com/multi/cmd/web', path: `${GOBIN}/web`, name: 'web' },
      { package: 'example.com/multi/cmd/clock', path: `${GOBIN}/clock`, name: 'clock' },
    ]);
  });

  it('names a package given twice once, as go list does', () => {
    expect(
      knownBinaries(['example.com/multi/cmd/web', 'example.com/multi/cmd/web'], mains)?.map(
        (b) => b.name,
      ),
    ).toEqual(['web']);
  });

  it.each([
    ['a pattern', ['./cmd/...']],
    ['a relative path', ['./cmd/web']],
    ['`.`', ['.']],
    [
      'a package that is not listed (a library, a dependency, a nested module)',
      ['example.com/multi/internal/banner'],
    ],
    [
      'one unlisted package among listed ones',
      ['example.com/multi/cmd/web', 'golang.org/x/tools/cmd/stringer'],
    ],
    ['nothing', []],
  ])('leaves %s to go list', (_what, packages) => {
    expect(knownBinaries(packages, mains)).toBeUndefined();
  });

  it('leaves a .go file list to go list, even when a module is named like the file', () => {
    // `go install main.go` builds the file, whose binary is `main`, not the module `main.go`.
    const odd = listed(['main.go', `${GOBIN}/main.go`]);
    expect(knownBinaries(['main.go'], odd)).toBeUndefined();
  });

  it('gives no binary for a listed package Go has no target for (the caller fails as after go list)', () => {
    expect(knownBinaries(['example.com/a'], listed(['example.com/a', '']))).toEqual([]);
  });
});
