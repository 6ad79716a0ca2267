// File names that are not UTF-8 (Linux allows any byte but `/` and NUL, and git commits them),
// run through the bundled action: the slug holds them byte for byte, and so does the tgz artifact
// downloaded back and extracted with GNU tar; a zip artifact, which cannot hold them, is refused in
// one line before any upload; and no name reaches the log as U+FFFD or as a workflow command.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cleanupTempDirs,
  giveToTestUser,
  makeTempDir,
  runAction,
  type RunResult,
} from '../../test/support/action-harness.js';
import {
  HOSTILE_NAMES,
  byteListing,
  bytes,
  makeByteTree,
  under,
} from '../../test/support/byte-names.js';
import { goFixtures } from '../../test/support/fixtures.js';
import { startReleaseServer, type ReleaseServer } from '../../test/support/release-server.js';
import {
  resultsEnv,
  startResultsServer,
  type ResultsServer,
} from '../../test/support/results-server.js';
import { downloadArtifact, runEnv } from './helpers.js';
import {
  SECRET,
  expectNoForgedCommands,
  sandbox,
  snapshot,
  type Sandbox,
} from './hostile-support.js';

let releases: ReleaseServer;
let results: ResultsServer;
let toolCache: string;

beforeAll(async () => {
  releases = await startReleaseServer({ fixtures: await goFixtures() });
  results = await startResultsServer();
  toolCache = await makeTempDir('tc-names-');
});
afterAll(async () => {
  await Promise.all([releases.close(), results.close()]);
  await cleanupTempDirs();
});

/**
 * The tiny app with the hostile names beside its files, a script of its own in bin/ whose name is
 * not UTF-8, a symlink to the victim's secret under such a name, and a `.slugignore` that names
 * one file by its raw byte.
 */
async function hostileApp(): Promise<Sandbox> {
  const s = await sandbox();
  makeByteTree(s.ws, [
    ...HOSTILE_NAMES,
    { path: bytes('bin'), type: 'dir' },
    { path: bytes('bin/tool', 0xff), type: 'file', content: '#!/bin/sh\necho tool\n', mode: 0o755 },
    { path: bytes('drop', 0xff, '.bin'), type: 'file', content: 'left out\n' },
    { path: bytes('out', 0xff), type: 'symlink', target: Buffer.from(`${s.victim}/secret.txt`) },
  ]);
  writeFileSync(under(s.ws, bytes('.slugignore')), bytes('drop', 0xff, '.bin\n'));
  await giveToTestUser(s.root, true);
  return s;
}

async function build(s: Sandbox, inputs: Record<string, string>): Promise<RunResult> {
  return runAction({
    entry: 'main',
    workspace: s.ws,
    toolCache,
    inputs: { 'go-download-base-url': releases.url, 'go-version': '1.24', ...inputs },
    env: await runEnv({ HOME: s.home, ...resultsEnv(results), ACTIONS_CACHE_SERVICE_V2: '' }),
  });
}

const output = (run: RunResult) => `${run.stdout}\n${run.stderr}`;

/**
 * expectNoForgedCommands on a run that uploaded: the artifact client masks the signature of each
 * upload URL it is given (`::add-mask::<hex>` from the loopback service), which is its own and
 * holds no name; every other line is held to the rule.
 */
function expectNothingForgedInUpload(run: RunResult): void {
  const masks = /^::add-mask::[0-9a-f]{16,64}$/;
  const stdout = run.stdout
    .split('\n')
    .filter((l) => !masks.test(l))
    .join('\n');
  expectNoForgedCommands({ ...run, stdout }, []);
}

