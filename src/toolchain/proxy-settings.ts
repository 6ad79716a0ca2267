import { UserError } from '../errors.js';
import { basicAuthorization } from '../trust/credentials.js';
import { quote, redactUrl } from '../trust/log-text.js';
import { parseGoSumDb, type SumDb } from './gosumdb.js';

/** The module the go command downloads toolchains as (`go help toolchain`). */
export const TOOLCHAIN_MODULE = 'golang.org/toolchain';

/** One entry of GOPROXY. `fallBackOnError`: a `|` follows it (try the next one on any error). */
export type ProxyEntry =
  | { kind: 'url'; url: string; authorization?: string; fallBackOnError: boolean }
  | { kind: 'direct' }
  | { kind: 'off' };

/** How `go-toolchain-source: proxy` reaches Go, from the go command's variables. */
export interface ToolchainProxy {
  proxies: ProxyEntry[];
  /** The database that vouches for the zip, or undefined when checking is off (`why`). */
  sumdb?: SumDb;
  /** Why the zip's hash is not checked (only where the go command would not check it either). */
  unchecked?: string;
}

/** The go command's variables this reads (input values already applied over the env). */
export type ProxyEnv = Partial<
  Record<
    | 'GOPROXY'
    | 'GOPRIVATE'
    | 'GONOPROXY'
    | 'GONOSUMDB'
    | 'GOSUMDB'
    | 'GOINSECURE'
    | 'GIT_HTTP_USER_AGENT',
    string
  >
>;

export const DEFAULT_GOPROXY = 'https://proxy.golang.org,direct';

/**
 * GOPROXY as the go command splits it: entries separated by `,` (fall through to the next only
 * when a proxy answers 404 or 410) or `|` (fall through on any error); `direct` and `off` end the
 * list; an entry without a scheme gets `https://`. Empty means the go command's default.
 */
export function parseGoProxy(value: string | undefined): ProxyEntry[] {
  let rest = (value ?? '').trim() || DEFAULT_GOPROXY;
  const out: ProxyEntry[] = [];
  while (rest !== '') {
    const i = rest.search(/[,|]/);
    const raw = (i >= 0 ? rest.slice(0, i) : rest).trim();
    const fallBackOnError = i >= 0 && rest[i] === '|';
    rest = i >= 0 ? rest.slice(i + 1) : '';
    if (raw === '') continue;
    if (raw === 'off' || raw === 'direct') {
      out.push({ kind: raw });
      break;
    }
    out.push({ ...proxyUrl(raw), kind: 'url', fallBackOnError });
  }
  if (out.length === 0) {
    throw new UserError(
      `GOPROXY (goproxy): ${quote(value ?? '')} holds no proxy; use a list such as https://proxy.example.com,direct`,
    );
  }
  return out;
}

function proxyUrl(raw: string): { url: string; authorization?: string } {
  // The go command's rule: a word with a dot, colon or slash but no `:/` is a host.
  const text =
    /[.:/]/.test(raw) && !raw.includes(':/') && !raw.startsWith('/') ? `https://${raw}` : raw;
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new UserError(
      `GOPROXY (goproxy): ${quote(redactUrl(raw))} is not a proxy URL; use https://host/path, direct or off`,
    );
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    throw new UserError(
      `GOPROXY (goproxy): ${quote(redactUrl(raw))} is not an http(s) URL; go-toolchain-source: proxy fetches Go from http(s) proxies only`,
    );
  }
  let authorization: string | undefined;
  try {
    authorization = basicAuthorization(u);
  } catch {
    throw new UserError(
      `GOPROXY (goproxy): ${quote(redactUrl(raw))} is not a proxy URL (bad %-escape in its credentials); use https://user:token@host/path`,
    );
  }
  u.username = '';
  u.password = '';
  return { url: u.href.replace(/\/+$/, ''), authorization };
}

/**
 * A glob of Go's `path.Match` as a regular expression: `*` is any run of characters but `/`,
 * `?` one of them, `[…]` a class (`^` negates), `\` escapes. Undefined for a malformed pattern
 * (which the go command treats as matching nothing).
 */
function globRegExp(glob: string): RegExp | undefined {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '\\') {
      if (++i >= glob.length) return undefined;
      re += `\\${glob[i]}`;
    } else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) return undefined;
      let cls = glob.slice(i + 1, end);
      const negate = cls.startsWith('^');
      if (negate) cls = cls.slice(1);
      if (cls === '' || cls.includes('/')) return undefined;
      re += `[${negate ? '^/' : ''}${cls.replace(/[\]\\^]/g, (x) => `\\${x}`)}]`;
      i = end;
    } else re += c.replace(/[.+^${}()|]/g, (x) => `\\${x}`);
  }
  return new RegExp(`^${re}$`);
}

