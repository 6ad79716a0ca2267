import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cleanupTempDirs,
  makeTempDir,
  runAction,
  type RunResult,
} from '../../test/support/action-harness.js';
import { goFixtures } from '../../test/support/fixtures.js';
import { startReleaseServer, type ReleaseServer } from '../../test/support/release-server.js';
import {
  resultsEnv,
  startResultsServer,
  type ResultsServer,
} from '../../test/support/results-server.js';
import { downloadArtifact, runEnv, workspaceWith } from './helpers.js';

/**
 * The slug as a workflow artifact: the bundled main step uploads it to the loopback artifact
 * service, and the test downloads it back through the service's own download path with the real
 * @actions/artifact client, as a later job (or `actions/download-artifact`) would.
 */
let releases: ReleaseServer;
let results: ResultsServer;
let toolCache: string;

beforeAll(async () => {
  releases = await startReleaseServer({ fixtures: await goFixtures() });
  results = await startResultsServer();
  toolCache = await makeTempDir('tc-artifact-');
});
afterAll(async () => {
  await Promise.all([releases.close(), results.close()]);
  await cleanupTempDirs();
});

async function build(
  app: string,
  inputs: Record<string, string> = {},
  env: Record<string, string> = {},
  prepare?: (ws: string) => void,
): Promise<RunResult> {
  const ws = await workspaceWith(app);
  prepare?.(ws);
  return runAction({
    entry: 'main',
    workspace: ws,
    toolCache,
    inputs: { 'go-download-base-url': releases.url, 'go-version': '1.24', ...inputs },
    env: await runEnv({ ...resultsEnv(results), ACTIONS_CACHE_SERVICE_V2: '', ...env }),
  });
}

function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => statSync(path.join(dir, f)).isFile())
    .sort();
}

const ok = (r: RunResult) => expect(r.code, r.stdout + r.stderr).toBe(0);

