// Runs test/support/sumdb-diff/main.go, our program that answers checksum-database questions
// with golang.org/x/mod's own code: the copy vendored in a Go fixture
// (`src/cmd/vendor/golang.org/x/mod`), made a module of its own in a temporary directory and
// wired in with a `replace`, built offline with that Go.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { makeTempDir } from './action-harness.js';
import { extractedGoroot, fixturesDir } from './fixtures.js';

const execFileP = promisify(execFile);
const PROGRAM = fileURLToPath(new URL('./sumdb-diff/main.go', import.meta.url));

export interface GoVector {
  kind: 'key' | 'name' | 'gosumdb' | 'note' | 'tree' | 'record' | 'lookup';
  text?: string;
  name?: string;
  value?: string;
  key?: string;
  /** base64 */
  msg?: string;
  /** base64: the tree head the go command kept from earlier runs ('' for none). */
  latest?: string;
  /** path → base64 */
  remote?: Record<string, string>;
  module?: string;
  version?: string;
  h1?: string;
}

export interface GoAnswer {
  ok: boolean;
  err?: string;
  name?: string;
  hash?: number;
  text?: string;
  n?: string;
  rest?: string;
  url?: string;
}

/** Builds the program against the x/mod of the Go fixture `minor`; returns how to run it. */
export async function buildSumdbDiff(
  minor: string,
): Promise<(vectors: GoVector[]) => Promise<GoAnswer[]>> {
  const goroot = await extractedGoroot(minor);
  const dir = await makeTempDir('sumdb-diff-');
  const xmod = path.join(dir, 'xmod');
  cpSync(path.join(goroot, 'src', 'cmd', 'vendor', 'golang.org', 'x', 'mod'), xmod, {
    recursive: true,
  });
  writeFileSync(path.join(xmod, 'go.mod'), 'module golang.org/x/mod\n\ngo 1.24\n');
  const prog = path.join(dir, 'prog');
  mkdirSync(prog);
  cpSync(PROGRAM, path.join(prog, 'main.go'));
  writeFileSync(
    path.join(prog, 'go.mod'),
    // The go directive of the Go under test: the GODEBUG defaults (net/url's urlstrictcolons
    // among them) are then those of the go command it ships.
    `module sumdbdiff\n\ngo ${minor}\n\nrequire golang.org/x/mod v0.0.0\n\nreplace golang.org/x/mod => ../xmod\n`,
  );
  const env = {
    PATH: `${path.join(goroot, 'bin')}:${process.env.PATH ?? ''}`,
    HOME: dir,
    GOROOT: goroot,
    GOTOOLCHAIN: 'local',
    GOFLAGS: '-mod=mod',
    GONOSUMDB: '*',
    GOSUMDB: 'off',
    GOPROXY: 'off',
    GOPATH: path.join(dir, 'gopath'),
    // Kept between runs: the build of the program and of x/mod takes a while on two cores.
    GOCACHE: path.join(fixturesDir(), 'gocache-sumdb-diff'),
  };
  const bin = path.join(dir, 'sumdb-diff');
  await execFileP(path.join(goroot, 'bin', 'go'), ['build', '-o', bin, '.'], { cwd: prog, env });
  return async (vectors) => {
    const file = path.join(dir, `vectors-${Date.now()}.json`);
    writeFileSync(file, JSON.stringify(vectors));
    const { stdout } = await execFileP(bin, [file], { maxBuffer: 256 << 20 });
    return JSON.parse(stdout) as GoAnswer[];
  };
}