describe('names that are not UTF-8', () => {
  it('tgz: the slug and the artifact hold every name and link target byte for byte', async () => {
    const s = await hostileApp();
    const before = snapshot(s.victim);
    const run = await build(s, {
      'artifact-name': 'names-tgz',
      sbom: 'spdx',
      'target-glibc': 'heroku-24',
    });
    expect(run.code, output(run)).toBe(0);
    expectNothingForgedInUpload(run);
    // Every name is shown as \xNN: none reaches the log as U+FFFD.
    expect(output(run)).not.toContain('\ufffd');
    expect(run.stdout).toContain('Left out by .slugignore: "drop\\xff.bin"\n');
    expect(run.stdout).toContain('"bin/tool\\xff": not an ELF binary\n');

    // The slug: the app's entries as they are (but what .slugignore names), and ours beside them.
    const slug = run.outputs['slug-dir']!;
    const app = byteListing(s.ws).filter((l) => !l.startsWith('drop') && !l.startsWith('bin/ '));
    const inSlug = byteListing(slug);
    expect(inSlug).toEqual(expect.arrayContaining(app));
    expect(inSlug.filter((l) => l.startsWith('drop'))).toEqual([]);
    expect(inSlug.map((l) => l.split(' ')[0])).toEqual(
      expect.arrayContaining(['bin/tiny', 'bin/tool\\xff', 'Procfile', '.profile.d/go.sh']),
    );
    expect(inSlug).toContain(`out\\xff -> ${s.victim}/secret.txt`);

    // The artifact, downloaded back as a later job would, extracted by GNU tar without a warning.
    const id = Number(run.outputs['artifact-id']);
    const dir = await downloadArtifact(results, id);
    const [name] = readdirSync(dir);
    const archive = path.join(dir, name!);
    const sum = createHash('sha256').update(readFileSync(archive)).digest('hex');
    expect(sum).toBe(run.outputs['slug-sha256']);
    const x = await makeTempDir('names-x-');
    const tar = spawnSync('tar', ['-xzf', archive, '-C', x]);
    expect(tar.status, tar.stderr.toString()).toBe(0);
    expect(tar.stderr.toString()).toBe('');
    expect(byteListing(x)).toEqual(inSlug);
    // Its name is no string a child process takes: the shell's glob finds it.
    expect(execFileSync('sh', ['-c', 'exec ./bin/tool*'], { cwd: x }).toString()).toBe('tool\n');

    // The symlink out is a link in the archive: the secret's bytes are nowhere in it.
    expect(gunzipSync(readFileSync(archive)).includes(Buffer.from(SECRET))).toBe(false);
    expect(snapshot(s.victim)).toBe(before);

    // The SBOM lists the binary the build made; the app's own files are not in it.
    const sbom = readFileSync(run.outputs.sbom!, 'utf8');
    expect(sbom).toContain('bin/tiny');
    expect(sbom).not.toContain('bin/tool');
    expect(sbom).not.toContain('\ufffd');
  });

  it('zip: refused in one line naming the first such file and the way out, before any upload', async () => {
    const s = await hostileApp();
    const uploaded = results.artifacts().length;
    results.resetLog();
    const run = await build(s, { 'artifact-format': 'zip' });
    expect(run.code).toBe(1);
    // Sorted, `\n::error::forged<ff>` comes first; six more files have such names (one is
    // bin/tool<ff>; the symlink is not uploaded, drop<ff>.bin is ignored).
    expectNoForgedCommands(run, [
      `artifact-format: zip cannot hold the slug's file "\\n:\\u003aerror:\\u003aforged\\xff" (and 6 other files): its name is not UTF-8, and a zip artifact holds UTF-8 names only; use artifact-format: tgz, which keeps every name byte for byte, or leave them out with .slugignore`,
    ]);
    expect(output(run)).not.toContain('\ufffd');
    expect(results.artifacts()).toHaveLength(uploaded);
    expect(results.requests.filter((r) => r.service === 'artifact')).toEqual([]);
  });

  it('zip: a UTF-8 name the artifact service refuses (":", "::error::") is refused the same way', async () => {
    const s = await sandbox({ files: { 'notes::error::x.txt': 'x\n' } });
    const uploaded = results.artifacts().length;
    const run = await build(s, { 'artifact-format': 'zip' });
    expect(run.code).toBe(1);
    expectNoForgedCommands(run, [
      `artifact-format: zip cannot hold the slug's file "notes:\\u003aerror:\\u003ax.txt": the artifact service refuses " : < > | * ? and line breaks in file names; use artifact-format: tgz, which keeps every name byte for byte, or leave it out with .slugignore`,
    ]);
    expect(results.artifacts()).toHaveLength(uploaded);
    // The same app with tgz: the name is kept as it is.
    const tgz = await build(s, { 'artifact-name': 'names-colon' });
    expect(tgz.code, output(tgz)).toBe(0);
    expectNothingForgedInUpload(tgz);
    expect(
      byteListing(tgz.outputs['slug-dir']!).some((l) => l.startsWith('notes::error::x.txt ')),
    ).toBe(true);
  });
});