describe('the slug as a workflow artifact', () => {
  it('tgz: one tarball, uploaded as is, whose bin/* run and whose Procfile matches', async () => {
    const run = await build('two-binaries', { 'retention-days': '7', package: './cmd/...' });
    ok(run);
    const id = Number(run.outputs['artifact-id']);
    expect(id).toBeGreaterThan(0);
    expect(run.outputs['artifact-url']).toBe(
      `https://github.com/owner/app/actions/runs/4242/artifacts/${id}`,
    );
    const archive = run.outputs['slug-archive']!;
    const name = path.basename(archive);
    expect(name).toMatch(/^ws-two-binaries-[\w]+-linux-amd64-go1\.24\.4\.tar\.gz$/);

    const stored = results.artifacts().find((a) => a.id === id)!;
    expect(stored.name).toBe(name);
    expect(stored.finalized).toBe(true);
    expect(stored.expiresAt).toBeDefined();
    const days = (Date.parse(stored.expiresAt!) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThan(7.1);

    const dir = await downloadArtifact(results, id);
    expect(readdirSync(dir)).toEqual([name]);
    const out = await makeTempDir('slug-');
    execFileSync('tar', ['-xzf', path.join(dir, name), '-C', out]);
    // The app's files beside the binaries (app-files), and Heroku's profile script.
    expect(filesUnder(out)).toEqual([
      '.profile.d/go.sh',
      'Procfile',
      'bin/api',
      'bin/worker',
      'cmd/api/main.go',
      'cmd/worker/main.go',
      'go.mod',
    ]);
    for (const bin of ['api', 'worker']) {
      expect(statSync(path.join(out, 'bin', bin)).mode & 0o111).toBe(0o111);
      expect(execFileSync(path.join(out, 'bin', bin)).toString()).toContain(bin);
    }
    expect(readFileSync(path.join(out, 'Procfile'), 'utf8')).toBe(run.outputs['procfile']);
    const listing = execFileSync('tar', ['-tvzf', path.join(dir, name)]).toString();
    expect(listing).toMatch(/^-rwxr-xr-x 0\/0 .* bin\/api$/m);
    // slug-sha256 is the digest of the archive written, and of the one uploaded.
    const sum = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
    expect(run.outputs['slug-sha256']).toMatch(/^[0-9a-f]{64}$/);
    expect(sum(archive)).toBe(run.outputs['slug-sha256']);
    expect(sum(path.join(dir, name))).toBe(run.outputs['slug-sha256']);
  });

  it('zip: the same files, zipped by the service, with a warning that modes are lost', async () => {
    // A symlink of the app (here to a file outside it) cannot go in a zip: it is left out, warned.
    const outside = path.join(await makeTempDir('outside-'), 'secret.txt');
    writeFileSync(outside, 'SECRET-outside-the-slug\n');
    const run = await build(
      'two-binaries',
      { 'artifact-format': 'zip', package: './cmd/...' },
      {},
      (ws) => symlinkSync(outside, path.join(ws, 'link.txt')),
    );
    ok(run);
    expect(run.annotations.map((a) => a.message)).toContain(
      `artifact-format: zip leaves out the slug's 1 symlink(s) (link.txt): a zip artifact would hold what they point to instead; use artifact-format: tgz to keep them`,
    );
    expect(run.outputs['slug-archive']).toBe('');
    expect(run.annotations.map((a) => a.message).join('\n')).toContain(
      'artifact-format: zip: the artifact service zips the files without their modes',
    );
    const id = Number(run.outputs['artifact-id']);
    const stored = results.artifacts().find((a) => a.id === id)!;
    expect(stored.mimeType).toBe('application/zip');
    const dir = await downloadArtifact(results, id);
    const slugFiles = filesUnder(run.outputs['slug-dir']!).filter((f) => f !== 'link.txt');
    expect(filesUnder(dir)).toEqual(slugFiles);
    expect(filesUnder(dir)).not.toContain('link.txt');
  });

  it('two matrix cells with default names do not collide; the same cell twice does, clearly', async () => {
    const a = await build('tiny', { 'go-version': '1.23' }, { GITHUB_RUN_ID: '5001' });
    const b = await build('tiny', { 'go-version': '1.24' }, { GITHUB_RUN_ID: '5001' });
    ok(a);
    ok(b);
    expect(a.outputs['artifact-id']).not.toBe(b.outputs['artifact-id']);
    expect(path.basename(a.outputs['slug-archive']!)).toMatch(/-go1\.23\.5\.tar\.gz$/);
    expect(path.basename(b.outputs['slug-archive']!)).toMatch(/-go1\.24\.4\.tar\.gz$/);

    const again = await build('tiny', { 'artifact-name': 'fixed-name' });
    ok(again);
    const clash = await build('tiny', { 'artifact-name': 'fixed-name' });
    expect(clash.code).toBe(1);
    const errors = clash.annotations.filter((x) => x.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/^Uploading artifact fixed-name\.tar\.gz failed: .*409/);
  });

  it('an upload fault fails the step with the service reason in one line', async () => {
    results.faults.artifactStatus = { status: 403, msg: 'artifact storage quota exceeded' };
    try {
      const run = await build('tiny');
      expect(run.code).toBe(1);
      const errors = run.annotations.filter((x) => x.level === 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0]!.message).toMatch(
        /^Uploading artifact \S+\.tar\.gz failed: .*\(403\) Forbidden: artifact storage quota exceeded/,
      );
    } finally {
      delete results.faults.artifactStatus;
    }
  });

  it('upload: false packs nothing unless pack-slug asks; without a token nothing is uploaded', async () => {
    const before = results.artifacts().length;
    const off = await build('tiny', { upload: 'false' });
    ok(off);
    expect(off.outputs['slug-archive']).toBe('');
    expect(off.outputs['slug-sha256']).toBe('');
    expect(readdirSync(path.dirname(off.outputs['slug-dir']!))).toEqual([
      path.basename(off.outputs['slug-dir']!),
    ]);
    expect(off.outputs['artifact-id']).toBeUndefined();
    const packed = await build('tiny', { upload: 'false', 'pack-slug': 'true' });
    ok(packed);
    const archive = packed.outputs['slug-archive']!;
    expect(path.dirname(archive)).toBe(path.dirname(packed.outputs['slug-dir']!));
    expect(createHash('sha256').update(readFileSync(archive)).digest('hex')).toBe(
      packed.outputs['slug-sha256'],
    );
    expect(packed.outputs['artifact-id']).toBeUndefined();
    const noToken = await build('tiny', {}, { ACTIONS_RUNTIME_TOKEN: '' });
    ok(noToken);
    expect(noToken.stdout).toMatch(
      /Not uploaded: no artifact service for this step .*; the slug is at \//,
    );
    expect(results.artifacts()).toHaveLength(before);
  });

  it('reproducible: the same sources in two workspaces give the same archive, byte for byte', async () => {
    const same = { upload: 'false', 'pack-slug': 'true' };
    const [a, b] = [
      await build('tiny', { ...same, reproducible: 'true' }),
      await build('tiny', { ...same, reproducible: 'true' }),
    ];
    ok(a);
    ok(b);
    expect(a.outputs['slug-dir']).not.toBe(b.outputs['slug-dir']);
    expect(a.outputs['slug-sha256']).toMatch(/^[0-9a-f]{64}$/);
    expect(b.outputs['slug-sha256']).toBe(a.outputs['slug-sha256']);
    const sum = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
    expect(sum(b.outputs['slug-archive']!)).toBe(sum(a.outputs['slug-archive']!));
    // Without it, each binary holds its workspace's path: the archives differ.
    const [c, d] = [await build('tiny', same), await build('tiny', same)];
    ok(c);
    ok(d);
    expect(d.outputs['slug-sha256']).not.toBe(c.outputs['slug-sha256']);
  });

  it('writes a job summary with the real values of the run', async () => {
    const run = await build('two-binaries', { package: './cmd/...' });
    ok(run);
    const s = run.summary;
    expect(s).toContain('### go-paas-build built the slug');
    expect(s).toContain('| Go | `1.24.4` from input |');
    expect(s).toMatch(/\| Build tool \| `gomod` \(go\.mod found in the app root\) \|/);
    for (const bin of ['api', 'worker']) {
      const size = statSync(path.join(run.outputs['slug-dir']!, 'bin', bin)).size;
      expect(s).toContain(`\`bin/${bin}\` ${(size / (1024 * 1024)).toFixed(1)} MiB`);
    }
    expect(s).toContain('| Caches | module cache: miss, build cache: miss (no cache service) |');
    const id = run.outputs['artifact-id']!;
    expect(s).toContain(`(https://github.com/owner/app/actions/runs/4242/artifacts/${id})`);
    for (const phase of ['Resolve', 'Install Go', 'Restore caches', 'Build', 'Slug', 'Upload'])
      expect(s).toMatch(new RegExp(`^\\| ${phase} \\| \\d+\\.\\d s \\|$`, 'm'));
    expect(s).toContain(run.outputs['procfile']!.trimEnd().split('\n')[0]!);
  });

  it('a failed build still writes a summary naming the failure and the failed phase', async () => {
    const run = await build('duplicate-names');
    expect(run.code).toBe(1);
    expect(run.summary).toContain('### go-paas-build failed');
    expect(run.summary).toMatch(/^\| Build \(failed\) \| \d+\.\d s \|$/m);
  });
});
