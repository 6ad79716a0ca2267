// The environment a process running the toolkit clients needs in order to reach a results server:
// the v2 cache service, ACTIONS_RESULTS_URL, a runtime token that names a run and a job, github.com
// as the server (any other host makes @actions/cache fall back to v1), and no proxy for loopback.
// The e2e tests and benches hand resultsEnv(server) to the bundled action.

/** An unsigned JWT (`alg: none`) whose `scp` carries `Actions.Results:<runId>:<jobId>`, which is all
 *  @actions/artifact reads from ACTIONS_RUNTIME_TOKEN (the cache client never decodes it). */
export function runtimeToken(runId = 'run-1', jobId = 'job-1'): string {
  if (/[\s:]/.test(runId + jobId))
    throw new Error('run and job ids must not contain ":" or spaces');
  const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    scp: `Actions.GenericRead:00000000-0000-0000-0000-000000000000 Actions.Results:${runId}:${jobId}`,
    iat: now,
    exp: now + 6 * 3600,
  };
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`;
}

/** The env a process running the toolkit clients needs to talk to `server` (or to a bare URL such
 *  as `server.downUrl`). */
export function resultsEnv(
  server: { url: string } | string,
  ids: { runId?: string; jobId?: string } = {},
): Record<string, string> {
  const url = typeof server === 'string' ? server : server.url;
  return {
    ACTIONS_CACHE_SERVICE_V2: 'true',
    ACTIONS_RESULTS_URL: `${url.replace(/\/+$/, '')}/`,
    ACTIONS_RUNTIME_TOKEN: runtimeToken(ids.runId, ids.jobId),
    GITHUB_SERVER_URL: 'https://github.com',
    NO_PROXY: '127.0.0.1,localhost',
  };
}
