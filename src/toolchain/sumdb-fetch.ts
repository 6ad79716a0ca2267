import { errorMessage } from '../errors.js';
import type { Logger } from '../runtime/ports.js';
import { show } from '../trust/log-text.js';
import { HttpStatusError, httpGet, readBytes, withRetries } from './http.js';
import type { ToolchainProxy } from './proxy-settings.js';
import { joinUrl, SumDbError, verifiedHash, type SumDb, type Verified } from './sumdb.js';

/** How the checksum database is reached over HTTP for `go-toolchain-source: proxy`. */

/**
 * Where to reach the checksum database, as the go command decides it (modfetch's `initBase` and
 * `TryProxies`): a URL in GOSUMDB (or the sum.golang.google.cn alias) is used as it is, never
 * through a proxy. Otherwise each proxy is asked for `<proxy>/sumdb/<name>/supported`; the first
 * that answers 200 is used. A 404/410, a `|` after the proxy, or a `direct`/`off` entry moves
 * on; when nothing is left the database is reached at https://<name>, unless the most telling
 * failure (`direct` first, then a proxy's other error) was not a "not found": then it is
 * unavailable.
 */
async function sumdbBase(
  proxy: ToolchainProxy,
  db: SumDb,
  log: Logger,
): Promise<{ base: string; authorization?: string }> {
  if (db.url !== undefined) {
    return { base: db.url, authorization: db.authorization };
  }
  let best: { notFound: boolean; why: string; rank: number } = {
    notFound: true,
    why: '',
    rank: 0,
  };
  for (const p of proxy.proxies) {
    if (p.kind !== 'url') {
      if (p.kind === 'direct') best = { notFound: true, why: '', rank: 2 };
      break;
    }
    const base = joinUrl(p.url, `sumdb/${db.key.name}`);
    try {
      const res = await withRetries('Asking GOPROXY for the checksum database', log, () =>
        httpGet(joinUrl(base, 'supported'), p.authorization),
      );
      res.resume();
      return { base, authorization: p.authorization };
    } catch (err) {
      const notFound = err instanceof HttpStatusError && (err.status === 404 || err.status === 410);
      const why = `${show(joinUrl(base, 'supported'))} ${err instanceof HttpStatusError ? `answered HTTP ${err.status}` : `failed: ${errorMessage(err)}`}`;
      if (best.rank <= 1 && !notFound) best = { notFound, why, rank: 1 };
      if (!notFound && !p.fallBackOnError) break;
    }
  }
  if (!best.notFound) {
    throw new SumDbError(
      `The checksum database ${db.key.name} is unavailable: ${best.why}; nothing was installed`,
    );
  }
  return { base: db.direct };
}

/**
 * Checks `mod` (`golang.org/toolchain@<version>`) in the database: reached as the go command
 * reaches it, each answer fetched with retries, with the credentials of the proxy or of
 * GOSUMDB's URL. Any failure refuses the install.
 */
export async function checkInSumDb(
  proxy: ToolchainProxy,
  db: SumDb,
  mod: string,
  log: Logger,
): Promise<Verified> {
  const { base, authorization } = await sumdbBase(proxy, db, log);
  log.info(`Checking ${mod} in the checksum database ${db.key.name} (${show(base)})`);
  const get = async (url: string): Promise<Buffer> => {
    try {
      return await withRetries(`Fetching ${url}`, log, async () =>
        readBytes(await httpGet(url, authorization), 1 << 20),
      );
    } catch (err) {
      if (
        err instanceof HttpStatusError &&
        url.includes('/lookup/') &&
        (err.status === 404 || err.status === 410)
      ) {
        throw new SumDbError(
          `The checksum database ${db.key.name} has no record of ${mod} (${show(url)} answered HTTP ${err.status}); nothing was installed`,
        );
      }
      const why =
        err instanceof HttpStatusError
          ? `answered HTTP ${err.status}`
          : `failed: ${errorMessage(err)}`;
      throw new SumDbError(
        `The checksum database ${db.key.name} is unavailable: ${show(url)} ${why}; nothing was installed`,
      );
    }
  };
  const [module, version] = mod.split('@') as [string, string];
  return verifiedHash(db, base, module, version, get);
}
