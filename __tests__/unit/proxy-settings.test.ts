import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hash1 } from '../../src/toolchain/module-zip.js';
import { releasesFromList, TOOLCHAIN_LIST } from '../../src/toolchain/proxy-install.js';
import {
  matchesPrefixPatterns,
  parseGoProxy,
  toolchainProxy,
} from '../../src/toolchain/proxy-settings.js';
import { resolveRelease } from '../../src/toolchain/resolve.js';
import { parseVersionSpec } from '../../src/toolchain/version-spec.js';
import { hash1 as supportHash1 } from '../../test/support/goproxy.js';
import { makeKey } from '../../test/support/sumdb-server.js';

describe('GOPROXY, read as the go command reads it', () => {
  it('splits on , and |, marks where any error falls through, and stops at direct or off', () => {
    expect(
      parseGoProxy('https://a.example,https://b.example|https://c.example,direct,https://x'),
    ).toEqual([
      { kind: 'url', url: 'https://a.example', fallBackOnError: false },
      { kind: 'url', url: 'https://b.example', fallBackOnError: true },
      { kind: 'url', url: 'https://c.example', fallBackOnError: false },
      { kind: 'direct' },
    ]);
    expect(parseGoProxy('off,https://a.example')).toEqual([{ kind: 'off' }]);
    expect(parseGoProxy(' , https://a.example/ ,')).toEqual([
      { kind: 'url', url: 'https://a.example', fallBackOnError: false },
    ]);
  });

  it('defaults to proxy.golang.org then direct, and adds https:// to a bare host', () => {
    expect(parseGoProxy('')).toEqual([
      { kind: 'url', url: 'https://proxy.golang.org', fallBackOnError: false },
      { kind: 'direct' },
    ]);
    expect(parseGoProxy('athens.corp.example:3000/go')).toEqual([
      { kind: 'url', url: 'https://athens.corp.example:3000/go', fallBackOnError: false },
    ]);
  });

  it('takes credentials out of a URL into a basic-auth header', () => {
    expect(parseGoProxy('https://me:s3cret@proxy.example/go')).toEqual([
      {
        kind: 'url',
        url: 'https://proxy.example/go',
        authorization: `Basic ${Buffer.from('me:s3cret').toString('base64')}`,
        fallBackOnError: false,
      },
    ]);
  });

  it('refuses what it cannot fetch from, in one line', () => {
    expect(() => parseGoProxy(',')).toThrow(/^GOPROXY \(goproxy\): "," holds no proxy/);
    expect(() => parseGoProxy('file:///srv/goproxy')).toThrow(/is not an http\(s\) URL/);
  });
});

describe("GOPRIVATE-style patterns (Go's module.MatchPrefixPatterns)", () => {
  const t = 'golang.org/toolchain';
  it.each([
    ['golang.org', true],
    ['*.org', true],
    ['golang.org/*', true],
    ['golang.org/toolchain', true],
    ['golang.org/toolchain/extra', false],
    ['golang.org/x', false],
    ['golang.*', true],
    ['go?ang.org', true],
    ['[a-h]olang.org', true],
    ['[^g]olang.org', false],
    ['*.com,example.org', false],
    ['example.com, golang.org', true],
    ['none', false],
    ['', false],
    ['[golang.org', false],
  ])('%s → %s', (globs, want) => {
    expect(matchesPrefixPatterns(globs, t)).toBe(want);
  });
});

