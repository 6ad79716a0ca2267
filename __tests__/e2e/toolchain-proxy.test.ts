// go-toolchain-source: proxy, end to end on the bundled action: Go fetched as the module
// golang.org/toolchain from a loopback module proxy, its h1: proved in a loopback checksum
// database (a real tlog with tiles and Ed25519-signed tree heads), installed, and used to build.
// Every lie of the proxy or the database is refused with one line and leaves the tool cache empty.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupTempDirs, makeTempDir, runAction } from '../../test/support/action-harness.js';
import { goFixture, goFixtures } from '../../test/support/fixtures.js';
import { zipBytes } from '../../test/support/goproxy.js';
import { makeKey, startSumDb, type SumDbServer } from '../../test/support/sumdb-server.js';
import {
  MODULE,
  startToolchainProxy,
  toolchainZip,
  type ToolchainProxyServer,
  type ToolchainZip,
} from '../../test/support/toolchain-proxy.js';
import { runEnv, workspaceWith } from './helpers.js';

function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true }).map(String);
  } catch {
    return [];
  }
}

let sumdb: SumDbServer;
let proxy: ToolchainProxyServer;
/** Answers 403 or 404 to everything: the first entry of the fall-through cases. */
let broken: ToolchainProxyServer;
let go121: ToolchainZip;
let go124: ToolchainZip;
/** A tool cache that holds Go 1.24.4 once the first test ran. */
let shared: string;

beforeAll(async () => {
  const all = await goFixtures();
  [go121, go124] = await Promise.all([
    toolchainZip(await goFixture('1.21')),
    toolchainZip(await goFixture('1.24')),
  ]);
  sumdb = await startSumDb();
  for (const z of [go121, go124]) sumdb.add(MODULE, z.moduleVersion, z.h1, z.modH1);
  const list = all.filter((f) => f.minor !== '1.19').map((f) => f.version);
  proxy = await startToolchainProxy({ list, zips: [go121, go124], sumdb });
  broken = await startToolchainProxy({ list: [], zips: [] });
  shared = await makeTempDir('tc-proxy-shared-');
}, 300_000);

afterAll(async () => {
  await Promise.all([sumdb?.close(), proxy?.close(), broken?.close()]);
  await cleanupTempDirs();
});

function reset(): void {
  proxy.requests.splice(0);
  sumdb.requests.splice(0);
  broken.requests.splice(0);
}

async function install(
  opts: {
    version?: string;
    env?: Record<string, string>;
    inputs?: Record<string, string>;
    toolCache?: string;
    workspace?: string;
  } = {},
) {
  return runAction({
    entry: 'main',
    workspace: opts.workspace ?? (await workspaceWith('tiny')),
    toolCache: opts.toolCache ?? (await makeTempDir('tc-proxy-')),
    inputs: {
      'go-toolchain-source': 'proxy',
      ...(opts.version ? { 'go-version': opts.version } : {}),
      upload: 'false',
      ...opts.inputs,
    },
    env: await runEnv({
      GOPROXY: proxy.url,
      GOSUMDB: sumdb.gosumdb,
      GONOSUMDB: '',
      ...opts.env,
    }),
  });
}

const zipRequests = () => proxy.requests.filter((r) => r.path.endsWith('.zip'));