/**
 * Go's GOPRIVATE-style list: comma-separated globs, each matched against as many leading path
 * elements of `target` as it has (`golang.org` and `*.org` match `golang.org/toolchain`).
 */
export function matchesPrefixPatterns(globs: string | undefined, target: string): boolean {
  const parts = target.split('/');
  for (const raw of (globs ?? '').split(',')) {
    const glob = raw.trim();
    if (glob === '') continue;
    const n = glob.split('/').length;
    if (n > parts.length) continue;
    if (globRegExp(glob)?.test(parts.slice(0, n).join('/'))) return true;
  }
  return false;
}

/**
 * Whether the go command would check golang.org/toolchain in the checksum database
 * (cmd/go/internal/modfetch's useSumDB): always, whatever GOSUMDB and GONOSUMDB say, except when
 * GOPROXY is one file:// URL (refused before this, proxies here are http(s)) or when the go
 * command runs inside proxy.golang.org's own fetcher (GIT_HTTP_USER_AGENT names it); then, as for
 * any module, unless GOSUMDB is off or GONOSUMDB (default GOPRIVATE) matches.
 */
function mustCheck(env: ProxyEnv): boolean {
  return !(env.GIT_HTTP_USER_AGENT ?? '').includes('proxy.golang.org');
}

/**
 * Reads GOPROXY, GONOPROXY/GOPRIVATE, GOSUMDB, GONOSUMDB and GOINSECURE for fetching Go as
 * golang.org/toolchain, refusing before any download what cannot work or what the go command
 * refuses: a list that starts with `off` or `direct`, golang.org/toolchain marked private
 * (fetched directly, not through a proxy), GOSUMDB=off (Go requires the checksum database for
 * toolchains), and an unverified download over plain http that GOINSECURE does not allow.
 */
export function toolchainProxy(env: ProxyEnv): ToolchainProxy {
  const proxies = parseGoProxy(env.GOPROXY);
  const first = proxies[0]!;
  if (first.kind === 'off') {
    throw new UserError(
      'GOPROXY (goproxy) is off: module downloads are disabled, so go-toolchain-source: proxy cannot fetch Go; set GOPROXY to your module proxy, or use go-toolchain-source: dl',
    );
  }
  if (first.kind === 'direct') {
    throw new UserError(
      'GOPROXY (goproxy) starts with direct: the go command would fetch golang.org/toolchain from its origin repository, which go-toolchain-source: proxy cannot do; put your module proxy first, or use go-toolchain-source: dl',
    );
  }
  const noProxy = env.GONOPROXY?.trim() ? 'GONOPROXY' : 'GOPRIVATE';
  if (matchesPrefixPatterns(env[noProxy], TOOLCHAIN_MODULE)) {
    throw new UserError(
      `${noProxy} (${noProxy.toLowerCase()}): ${quote(env[noProxy] ?? '')} matches golang.org/toolchain, so the go command would fetch it directly from its origin, not through GOPROXY; go-toolchain-source: proxy cannot do that: leave golang.org/toolchain out of ${noProxy}`,
    );
  }
  const db = parseGoSumDb(env.GOSUMDB);
  if (mustCheck(env)) {
    if (db === 'off') {
      throw new UserError(
        `GOSUMDB: ${quote(env.GOSUMDB ?? '')} turns the checksum database off, and the go command never installs golang.org/toolchain unchecked ("checksum database disabled by GOSUMDB=off"); unset GOSUMDB, or set it to sum.golang.org or to your database (name+hash+key https://host/path)`,
      );
    }
    // GONOSUMDB and GOPRIVATE do not apply to the toolchain module: it is checked all the same.
    return { proxies, sumdb: db };
  }
  const noSum = env.GONOSUMDB?.trim() ? 'GONOSUMDB' : 'GOPRIVATE';
  let unchecked: string | undefined;
  if (db === 'off') unchecked = 'GOSUMDB is off';
  else if (matchesPrefixPatterns(env[noSum], TOOLCHAIN_MODULE)) {
    unchecked = `${noSum} ${quote(env[noSum] ?? '')} matches golang.org/toolchain`;
  }
  if (unchecked && !matchesPrefixPatterns(env.GOINSECURE, TOOLCHAIN_MODULE)) {
    const plain = proxies.find((p) => p.kind === 'url' && p.url.startsWith('http:'));
    if (plain?.kind === 'url') {
      throw new UserError(
        `GOPROXY (goproxy): ${quote(plain.url)} is plain http and ${unchecked}, so nothing would vouch for the Go it serves; use https, check it against GOSUMDB, or allow it with GOINSECURE=golang.org/toolchain`,
      );
    }
  }
  return unchecked ? { proxies, unchecked } : { proxies, sumdb: db as SumDb };
}