describe('toolchainProxy: refused before any download', () => {
  const key = makeKey('db.example').verifier;
  it('off, direct first, golang.org/toolchain private', () => {
    expect(() => toolchainProxy({ GOPROXY: 'off' })).toThrow(/^GOPROXY \(goproxy\) is off/);
    expect(() => toolchainProxy({ GOPROXY: 'direct' })).toThrow(/starts with direct/);
    expect(() => toolchainProxy({ GOPRIVATE: '*.org' })).toThrow(
      /^GOPRIVATE \(goprivate\): "\*\.org" matches golang\.org\/toolchain/,
    );
    expect(() => toolchainProxy({ GOPRIVATE: '*.org', GONOPROXY: 'corp.example' })).not.toThrow();
    expect(() => toolchainProxy({ GONOPROXY: 'golang.org' })).toThrow(/^GONOPROXY \(gonoproxy\)/);
  });

  it('always checks golang.org/toolchain in the database, as the go command does', () => {
    expect(toolchainProxy({ GOSUMDB: key }).sumdb?.key.name).toBe('db.example');
    expect(toolchainProxy({}).sumdb).toMatchObject({
      key: { name: 'sum.golang.org' },
      direct: 'https://sum.golang.org',
    });
    expect(toolchainProxy({}).sumdb?.url).toBeUndefined();
    // GONOSUMDB and GOPRIVATE do not turn the check off for the toolchain module.
    expect(toolchainProxy({ GONOSUMDB: 'golang.org' }).sumdb?.key.name).toBe('sum.golang.org');
    expect(
      toolchainProxy({ GOPRIVATE: 'golang.org', GONOPROXY: 'none', GOSUMDB: key }).sumdb?.key.name,
    ).toBe('db.example');
    // Checked against the database, the transport does not matter (the go command allows it).
    expect(toolchainProxy({ GOPROXY: 'http://proxy.corp.example' }).sumdb).toBeDefined();
  });

  it('refuses GOSUMDB=off in one line, before any download', () => {
    for (const env of [{ GOSUMDB: 'off' }, { GOSUMDB: 'off', GONOSUMDB: 'golang.org' }]) {
      expect(() => toolchainProxy(env)).toThrow(
        'GOSUMDB: "off" turns the checksum database off, and the go command never installs golang.org/toolchain unchecked ("checksum database disabled by GOSUMDB=off"); unset GOSUMDB, or set it to sum.golang.org or to your database (name+hash+key https://host/path)',
      );
    }
    // Go compares GOSUMDB with "off" as it is: " off" is a key that does not parse.
    expect(() => toolchainProxy({ GOSUMDB: ' off' })).toThrow(
      /^GOSUMDB: "off" is not a checksum database key/,
    );
  });

  it("inside proxy.golang.org's own fetcher (GIT_HTTP_USER_AGENT), GOSUMDB and GONOSUMDB apply as for any module", () => {
    const agent = { GIT_HTTP_USER_AGENT: 'git/2 proxy.golang.org' };
    expect(toolchainProxy({ ...agent, GOSUMDB: 'off' })).toMatchObject({
      unchecked: 'GOSUMDB is off',
    });
    expect(toolchainProxy({ ...agent, GONOSUMDB: 'golang.org' })).toMatchObject({
      unchecked: 'GONOSUMDB "golang.org" matches golang.org/toolchain',
    });
    const env = { ...agent, GOPROXY: 'http://proxy.corp.example', GOSUMDB: 'off' };
    expect(() => toolchainProxy(env)).toThrow(/is plain http and GOSUMDB is off/);
    expect(toolchainProxy({ ...env, GOINSECURE: 'golang.org' }).unchecked).toBe('GOSUMDB is off');
  });
});

describe("the proxy's list resolves like the release index", () => {
  const list = [
    'v0.0.1-go1.21.0.linux-amd64',
    'v0.0.1-go1.21.13.linux-amd64',
    'v0.0.1-go1.22.5.linux-amd64',
    'v0.0.1-go1.22.5.darwin-arm64',
    'v0.0.1-go1.23rc1.linux-amd64',
    'v0.0.1-go1.23.0.darwin-arm64',
    'not a version',
    'v0.0.1-go1.22.6.linux-amd64/../x',
  ].join('\n');
  const releases = releasesFromList(list);
  const pick = (spec: string) =>
    resolveRelease(
      parseVersionSpec(spec, 'user', 'go-version'),
      releases,
      'linux',
      'amd64',
      TOOLCHAIN_LIST,
    );

  it('keeps only toolchain module versions, grouped by Go release', () => {
    expect(releases.map((r) => [r.version, r.stable, r.files.length])).toEqual([
      ['go1.21.0', true, 1],
      ['go1.21.13', true, 1],
      ['go1.22.5', true, 2],
      ['go1.23rc1', false, 1],
      ['go1.23.0', true, 1],
    ]);
  });

  it('picks by spec, for this platform only', () => {
    expect(pick('1.21').file.filename).toBe('v0.0.1-go1.21.13.linux-amd64');
    expect(pick('stable').version).toBe('1.22.5');
    expect(pick('^1.21.5').version).toBe('1.22.5');
    expect(pick('1.23rc1').file.filename).toBe('v0.0.1-go1.23rc1.linux-amd64');
    expect(() => pick('1.23.0')).toThrow(
      /^Go 1\.23\.0 matches "1\.23\.0" \(exactly go1\.23\.0\) but the golang\.org\/toolchain list of GOPROXY has no linux\/amd64 archive for it; it is available for darwin\/arm64$/,
    );
  });
});

describe("the zip's h1: (Go's dirhash Hash1)", () => {
  it('agrees with the test support, written separately, whatever the order of the members', () => {
    const files = [
      { name: 'm@v1/b.go', data: 'package b\n' },
      { name: 'm@v1/a/x.go', data: 'package x\n' },
      { name: 'm@v1/go.mod', data: 'module m\n' },
      { name: 'm@v1/Z', data: '' },
    ];
    const sums = files.map((f) => ({
      name: f.name,
      sha256: createHash('sha256').update(f.data).digest('hex'),
    }));
    expect(hash1(sums)).toBe(supportHash1(files));
    expect(hash1([...sums].reverse())).toBe(hash1(sums));
    expect(hash1(sums.slice(1))).not.toBe(hash1(sums));
  });
});
