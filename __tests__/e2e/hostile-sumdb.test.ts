// The hostile suite for the checksum database (go-toolchain-source: proxy), on the bundled
// action: what the go command refuses is refused before any download (GOSUMDB=off, a database
// name that is not host[/path]); what it checks is checked whatever GONOSUMDB/GOPRIVATE say;
// credentials in a GOSUMDB URL are sent as basic auth (and not across a redirect to another
// host) and never printed; credentials in a goproxy list that is refused never reach the log.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpsServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cleanupTempDirs,
  makeTempDir,
  runAction,
  type RunResult,
} from '../../test/support/action-harness.js';
import { goFixture } from '../../test/support/fixtures.js';
import { zipBytes } from '../../test/support/goproxy.js';
import { makeKey, startSumDb, type SumDbServer } from '../../test/support/sumdb-server.js';
import {
  MODULE,
  startToolchainProxy,
  toolchainZip,
  type ToolchainProxyServer,
  type ToolchainZip,
} from '../../test/support/toolchain-proxy.js';
import { runEnv } from './helpers.js';
import { expectNoForgedCommands, filesUnder, sandbox, snapshot } from './hostile-support.js';

let sumdb: SumDbServer;
let proxy: ToolchainProxyServer;
let go121: ToolchainZip;

beforeAll(async () => {
  go121 = await toolchainZip(await goFixture('1.21'));
  sumdb = await startSumDb();
  sumdb.add(MODULE, go121.moduleVersion, go121.h1, go121.modH1);
  proxy = await startToolchainProxy({ list: [go121.goVersion], zips: [go121], sumdb });
}, 300_000);

afterAll(async () => {
  await Promise.all([sumdb?.close(), proxy?.close(), tls?.close()]);
  await cleanupTempDirs();
});

function reset(): void {
  proxy.requests.splice(0);
  sumdb.requests.splice(0);
  proxy.faults.zipFile = undefined;
  proxy.faults.noSumdb = undefined;
}

async function install(env: Record<string, string>, inputs: Record<string, string> = {}) {
  const s = await sandbox();
  const toolCache = await makeTempDir('tc-hostile-sumdb-');
  const before = snapshot(s.victim);
  const run = await runAction({
    entry: 'main',
    workspace: s.ws,
    toolCache,
    inputs: { 'go-toolchain-source': 'proxy', 'go-version': '1.21', upload: 'false', ...inputs },
    env: await runEnv({
      HOME: s.home,
      GOPROXY: proxy.url,
      GOSUMDB: sumdb.gosumdb,
      GONOSUMDB: '',
      ...env,
    }),
  });
  expect(snapshot(s.victim)).toBe(before);
  return { run, toolCache };
}

/** Every line the step printed, but the masks it registered. */
const printed = (run: RunResult): string =>
  `${run.stdout}\n${run.stderr}`
    .split(/\r\n|\r|\n/)
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');
const masks = (run: RunResult): string[] =>
  run.stdout
    .split('\n')
    .filter((l) => l.startsWith('::add-mask::'))
    .map((l) => l.slice('::add-mask::'.length));

describe('what the go command refuses is refused before any download', () => {
  it.each([
    [{ GOSUMDB: 'off' }],
    [{ GOSUMDB: 'off', GONOSUMDB: 'golang.org/toolchain' }],
    [{ GOSUMDB: 'off', GOPRIVATE: 'golang.org', GONOPROXY: 'none', GOINSECURE: '*' }],
  ])('%j', async (env) => {
    reset();
    const { run, toolCache } = await install(env);
    expect(run.code).toBe(1);
    expectNoForgedCommands(run, [
      'GOSUMDB: "off" turns the checksum database off, and the go command never installs golang.org/toolchain unchecked ("checksum database disabled by GOSUMDB=off"); unset GOSUMDB, or set it to sum.golang.org or to your database (name+hash+key https://host/path)',
    ]);
    expect([...proxy.requests, ...sumdb.requests]).toEqual([]);
    expect(filesUnder(toolCache)).toEqual([]);
  });

  it.each([
    ['sum.example/../x', 'it holds . or .. as a path segment'],
    ['evil.example/../../sumdb/sum.golang.org', 'it holds . or .. as a path segment'],
    ['u@sum.example', 'the go command refuses it'],
    ['sum.example?x', 'the go command refuses it'],
    ['sum.example/', 'the go command refuses it'],
    ['/sum.example', 'the go command refuses it'],
    ['sum.example#', 'it holds % or #'],
    ['sum.example/%2e%2e', 'the go command refuses it'],
  ])('a key named %j (not host[/path])', async (name, why) => {
    reset();
    const key = makeKey(name).verifier;
    const { run } = await install({ GOSUMDB: key });
    expect(run.code).toBe(1);
    expectNoForgedCommands(run, [
      `GOSUMDB: the key ${JSON.stringify(key)} is named ${JSON.stringify(name)}, which is not host[/path] (${why}); name the key after the database's address, as in sum.golang.org`,
    ]);
    expect([...proxy.requests, ...sumdb.requests]).toEqual([]);
  });
});

