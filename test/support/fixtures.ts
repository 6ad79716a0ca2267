// Real Go archives for tests, built once per machine by `bash test/support/go-fixtures.sh`, plus
// tiny synthetic ones so unit tests of the installer and the release server stay fast.
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import {
  chmod,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';

const execFileP = promisify(execFile);

export interface GoFixture {
  /** As go.dev names it: `go1.22.12`. */
  version: string;
  /** `1.22.12` (`go1.20` → `1.20.0`, `go1.21rc2` → `1.21.0-rc.2`, as setup-go spells them). */
  semver: string;
  /** `1.22` */
  minor: string;
  /** The name the release server serves it under: `go1.22.12.linux-amd64.tar.gz`. */
  filename: string;
  /** Where the bytes are on disk (need not be named like `filename`). */
  path: string;
  sha256: string;
  size: number;
}

const RUN_SCRIPT = 'bash test/support/go-fixtures.sh';
const ARCHIVE_RE = /^(go\d+\.\d+(?:\.\d+)?(?:(?:rc|beta)\d+)?)\.linux-amd64\.tar\.gz$/;
const VERSION_RE = /^go(\d+)\.(\d+)(?:\.(\d+))?(?:(rc|beta)(\d+))?$/;

/** Same default as go-fixtures.sh (`${VAR:-default}` treats an empty value as unset, so `||`). */
export function fixturesDir(): string {
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return process.env.GO_FIXTURES_DIR || join(cache, 'go-paas-build', 'fixtures');
}

interface ParsedVersion {
  major: number;
  minor: number;
  patch: number;
  /** 2 = release, 1 = rc, 0 = beta: a pre-release sorts below the release it precedes. */
  stage: number;
  pre: number;
}

function parseGoVersion(version: string): ParsedVersion | undefined {
  const m = VERSION_RE.exec(version);
  if (!m) return undefined;
  const stage = m[4] === 'rc' ? 1 : m[4] === 'beta' ? 0 : 2;
  return { major: +m[1]!, minor: +m[2]!, patch: +(m[3] ?? 0), stage, pre: +(m[5] ?? 0) };
}

/** Orders go.dev version names newest first; names that do not parse go last. */
export function compareGoVersionsDesc(a: string, b: string): number {
  const pa = parseGoVersion(a);
  const pb = parseGoVersion(b);
  if (!pa || !pb) return pa ? -1 : pb ? 1 : a.localeCompare(b);
  const keys = ['major', 'minor', 'patch', 'stage', 'pre'] as const;
  for (const k of keys) if (pa[k] !== pb[k]) return pb[k] - pa[k];
  return 0;
}

function describeVersion(version: string): { semver: string; minor: string } {
  const p = parseGoVersion(version);
  if (!p)
    throw new Error(`not a go.dev version name: ${JSON.stringify(version)} (want e.g. go1.22.12)`);
  const pre = p.stage === 2 ? '' : `-${p.stage === 1 ? 'rc' : 'beta'}.${p.pre}`;
  return { semver: `${p.major}.${p.minor}.${p.patch}${pre}`, minor: `${p.major}.${p.minor}` };
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Write-then-rename, so a concurrent reader (another test worker) never sees half a file. */
async function writeAtomic(path: string, data: string): Promise<void> {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, path);
}

/**
 * sha256 of a big archive, memoised in `<archive>.sha256`. The sidecar is trusted only while the
 * archive's size and mtime are unchanged, so a rebuilt archive is rehashed.
 */
async function memoisedSha256(path: string): Promise<{ sha256: string; size: number }> {
  const st = await stat(path);
  const sidecar = `${path}.sha256`;
  try {
    const memo = JSON.parse(await readFile(sidecar, 'utf8')) as Record<string, unknown>;
    if (memo.size === st.size && memo.mtimeMs === st.mtimeMs && typeof memo.sha256 === 'string') {
      return { sha256: memo.sha256, size: st.size };
    }
  } catch {
    // Missing or unreadable sidecar: hash below.
  }
  const sha256 = await sha256File(path);
  await writeAtomic(sidecar, `${JSON.stringify({ sha256, size: st.size, mtimeMs: st.mtimeMs })}\n`);
  return { sha256, size: st.size };
}

/** The Go archives in fixturesDir(), newest first ([] when the directory does not exist). */
export async function goFixtures(): Promise<GoFixture[]> {
  const dir = fixturesDir();
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const fixtures: GoFixture[] = [];
  // Only exact archive names: the script's in-progress `<archive>.tmp` files must not be listed.
  for (const filename of names) {
    const m = ARCHIVE_RE.exec(filename);
    if (!m) continue;
    const path = join(dir, filename);
    const { sha256, size } = await memoisedSha256(path);
    fixtures.push({ version: m[1]!, ...describeVersion(m[1]!), filename, path, sha256, size });
  }
  return fixtures.sort((a, b) => compareGoVersionsDesc(a.version, b.version));
}

/** The newest fixture of a minor (`1.22`), or an exact one (`1.22.12` / `go1.22.12`). */
export async function goFixture(minor: string): Promise<GoFixture> {
  const want = minor.replace(/^go/, '');
  const all = await goFixtures();
  const found = all.find((f) => f.minor === want || f.semver === want || f.version === `go${want}`);
  if (found) return found;
  const have = all.map((f) => f.version).join(', ') || 'none';
  throw new Error(
    `No Go ${want} fixture archive in ${fixturesDir()} (have: ${have}). ` +
      `Build it once per machine with: ${RUN_SCRIPT} ${want.split('.').slice(0, 2).join('.')}`,
  );
}

/** A fixture for any file, e.g. a small generated archive; it is served as `<version>.linux-amd64.tar.gz`. */
export async function makeFixture(path: string, version: string): Promise<GoFixture> {
  const st = await stat(path);
  const sha256 = await sha256File(path);
  const filename = `${version}.linux-amd64.tar.gz`;
  return { version, ...describeVersion(version), filename, path, sha256, size: st.size };
}

/**
 * A tiny but real go.dev-shaped archive (`go/VERSION`, an executable `go/bin/go` shell script that
 * answers `go version` and `go env GOROOT`), written to `<dir>/<version>.linux-amd64.tar.gz`.
 * `padBytes` adds incompressible `go/pad.bin` bytes, for tests that need a big body.
 */
export async function makeSyntheticGoArchive(
  dir: string,
  version: string,
  opts: { padBytes?: number } = {},
): Promise<GoFixture> {
  describeVersion(version); // validates the name before any file is written
  const stage = await mkdtemp(join(dir, '.stage-'));
  try {
    await mkdir(join(stage, 'go', 'bin'), { recursive: true });
    await writeFile(join(stage, 'go', 'VERSION'), `${version}\ntime 2024-01-01T00:00:00Z\n`);
    const script = [
      '#!/bin/sh',
      'root=$(cd "$(dirname "$0")/.." && pwd)',
      `if [ "$1" = version ]; then echo "go version ${version} linux/amd64"; exit 0; fi`,
      'if [ "$1" = env ] && [ "$2" = GOROOT ]; then echo "$root"; exit 0; fi',
      `echo "synthetic ${version}: unsupported: $*" >&2; exit 2`,
      '',
    ].join('\n');
    await writeFile(join(stage, 'go', 'bin', 'go'), script);
    await chmod(join(stage, 'go', 'bin', 'go'), 0o755);
    if (opts.padBytes) await writeFile(join(stage, 'go', 'pad.bin'), randomBytes(opts.padBytes));
    const out = join(dir, `${version}.linux-amd64.tar.gz`);
    await execFileP('tar', ['-C', stage, '-czf', out, 'go']);
    return await makeFixture(out, version);
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

const extracting = new Map<string, Promise<string>>();

/**
 * A GOROOT extracted once per machine from the fixture of `minor`, at
 * `<fixturesDir>/extracted/<version>/go`, for tests that need a real `go` without the action.
 * Extraction goes to a temp dir renamed into place, so concurrent workers never see half a tree;
 * the loser of a rename race drops its copy and uses the winner's.
 */
export async function extractedGoroot(minor: string): Promise<string> {
  const fixture = await goFixture(minor);
  const root = join(fixturesDir(), 'extracted');
  const final = join(root, fixture.version);
  const goroot = join(final, 'go');
  let pending = extracting.get(final);
  if (!pending) {
    pending = (async () => {
      if (await exists(goroot)) return goroot;
      await mkdir(root, { recursive: true });
      const tmp = await mkdtemp(join(root, `.tmp-${fixture.version}-`));
      try {
        await execFileP('tar', ['-xzf', fixture.path, '-C', tmp], { maxBuffer: 16 << 20 });
        if (!(await exists(join(tmp, 'go')))) {
          throw new Error(`${basename(fixture.path)} has no top-level go/ directory`);
        }
        await rename(tmp, final);
      } catch (err) {
        await rm(tmp, { recursive: true, force: true });
        const code = (err as NodeJS.ErrnoException).code;
        if ((code !== 'ENOTEMPTY' && code !== 'EEXIST') || !(await exists(goroot))) throw err;
      }
      return goroot;
    })();
    extracting.set(final, pending);
    pending.catch(() => extracting.delete(final));
  }
  return pending;
}
