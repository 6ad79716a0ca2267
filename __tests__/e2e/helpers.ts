import { cpSync } from 'node:fs';
import { DefaultArtifactClient } from '@actions/artifact';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTempDir, testUser } from '../../test/support/action-harness.js';
import { resultsEnv } from '../../test/support/results-server.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** An app from __tests__/fixtures/apps (or examples/) copied into a fresh workspace. */
export async function workspaceWith(app: string): Promise<string> {
  const ws = await makeTempDir(`ws-${path.basename(app)}-`);
  const src = app.startsWith('examples/')
    ? path.join(ROOT, app)
    : path.join(ROOT, '__tests__', 'fixtures', 'apps', app);
  cpSync(src, ws, { recursive: true, filter: (p) => !p.includes(`${path.sep}slug`) });
  return ws;
}

/**
 * Env for one action run: its own HOME (so GOPATH/bin is private to the test) but a GOCACHE
 * shared by the suite, because compiling the standard library cold for every test would make
 * the suite take many minutes on a 2-core machine without testing anything more.
 */
export async function runEnv(extra: Record<string, string> = {}): Promise<Record<string, string>> {
  const home = await makeTempDir('home-');
  const user = testUser();
  return {
    HOME: home,
    // Per user: a cache a root run left is not writable by the test user (GO_PAAS_BUILD_TEST_USER).
    GOCACHE: path.join(os.tmpdir(), `go-paas-build-e2e-gocache${user ? `-${user.uid}` : ''}`),
    GONOSUMDB: '*',
    GOSUMDB: 'off',
    GOPROXY: 'off',
    ...extra,
  };
}

/**
 * Downloads artifact `id` from the loopback results service with the real client, as a later job
 * of the same run would (`runId`: the run that uploaded it), into a new directory.
 */
export async function downloadArtifact(
  results: { url: string },
  id: number,
  runId?: string,
): Promise<string> {
  const dest = await makeTempDir('download-');
  const saved = { ...process.env };
  Object.assign(process.env, resultsEnv(results, { runId }), { GITHUB_WORKSPACE: dest });
  try {
    await new DefaultArtifactClient().downloadArtifact(id, { path: dest });
  } finally {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  }
  return dest;
}
