// The output table: each stage's result gives its outputs, in the forms action.yml documents
// (JSON lists, 'true'/'false', '' for what a run did not make), and an artifact's id and URL only
// when one was uploaded.
import { describe, expect, it } from 'vitest';
import { recordStage, type JobFacts } from '../../src/job-outputs.js';

function outputs<S extends keyof JobFacts>(stage: S, fact: JobFacts[S]): Record<string, string> {
  const set: Record<string, string> = {};
  recordStage({ setOutput: (n, v) => void (set[n] = v) }, stage, fact);
  return set;
}

describe('recordStage', () => {
  it('sets a stage’s outputs and no other', () => {
    expect(outputs('toolchain', { version: '1.24.4', source: 'go.mod', goroot: '/go' })).toEqual({
      'go-version': '1.24.4',
      'go-version-source': 'go.mod',
      'go-root': '/go',
    });
    expect(outputs('restored', { modHit: false, buildHit: true })).toEqual({
      'cache-hit': 'false',
      'build-cache-hit': 'true',
    });
    expect(outputs('packages', ['example.com/a', './cmd/b'])).toEqual({
      packages: '["example.com/a","./cmd/b"]',
    });
  });

  it('names the web binary when there is one, else gives an empty binary', () => {
    const slug = {
      dir: '/s',
      binaries: ['/s/bin/web', '/s/bin/worker'],
      procfile: 'web: bin/web\n',
    };
    expect(outputs('slug', { ...slug, web: 'web' })).toEqual({
      binaries: '["/s/bin/web","/s/bin/worker"]',
      binary: '/s/bin/web',
      procfile: 'web: bin/web\n',
      'slug-dir': '/s',
    });
    expect(outputs('slug', slug).binary).toBe('');
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