describe('Go through a module proxy, checked in a checksum database', () => {
  it('installs Go 1.24 as golang.org/toolchain, proves its h1:, and builds with it', async () => {
    reset();
    // GOSUMDB gives the database's URL: it is reached there, and the proxy is not even asked
    // (the go command uses such a URL as it is), though this one would serve the database.
    const run = await install({ version: '1.24', toolCache: shared });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.outputs['go-version']).toBe('1.24.4');
    const goroot = run.outputs['go-root']!;
    expect(goroot).toBe(path.join(shared, 'go', '1.24.4', 'x64'));
    expect(filesUnder(path.join(shared, 'go'))).toContain('1.24.4/x64.complete');
    // The binary was built by the Go that came through the proxy.
    const bin = JSON.parse(run.outputs.binaries!)[0] as string;
    expect(execFileSync(bin).toString()).toBe('tiny built with go1.24.4\n');
    expect(statSync(path.join(goroot, 'bin', 'go')).mode & 0o111).toBe(0o111);
    expect(filesUnder(goroot)).toContain(path.join('pkg', 'tool', 'linux_amd64', 'compile'));

    expect(proxy.requests.map((r) => `${r.status} ${r.path}`)).toEqual([
      `200 /${MODULE}/@v/list`,
      `200 /${MODULE}/@v/${go124.moduleVersion}.zip`,
    ]);
    const db = sumdb.requests.map((r) => r.path);
    // The head kept (/latest) is checked against its tiles before the lookup, as Go does.
    const lookup = `/lookup/${MODULE}@${go124.moduleVersion}`;
    expect(db[0]).toBe('/latest');
    expect(db.filter((p) => p === lookup)).toHaveLength(1);
    const tiles = db.filter((p) => p !== '/latest' && p !== lookup);
    expect(tiles.every((p) => /^\/tile\/8\/[01]\/\d{3}(\.p\/\d+)?$/.test(p))).toBe(true);
    expect(tiles.length).toBeGreaterThan(0);
    const size = sumdb.log.size;
    expect(run.stdout).toContain(
      `sum.test.example records ${MODULE}@${go124.moduleVersion} ${go124.h1} in its signed tree of ${size} records`,
    );
    expect(run.summary).toMatch(
      new RegExp(
        `\\| Toolchain \\| h1: checked in sum\\.test\\.example tree ${size} \\(record \\d+, inclusion proved\\) \\|`,
      ),
    );

    reset();
    const again = await install({ version: '1.24', toolCache: shared });
    expect(again.code, again.stdout).toBe(0);
    expect(again.stdout).toContain('in the tool cache');
    expect([...proxy.requests, ...sumdb.requests]).toEqual([]);
    expect(again.summary).toContain('| Toolchain | found in the tool cache |');
  });

  it("resolves go.mod's toolchain line from the proxy's list and reaches the database through the proxy", async () => {
    reset();
    const ws = await workspaceWith('tiny');
    writeFileSync(
      path.join(ws, 'go.mod'),
      'module example.com/tiny\n\ngo 1.21\n\ntoolchain go1.21.13\n',
    );
    // No URL in GOSUMDB (it would be https://sum.test.example): the proxy says it serves the
    // database (/sumdb/<name>/supported), as proxy.golang.org does for sum.golang.org.
    const run = await install({ workspace: ws, env: { GOSUMDB: sumdb.key.verifier } });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.outputs['go-version']).toBe('1.21.13');
    expect(run.outputs['go-version-source']).toBe('go.mod toolchain');
    const paths = proxy.requests.map((r) => r.path);
    expect(paths).toContain(`/sumdb/sum.test.example/supported`);
    expect(paths).toContain(`/sumdb/sum.test.example/lookup/${MODULE}@${go121.moduleVersion}`);
    expect(paths).toContain(`/${MODULE}/@v/${go121.moduleVersion}.zip`);
    expect(sumdb.requests.map((r) => r.path)).toContain(`/lookup/${MODULE}@${go121.moduleVersion}`); // forwarded by the proxy
    const bin = JSON.parse(run.outputs.binaries!)[0] as string;
    expect(execFileSync(bin).toString()).toBe('tiny built with go1.21.13\n');
  });

  it('resolves stable and ranges from the list, as from the release index', async () => {
    const newest = (await goFixtures())[0]!;
    for (const [spec, want] of [
      ['stable', newest.version],
      ['^1.22 <1.24', (await goFixture('1.23')).version],
    ] as const) {
      reset();
      // No record of these in the database: the refusal names the version that was resolved.
      const run = await install({ version: spec });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(
        `::error::The checksum database sum.test.example has no record of ${MODULE}@v0.0.1-${want}.linux-amd64`,
      );
      expect(zipRequests()).toEqual([]);
    }
  });
});

