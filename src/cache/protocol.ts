import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { readBytes } from '../toolchain/http.js';
import { quote } from '../trust/log-text.js';
import { sha256Hex } from '../hash.js';
import { send } from './transport.js';

/**
 * The cache service, spoken as @actions/cache speaks it, so that the entries either saves are
 * the ones the other finds (the post step saves with the library only on the v1 service, and
 * entries saved by older versions of the action are its): the same service
 * (v2 Twirp, or the v1 REST API where the runner offers only that), the same keys, and the same
 * `version`, which the service matches exactly. @actions/cache 6 computes the version as the
 * sha256 of the paths as given, the compression, and a salt, joined by `|` (cacheUtils.js
 * getCacheVersion), and picks zstd (without long mode) when a `zstd` answers, else gzip.
 */

export type Compression = 'zstd-without-long' | 'zstd' | 'gzip';

export function cacheVersion(
  paths: readonly string[],
  compression: Compression,
  platform: NodeJS.Platform = process.platform,
): string {
  const parts = [...paths, compression];
  if (platform === 'win32') parts.push('windows-only');
  parts.push('1.0');
  return sha256Hex(parts.join('|'));
}

let chosen: Promise<Compression> | undefined;
/** As @actions/cache chooses (cacheUtils.js getCompressionMethod); asked once per process. */
export function compressionMethod(): Promise<Compression> {
  chosen ??= new Promise<Compression>((resolve) => {
    const p = spawn('zstd', ['--quiet', '--version'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const add = (b: Buffer) => (out += b.toString());
    p.stdout.on('data', add);
    p.stderr.on('data', add);
    p.on('error', () => resolve('gzip'));
    p.on('close', () => resolve(out.trim() ? 'zstd-without-long' : 'gzip'));
  });
  return chosen;
}

export type ServiceConfig =
  | { ok: true; protocol: 'v1' | 'v2'; url: string; token: string; readable: boolean }
  | { ok: false; reason: string };

/** Which service @actions/cache would use (config.js), and whether this job may read from it. */
export function serviceConfig(env: Readonly<Record<string, string | undefined>>): ServiceConfig {
  let ghes: boolean;
  try {
    const host = new URL(env.GITHUB_SERVER_URL || 'https://github.com').hostname.toUpperCase();
    ghes = host !== 'GITHUB.COM' && !host.endsWith('.GHE.COM') && !host.endsWith('.LOCALHOST');
  } catch {
    ghes = true;
  }
  const protocol = !ghes && env.ACTIONS_CACHE_SERVICE_V2 ? 'v2' : 'v1';
  const url = protocol === 'v2' ? env.ACTIONS_RESULTS_URL : env.ACTIONS_CACHE_URL;
  if (!url)
    return {
      ok: false,
      reason: `no ${protocol === 'v2' ? 'ACTIONS_RESULTS_URL' : 'ACTIONS_CACHE_URL'}: this runner offers no cache service`,
    };
  const token = env.ACTIONS_RUNTIME_TOKEN;
  if (!token)
    return { ok: false, reason: 'no ACTIONS_RUNTIME_TOKEN: this step has no cache access' };
  // ACTIONS_CACHE_MODE (set by the runner): `none` and `write-only` deny reads; unknown allows.
  const mode = (env.ACTIONS_CACHE_MODE ?? '').trim().toLowerCase();
  return { ok: true, protocol, url, token, readable: mode !== 'none' && mode !== 'write-only' };
}

/** A call that failed on the service's side; `retryable` as @actions/cache would retry it. */
export class ServiceError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    /** The HTTP status, when the service answered. */
    readonly status?: number,
    /** The service's own message (Twirp's `msg`), as it gave it. */
    readonly serviceMessage?: string,
  ) {
    super(message);
  }
}

export interface FoundEntry {
  key: string;
  /** Signed: never shown in the log. */
  url: string;
}

const TWIRP = '/twirp/github.actions.results.api.v1.CacheService/';
const RETRIED = new Set([500, 502, 503, 504]);

type Service = Extract<ServiceConfig, { ok: true }>;
const authHeaders = (cfg: Service) => ({
  Authorization: `Bearer ${cfg.token}`,
  'User-Agent': 'go-paas-build',
});

/**
 * Sends one request to the service and reads its JSON answer; a 2xx answer's body is returned,
 * anything else throws a ServiceError (`retryable` as @actions/cache would retry it; a refused
 * or reset connection is not), whose `code` is Twirp's when it named one.
 */