describe('GONOSUMDB and GOPRIVATE do not turn the check off for golang.org/toolchain', () => {
  it.each([
    [{ GONOSUMDB: 'golang.org/toolchain' }],
    [{ GONOSUMDB: '*' }],
    [{ GOPRIVATE: 'golang.org', GONOPROXY: 'none' }],
  ])('%j: a zip that is not the recorded one is refused', async (env) => {
    reset();
    const dir = await makeTempDir('fake-go-');
    const prefix = `${MODULE}@${go121.moduleVersion}/`;
    writeFileSync(
      path.join(dir, 'fake.zip'),
      zipBytes([
        { name: `${prefix}VERSION`, data: Buffer.from(`${go121.goVersion}\n`) },
        { name: `${prefix}bin/go`, data: Buffer.from('#!/bin/sh\necho evil\n') },
      ]),
    );
    proxy.faults.zipFile = path.join(dir, 'fake.zip');
    const { run, toolCache } = await install(env);
    expect(run.code).toBe(1);
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(
      /^Checksum mismatch for golang\.org\/toolchain@\S+: sum\.test\.example records h1:\S+, the zip from \S+ hashes to h1:\S+; nothing was installed$/,
    );
    expect(run.annotations.filter((a) => a.level === 'warning')).toEqual([]);
    expect(sumdb.requests.map((r) => r.path)).toContain(`/lookup/${MODULE}@${go121.moduleVersion}`);
    expect(filesUnder(toolCache)).toEqual([]);
  });
});

/** An https front for the database: checks basic auth, redirects tiles to another host name. */
interface TlsFront {
  url: string;
  ca: string;
  requests: Array<{ host: string; path: string; authorization?: string }>;
  close(): Promise<void>;
}
let tls: TlsFront | undefined;

async function startTlsFront(target: string, user: string, password: string): Promise<TlsFront> {
  const dir = await makeTempDir('tls-');
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ],
    { stdio: 'ignore' },
  );
  const requests: TlsFront['requests'] = [];
  const expected = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  let port = 0;
  const server: Server = createHttpsServer(
    { key: readFileSync(key), cert: readFileSync(cert) },
    (req, res) => {
      const host = (req.headers.host ?? '').split(':')[0]!;
      requests.push({ host, path: req.url ?? '', authorization: req.headers.authorization });
      const onOther = host === 'localhost';
      if (!onOther && req.headers.authorization !== expected) {
        res.writeHead(401).end('credentials needed\n');
        return;
      }
      // Tiles are public: they are served at another host name, which gets no credentials.
      if (!onOther && req.url?.startsWith('/db/tile/')) {
        res.writeHead(302, { location: `https://localhost:${port}${req.url}` }).end();
        return;
      }
      fetch(`${target}${(req.url ?? '').replace(/^\/db/, '')}`)
        .then(async (up) => {
          res.writeHead(up.status).end(Buffer.from(await up.arrayBuffer()));
        })
        .catch(() => res.writeHead(502).end());
    },
  );
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  port = (server.address() as AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}/db`,
    ca: cert,
    requests,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}

describe('credentials in a GOSUMDB URL', () => {
  it('are sent as basic auth, dropped on a redirect to another host, and never printed', async () => {
    reset();
    const password = 's3cret-sumdb-pass';
    tls = await startTlsFront(sumdb.url, 'ci', password);
    const gosumdb = `${sumdb.key.verifier} ${tls.url.replace('https://', `https://ci:${password}@`)}`;
    const { run } = await install({ GOSUMDB: gosumdb, NODE_EXTRA_CA_CERTS: tls.ca });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const basic = `Basic ${Buffer.from(`ci:${password}`).toString('base64')}`;
    const direct = tls.requests.filter((r) => r.host === '127.0.0.1');
    const redirected = tls.requests.filter((r) => r.host === 'localhost');
    expect(direct.map((r) => r.path)).toEqual(
      expect.arrayContaining(['/db/latest', `/db/lookup/${MODULE}@${go121.moduleVersion}`]),
    );
    expect(direct.every((r) => r.authorization === basic)).toBe(true);
    expect(redirected.length).toBeGreaterThan(0);
    expect(redirected.every((r) => r.authorization === undefined)).toBe(true);
    // Reached at its URL, never through the proxy.
    expect(proxy.requests.map((r) => r.path).filter((p) => p.startsWith('/sumdb/'))).toEqual([]);
    expect(masks(run)).toEqual(expect.arrayContaining([password, basic.slice(6)]));
    const shown = [printed(run), JSON.stringify(run.outputs), run.summary].join('\n');
    expect(shown).not.toContain(password);
    expect(shown).not.toContain(basic.slice(6));
    expect(run.stdout).toContain(`(${tls.url})`);
  });
});

describe('credentials in a goproxy list that is refused', () => {
  it.each([
    ['user:s3cret-proxy@bad host,direct', '***@bad host'],
    ['https://u:s3cret-proxy@bad host,direct', 'https://***@bad host'],
    ['https://proxy.invalid|u:s3cret-proxy@[bad,off', '***@[bad'],
  ])('%j', async (goproxy, shown) => {
    reset();
    const { run } = await install({}, { goproxy });
    expect(run.code).toBe(1);
    expect(run.annotations.filter((a) => a.level === 'error').map((a) => a.message)).toEqual([
      `GOPROXY (goproxy): ${JSON.stringify(shown)} is not a proxy URL; use https://host/path, direct or off`,
    ]);
    expect(masks(run)).toContain('s3cret-proxy');
    expect([printed(run), JSON.stringify(run.outputs), run.summary].join('\n')).not.toContain(
      's3cret-proxy',
    );
    expect([...proxy.requests, ...sumdb.requests]).toEqual([]);
  });
});