describe('every lie is refused with one line, and nothing is installed', () => {
  const refused = async (
    setup: () => void,
    message: RegExp,
    env: Record<string, string> = {},
    downloads = 0,
  ) => {
    const toolCache = await makeTempDir('tc-lie-');
    reset();
    setup();
    try {
      const run = await install({ version: '1.21', toolCache, env });
      expect(run.code, run.stdout).toBe(1);
      const errors = run.annotations.filter((a) => a.level === 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0]!.message).toMatch(message);
      expect(errors[0]!.message).not.toMatch(/[\r\n]/);
      expect(zipRequests()).toHaveLength(downloads);
      expect(filesUnder(toolCache)).toEqual([]);
      expect(run.outputs.binaries).toBeUndefined();
    } finally {
      Object.assign(proxy.faults, { tamperZip: undefined, zipFile: undefined, status: undefined });
      for (const k of Object.keys(sumdb.lies)) delete sumdb.lies[k as keyof typeof sumdb.lies];
    }
  };

  it('a zip whose content differs from the recorded h1:', async () => {
    const dir = await makeTempDir('fake-go-');
    const prefix = `${MODULE}@${go121.moduleVersion}/`;
    const fake = zipBytes([
      { name: `${prefix}VERSION`, data: Buffer.from('go1.21.13\n') },
      { name: `${prefix}bin/go`, data: Buffer.from('#!/bin/sh\necho evil\n') },
    ]);
    writeFileSync(path.join(dir, 'fake.zip'), fake);
    await refused(
      () => (proxy.faults.zipFile = path.join(dir, 'fake.zip')),
      new RegExp(
        `^Checksum mismatch for ${MODULE}@${go121.moduleVersion.replace(/\./g, '\\.')}: sum\\.test\\.example records ${go121.h1.replace(/[+/]/g, '\\$&')}, the zip from \\S+ hashes to h1:\\S+; nothing was installed$`,
      ),
      {},
      1,
    );
  });

  it.each([
    [
      'a member outside the module prefix',
      [{ name: 'elsewhere/VERSION' }],
      /holds "elsewhere\/VERSION", outside "golang\.org\/toolchain@v0\.0\.1-go1\.21\.13\.linux-amd64\/"/,
    ],
    [
      'a member that climbs out with ..',
      [{ name: '{p}../../evil' }],
      /holds "golang\.org\/toolchain@\S+\/\.\.\/\.\.\/evil", not a plain relative name/,
    ],
    [
      'a symlink',
      [{ name: '{p}bin/go', mode: 0o120777, data: '/bin/sh' }],
      /holds "golang\.org\/toolchain@\S+\/bin\/go", which is not a regular file \(a symlink or special file\)/,
    ],
    [
      'the same member twice',
      [{ name: '{p}VERSION' }, { name: '{p}VERSION' }],
      /holds "golang\.org\/toolchain@\S+\/VERSION" twice/,
    ],
  ] as const)('a zip with %s', async (_what, members, message) => {
    const dir = await makeTempDir('hostile-zip-');
    const prefix = `${MODULE}@${go121.moduleVersion}/`;
    const zip = zipBytes(
      members.map((m) => ({
        name: m.name.replace('{p}', prefix),
        data: Buffer.from('data' in m ? m.data : 'go1.21.13\n'),
        ...('mode' in m ? { mode: m.mode } : {}),
      })),
    );
    writeFileSync(path.join(dir, 'hostile.zip'), zip);
    await refused(() => (proxy.faults.zipFile = path.join(dir, 'hostile.zip')), message, {}, 1);
  });

  it('a zip with one byte flipped on the way', async () => {
    // Where the flipped byte lands decides which check sees it first: the inflated size, the
    // deflate stream, or the h1:. Each is a refusal of the whole zip.
    await refused(
      () => (proxy.faults.tamperZip = true),
      /^(Checksum mismatch for \S+: .* hashes to h1:\S+|The zip of golang\.org\/toolchain@\S+ (cannot be unpacked: .*|holds "[^"]+" of \d+ bytes where its entry says \d+)); nothing was installed$/,
      {},
      1,
    );
  });

  it('a record whose h1: is not the one in the tree', async () => {
    await refused(
      () =>
        (sumdb.lies.record = (r) =>
          r.replace(/ h1:\S+\n/, ` h1:${Buffer.alloc(32, 5).toString('base64')}\n`)),
      /^The checksum database sum\.test\.example did not prove the record is in its tree of \d+ records \(inclusion proof failed\) for golang\.org\/toolchain@v0\.0\.1-go1\.21\.13\.linux-amd64; nothing was installed$/,
    );
  });

  it('a tree head with a bad signature', async () => {
    await refused(
      () => (sumdb.lies.corruptSignature = true),
      /^The checksum database sum\.test\.example answered a \/latest that has an invalid signature by sum\.test\.example for golang\.org\/toolchain@\S+; nothing was installed$/,
    );
  });

  it('tiles that do not add up to the signed tree', async () => {
    await refused(
      () => (sumdb.lies.corruptTiles = true),
      /^The checksum database sum\.test\.example served tiles that do not give its signed tree of \d+ records for golang\.org\/toolchain@\S+; nothing was installed$/,
    );
  });

  it('a head of another log (a fork): the tiles served do not give it', async () => {
    // As the go command checks the head it keeps: against the tiles the database serves.
    await refused(
      () => (sumdb.lies.forkLatest = 150),
      /^The checksum database sum\.test\.example served tiles that do not give its signed tree of 150 records for golang\.org\/toolchain@\S+; nothing was installed$/,
    );
  });

  it('heads signed by a key other than the one GOSUMDB names', async () => {
    const other = makeKey('other.example');
    await refused(
      () => undefined,
      /^The checksum database other\.example answered a \/latest that is not signed by the key other\.example\+[0-9a-f]{8} \(signed by "sum\.test\.example"\) for /,
      { GOSUMDB: `${other.verifier} ${sumdb.url}` },
    );
  });
});