async function ask(
  url: string,
  req: Parameters<typeof send>[1],
): Promise<{ status: number; body: Record<string, unknown> }> {
  let res;
  try {
    res = await send(url, req);
  } catch (err) {
    // Refused, reset, unknown host: @actions/cache does not retry these either.
    throw new ServiceError((err as Error).message, false);
  }
  const status = res.statusCode ?? 0;
  if (status === 204) {
    res.resume();
    return { status, body: {} };
  }
  let text: string;
  try {
    text = (await readBytes(res, 1 << 20)).toString('utf8');
  } catch (err) {
    throw new ServiceError(`its answer was cut off: ${(err as Error).message}`, true);
  }
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
  } catch {
    if (status >= 200 && status < 300)
      throw new ServiceError(`it answered something that is not JSON`, true);
  }
  if (status < 200 || status >= 300) {
    const msg =
      typeof body.msg === 'string'
        ? body.msg
        : typeof body.message === 'string'
          ? body.message
          : '';
    throw new ServiceError(
      `the cache service answered HTTP ${status}${msg ? `: ${quote(msg)}` : ''}`,
      RETRIED.has(status),
      status,
      msg,
    );
  }
  return { status, body };
}

/** One Twirp call of the v2 cache service (proto3 JSON: empty repeated fields left out). */
export function twirp(
  cfg: Service,
  method: 'GetCacheEntryDownloadURL' | 'CreateCacheEntry' | 'FinalizeCacheEntryUpload',
  body: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<{ status: number; body: Record<string, unknown> }> {
  return ask(new URL(TWIRP + method, cfg.url).href, {
    method: 'POST',
    headers: { ...authHeaders(cfg), 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    signal,
  });
}

/**
 * Backoff between attempts at a call the service answered with a 5xx (the answers @actions/cache
 * retries) or, for an upload, the network dropped; the last wait repeated until the caller's
 * deadline: a short outage is ridden out, a long one costs the deadline, not the library's half
 * minute.
 */
const RETRY_MS = [250, 500, 1000];

/**
 * Runs `fn` again after each retryable ServiceError until it succeeds, fails otherwise, or
 * `signal` ends (then the last error is thrown). `onRetry` sees each error that is retried.
 */
export async function retrying<T>(
  signal: AbortSignal,
  fn: () => Promise<T>,
  onRetry?: (err: ServiceError) => void,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (signal.aborted || !(err instanceof ServiceError && err.retryable)) throw err;
      onRetry?.(err);
      const wait = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)];
      await sleep(wait, undefined, { signal }).catch(() => undefined);
      if (signal.aborted) throw err;
    }
  }
}

/** The first of `names` that `body` holds as a string (protobuf JSON: snake or camel case). */
export function field(body: Record<string, unknown>, ...names: string[]): string | undefined {
  return names.map((n) => body[n]).find((v) => typeof v === 'string') as string | undefined;
}

/** The newest entry for `key`, else for the first restore key that prefixes one; one request. */
export async function findEntry(
  cfg: Service,
  key: string,
  restoreKeys: readonly string[],
  version: string,
  signal?: AbortSignal,
): Promise<FoundEntry | undefined> {
  const { status, body } =
    cfg.protocol === 'v2'
      ? await twirp(
          cfg,
          'GetCacheEntryDownloadURL',
          { key, ...(restoreKeys.length ? { restore_keys: restoreKeys } : {}), version },
          signal,
        )
      : await ask(
          `${cfg.url.replace(/\/?$/, '/')}_apis/artifactcache/cache?keys=${encodeURIComponent([key, ...restoreKeys].join(','))}&version=${version}`,
          {
            method: 'GET',
            headers: { ...authHeaders(cfg), Accept: 'application/json;api-version=6.0-preview.1' },
            signal,
          },
        );
  if (cfg.protocol === 'v1' && status === 204) return undefined;
  if (cfg.protocol === 'v2' && body.ok !== true) return undefined;
  const matched =
    cfg.protocol === 'v2' ? field(body, 'matched_key', 'matchedKey') : field(body, 'cacheKey');
  const url =
    cfg.protocol === 'v2'
      ? field(body, 'signed_download_url', 'signedDownloadUrl')
      : field(body, 'archiveLocation');
  if (!matched || !url)
    throw new ServiceError('it named an entry without its key or location', false);
  return { key: matched, url };
}
