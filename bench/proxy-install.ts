// go-toolchain-source: proxy against `curl -o` + `unzip` of the same golang.org/toolchain zip,
// from the same loopback proxy (test/support/toolchain-proxy.ts), alternating, median of N runs:
//
//     node --import ./scripts/ts-loader.mjs bench/proxy-install.ts [minor=1.24] [runs=5]
//
// The install runs in its own process (timed inside, so Node's start-up is not counted), so the
// proxy's event loop is not the installer's. Set TMPDIR=/dev/shm to keep a noisy disk out of it.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Logger } from '../src/runtime/ports.js';
import { installFromProxy } from '../src/toolchain/proxy-install.js';
import { goFixture } from '../test/support/fixtures.js';
import { startToolchainProxy, toolchainZip } from '../test/support/toolchain-proxy.js';
import { median } from './stats.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const quiet: Logger = {
  info: () => undefined,
  debug: () => undefined,
  notice: () => undefined,
  warning: () => undefined,
  group: (_title, fn) => fn(),
};

/** The child: one install into `toolCache`, printing its duration in ms. */
async function child(args: string[]): Promise<void> {
  const [url, moduleVersion, semver, goVersion, toolCache] = args as [
    string,
    string,
    string,
    string,
    string,
  ];
  const started = performance.now();
  await installFromProxy({
    version: semver,
    file: {
      filename: moduleVersion,
      os: 'linux',
      arch: 'amd64',
      version: goVersion,
      sha256: '',
      kind: 'module',
    },
    proxy: { proxies: [{ kind: 'url', url, fallBackOnError: false }], unchecked: 'bench' },
    toolCache,
    goArch: 'amd64',
    log: quiet,
  });
  process.stdout.write(`${performance.now() - started}\n`);
}

async function main(minor: string, runs: number): Promise<void> {
  const fixture = await goFixture(minor);
  const zip = await toolchainZip(fixture);
  const server = await startToolchainProxy({ list: [fixture.version], zips: [zip] });
  const url = `${server.url}/golang.org/toolchain/@v/${zip.moduleVersion}.zip`;
  const curl: number[] = [];
  const proxy: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const a = mkdtempSync(path.join(os.tmpdir(), 'bench-curl-'));
      const started = performance.now();
      await run('sh', [
        '-c',
        'curl -sf -o "$1/z.zip" "$2" && unzip -q "$1/z.zip" -d "$1/out"',
        'sh',
        a,
        url,
      ]);
      curl.push(performance.now() - started);
      rmSync(a, { recursive: true, force: true });
      const b = mkdtempSync(path.join(os.tmpdir(), 'bench-proxy-'));
      const args = [server.url, zip.moduleVersion, fixture.semver, fixture.version, b];
      const out = await run(
        process.execPath,
        ['--import', './scripts/ts-loader.mjs', 'bench/proxy-install.ts', '--child', ...args],
        { cwd: ROOT },
      );
      proxy.push(Number(out.stdout.trim()));
      rmSync(b, { recursive: true, force: true });
    }
  } finally {
    await server.close();
  }
  const s = (xs: number[]) => xs.map((x) => (x / 1000).toFixed(2)).join(' ');
  const m = (xs: number[]) => (median(xs) / 1000).toFixed(2);
  console.log(
    `${zip.moduleVersion}.zip, ${(zip.size / 2 ** 20).toFixed(1)} MiB, ${runs} runs each`,
  );
  console.log(`curl -o + unzip -q: ${s(curl)} s, median ${m(curl)} s`);
  console.log(`proxy install:      ${s(proxy)} s, median ${m(proxy)} s`);
  console.log(
    `ratio of medians:   ${(median(proxy) / median(curl)).toFixed(2)}x (target <= 1.15x)`,
  );
}

const argv = process.argv.slice(2);
await (argv[0] === '--child'
  ? child(argv.slice(1))
  : main(argv[0] ?? '1.24', Number(argv[1] ?? 5)));
