// The output table: each stage's result gives its outputs, in the forms action.yml documents
// (JSON lists, 'true'/'false', '' for what a run did not make), and an artifact's id and URL only
// when one was uploaded; and its part of the run report (the job summary).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordStage, type JobFacts } from '../../src/job-outputs.js';
import { newReport, type RunReport } from '../../src/report/summary.js';

function outputs<S extends keyof JobFacts>(
  stage: S,
  fact: JobFacts[S],
  report: RunReport = newReport(),
): Record<string, string> {
  const set: Record<string, string> = {};
  recordStage({ setOutput: (n, v) => void (set[n] = v) }, report, stage, fact);
  return set;
}

describe('recordStage', () => {
  it('sets a stage’s outputs and no other, and its part of the report', () => {
    const report = newReport();
    const go = { version: '1.24.4', source: 'go.mod', goroot: '/go' };
    expect(
      outputs('toolchain', { ...go, origin: 'download', verified: 'sha256 ok' }, report),
    ).toEqual({ 'go-version': '1.24.4', 'go-version-source': 'go.mod', 'go-root': '/go' });
    expect(report).toMatchObject({ goVersion: '1.24.4', goVerified: 'sha256 ok' });
    outputs('toolchain', { ...go, origin: 'tool-cache' }, report);
    expect(report.goVerified).toBe('found in the tool cache');
    expect(outputs('restored', { modHit: false, buildHit: true, note: 'n' }, report)).toEqual({
      'cache-hit': 'false',
      'build-cache-hit': 'true',
    });
    expect(report.cache).toEqual({ modHit: false, buildHit: true, note: 'n' });
    expect(
      outputs('plan', { versionSource: 'go.mod', method: 'gomod', methodReason: 'r' }, report),
    ).toEqual({});
    expect(report).toMatchObject({ goVersionSource: 'go.mod', buildTool: 'gomod' });
    expect(outputs('packages', ['example.com/a', './cmd/b'])).toEqual({
      packages: '["example.com/a","./cmd/b"]',
    });
  });

  it('names the web binary when there is one, else gives an empty binary; reports their sizes', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'job-outputs-'));
    try {
      fs.mkdirSync(path.join(dir, 'bin'));
      fs.writeFileSync(path.join(dir, 'bin', 'web'), 'x'.repeat(7));
      fs.writeFileSync(path.join(dir, 'bin', 'worker'), '');
      const binaries = ['web', 'worker'].map((b) => path.join(dir, 'bin', b));
      const slug = { dir, binaries, procfile: 'web: bin/web\n' };
      const report = newReport();
      expect(outputs('slug', { ...slug, web: 'web' }, report)).toEqual({
        binaries: JSON.stringify(binaries),
        binary: binaries[0],
        procfile: 'web: bin/web\n',
        'slug-dir': dir,
      });
      expect(report.binaries).toEqual([
        { name: 'web', size: 7 },
        { name: 'worker', size: 0 },
      ]);
      expect(outputs('slug', slug).binary).toBe('');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(outputs('sbom', {})).toEqual({ sbom: '' });
  });

  it('sets artifact-id and artifact-url only when an artifact was uploaded', () => {
    expect(
      outputs('published', { artifact: { uploaded: false, reason: 'upload: false' } }),
    ).toEqual({ 'slug-archive': '', 'slug-sha256': '' });
    expect(
      outputs('published', {
        archive: '/s.tar.gz',
        digest: 'ab'.repeat(32),
        artifact: { uploaded: true, name: 'a', format: 'tgz', id: 7, url: 'https://example/7' },
      }),
    ).toEqual({
      'slug-archive': '/s.tar.gz',
      'slug-sha256': 'ab'.repeat(32),
      'artifact-id': '7',
      'artifact-url': 'https://example/7',
    });
    expect(
      outputs('published', { artifact: { uploaded: true, name: 'a', format: 'tgz' } })[
        'artifact-id'
      ],
    ).toBe('');
  });
});