describe("GOPROXY's list, as the go command reads it", () => {
  const checkLatest = (GOPROXY: string) =>
    install({
      version: '1.24',
      toolCache: shared,
      inputs: { 'check-latest': 'true' },
      env: { GOPROXY },
    });

  it('off is refused before any request', async () => {
    reset();
    const run = await install({ version: '1.24', env: { GOPROXY: 'off' } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '::error::GOPROXY (goproxy) is off: module downloads are disabled, so go-toolchain-source: proxy cannot fetch Go',
    );
    expect([...proxy.requests, ...sumdb.requests]).toEqual([]);
  });

  it('direct cannot be done, and says so', async () => {
    reset();
    broken.faults.status = 404;
    const run = await checkLatest(`${broken.url},direct`);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `::error::Could not list golang.org/toolchain versions through GOPROXY: ${broken.url} answered HTTP 404; then GOPROXY says direct, which go-toolchain-source: proxy cannot do`,
    );
  });

  it('a comma falls through on 404, not on 403; a pipe falls through on any error', async () => {
    broken.faults.status = 404;
    reset();
    const notFound = await checkLatest(`${broken.url},${proxy.url}`);
    expect(notFound.code, notFound.stdout).toBe(0);
    expect(notFound.stdout).toContain('Go 1.24.4 is already in the tool cache');
    expect(broken.requests.map((r) => r.status)).toEqual([404]);

    broken.faults.status = 403;
    reset();
    const forbidden = await checkLatest(`${broken.url},${proxy.url}`);
    expect(forbidden.code).toBe(1);
    expect(forbidden.stdout).toContain(
      `::error::Could not list golang.org/toolchain versions through GOPROXY: ${broken.url} answered HTTP 403; stopped there (after a comma, GOPROXY tries the next entry only on 404 or 410; a | tries it on any error)`,
    );
    expect(proxy.requests).toEqual([]);

    reset();
    const piped = await checkLatest(`${broken.url}|${proxy.url}`);
    expect(piped.code, piped.stdout).toBe(0);
    expect(proxy.requests.map((r) => r.path)).toEqual([`/${MODULE}/@v/list`]);
  });

  it('GOSUMDB=off is refused before any request: the go command never installs Go unchecked', async () => {
    const envs: Record<string, string>[] = [
      { GOSUMDB: 'off' },
      { GOSUMDB: 'off', GOINSECURE: 'golang.org/toolchain' },
    ];
    for (const env of envs) {
      reset();
      const run = await install({ version: '1.21', env });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(
        '::error::GOSUMDB: "off" turns the checksum database off, and the go command never installs golang.org/toolchain unchecked',
      );
      expect([...proxy.requests, ...sumdb.requests]).toEqual([]);
    }
  });

  it('golang.org/toolchain in GOPRIVATE or GONOPROXY is refused: it would be fetched directly', async () => {
    reset();
    const run = await install({ version: '1.24', env: { GOPRIVATE: 'golang.org' } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '::error::GOPRIVATE (goprivate): "golang.org" matches golang.org/toolchain, so the go command would fetch it directly',
    );
    const ok = await install({
      version: '1.24',
      toolCache: shared,
      env: { GOPRIVATE: 'golang.org', GONOPROXY: 'none', GONOSUMDB: 'none' },
    });
    expect(ok.code, ok.stdout).toBe(0);
  });
});
