import { describe, expect, it } from 'vitest';
import { glibcTarget } from '../../src/check/glibc.js';
import { checkPlan, defaultArtifactName } from '../../src/plan/parts.js';
import { MAX_ARTIFACT_NAME_BYTES } from '../../src/publish/artifact-name.js';

const host = { goos: 'linux', goarch: 'amd64' };
const target = (
  appDir: string,
  over: { goos?: string; goarch?: string; architecture?: string },
) => ({
  appDir,
  host,
  architecture: over.architecture ?? 'amd64',
  goos: over.goos,
  goarch: over.goarch,
});

describe('defaultArtifactName', () => {
  const CASES: [string, string, Parameters<typeof target>[1], string][] = [
    ['the machine’s target', '/ws/myapp', {}, 'myapp-linux-amd64-go1.24.4'],
    [
      'goos and goarch given',
      '/ws/myapp',
      { goos: 'darwin', goarch: 'arm64' },
      'myapp-darwin-arm64-go1.24.4',
    ],
    [
      'the architecture installed when no goarch',
      '/ws/myapp',
      { architecture: 'arm64' },
      'myapp-linux-arm64-go1.24.4',
    ],
    [
      'a folder name with spaces and a slash-like char',
      '/ws/my app:v2',
      {},
      'my-app-v2-linux-amd64-go1.24.4',
    ],
    ['dots only become app', '/ws/..', {}, 'app-linux-amd64-go1.24.4'],
    ['the workspace root', '/', {}, 'app-linux-amd64-go1.24.4'],
    ['non-ASCII letters', '/ws/café', {}, 'caf--linux-amd64-go1.24.4'],
  ];
  for (const [what, dir, over, want] of CASES) {
    it(what, () => expect(defaultArtifactName(target(dir, over), '1.24.4')).toBe(want));
  }

  it('clips the app part, never the target, to the artifact name limit', () => {
    const name = defaultArtifactName(target(`/ws/${'a'.repeat(300)}`, {}), '1.24.4');
    expect(Buffer.byteLength(name)).toBe(MAX_ARTIFACT_NAME_BYTES);
    expect(name.endsWith('-linux-amd64-go1.24.4')).toBe(true);
  });
});

describe('checkPlan', () => {
  const hooks = { preRun: 'echo pre' };
  const glibc = glibcTarget('heroku-22', 'target-glibc');

  it('is none without smoke-test or target-glibc', () => {
    expect(
      checkPlan({
        smokeTest: false,
        targetGlibc: undefined,
        healthCheckPaths: ['/'],
        runHooks: hooks,
      }),
    ).toBeUndefined();
  });
  it('checks glibc alone', () => {
    expect(
      checkPlan({ smokeTest: false, targetGlibc: glibc, healthCheckPaths: ['/'], runHooks: hooks }),
    ).toEqual({ glibc, smoke: undefined });
  });
  it('runs the smoke test with its health paths and hooks', () => {
    expect(
      checkPlan({
        smokeTest: true,
        targetGlibc: undefined,
        healthCheckPaths: ['/h'],
        runHooks: hooks,
      }),
    ).toEqual({ glibc: undefined, smoke: { healthPaths: ['/h'], hooks } });
  });
});
