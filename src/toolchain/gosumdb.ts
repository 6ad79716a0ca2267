import { isIPv6 } from 'node:net';
import { UserError } from '../errors.js';
import { basicAuthorization, redactCredentials } from '../trust/credentials.js';
import { quote, redactUrl } from '../trust/log-text.js';
import { goFields } from './go-rules.js';
import { parseVerifierKey, type VerifierKey } from './note.js';

/**
 * GOSUMDB, read as the go command reads it (cmd/go/internal/modfetch/sumdb.go, `dbDial`): `off`,
 * a known name, or a verifier key `name+hash+key`, either of the last two optionally followed by
 * the database's URL; `sum.golang.google.cn` is an alias of sum.golang.org at that host. The key's
 * name must be `host[/path]`: it goes into URLs.
 */

/** The database's public key built into the go command. */
export const SUM_GOLANG_ORG_KEY =
  'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8';

/** modfetch's knownGOSUMDB: names that stand for a key. */
const KNOWN: Record<string, string> = { 'sum.golang.org': SUM_GOLANG_ORG_KEY };

export interface SumDb {
  key: VerifierKey;
  /**
   * The URL GOSUMDB gives (the alias's included), credentials taken out: the database is reached
   * there, never through a proxy. Undefined: through GOPROXY when a proxy serves it, else `direct`.
   */
  url?: string;
  /** `Basic …` from credentials in that URL (masked when GOSUMDB was read: inputs.ts). */
  authorization?: string;
  /** `https://<name>`: the database's own address. */
  direct: string;
}

const ACCEPTED =
  'use off, sum.golang.org, or name+hash+key with an optional URL (name+hash+key https://host/path)';

/** GOSUMDB as the go command reads it; empty means sum.golang.org (the default of Go's go.env). */
export function parseGoSumDb(value: string | undefined): SumDb | 'off' {
  let text = value === undefined || value === '' ? 'sum.golang.org' : value;
  if (text === 'sum.golang.google.cn') text = 'sum.golang.org https://sum.golang.google.cn';
  if (text === 'off') return 'off';
  const shown = quote(redactCredentials(text, false));
  const fields = goFields(text);
  if (fields.length === 0) throw new UserError(`GOSUMDB: ${shown} names no database; ${ACCEPTED}`);
  if (fields.length > 2) {
    throw new UserError(`GOSUMDB: ${shown} has too many fields; ${ACCEPTED}`);
  }
  const key = parseVerifierKey(KNOWN[fields[0]!] ?? fields[0]!, 'GOSUMDB');
  const bad = sumDbNameProblem(key.name);
  if (bad) {
    throw new UserError(
      `GOSUMDB: the key ${quote(key.text)} is named ${quote(key.name)}, which is not host[/path] (${bad}); name the key after the database's address, as in sum.golang.org`,
    );
  }
  const db: SumDb = { key, direct: `https://${key.name}` };
  return fields[1] === undefined ? db : { ...db, ...sumDbUrl(fields[1]) };
}

/** The URL field: http(s) only; its credentials become a basic-auth header (https only, as Go). */
function sumDbUrl(field: string): Pick<SumDb, 'url' | 'authorization'> {
  const shown = quote(redactUrl(field));
  let u: URL;
  try {
    u = new URL(field);
  } catch {
    throw new UserError(`GOSUMDB: ${shown} is not a URL; ${ACCEPTED}`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    throw new UserError(`GOSUMDB: ${shown} is not an http(s) URL; ${ACCEPTED}`);
  }
  // A fragment never reaches the server (Go's request drops it too).
  u.hash = '';
  let authorization: string | undefined;
  try {
    authorization = basicAuthorization(u);
  } catch {
    throw new UserError(`GOSUMDB: ${shown} has a bad %-escape in its credentials; ${ACCEPTED}`);
  }
  if (authorization && u.protocol === 'http:') {
    // cmd/go/internal/web: "refusing to pass credentials to insecure URL".
    throw new UserError(
      `GOSUMDB: ${shown} would send credentials over plain http, which the go command refuses; use https`,
    );
  }
  u.username = '';
  u.password = '';
  return { url: u.href, authorization };
}

/** Characters Go's url package leaves unescaped in a host (net/url shouldEscape, encodeHost). */
const HOST_CHAR = /^[A-Za-z0-9\-_.~!$&'()*+,;=:[\]<>"]$/;
/** …and in a path (encodePath): so a path made of them has no RawPath. */
const PATH_CHAR = /^[A-Za-z0-9\-_.~$&+,/:;=@]$/;
const HEX = /^[0-9A-Fa-f]{2}$/;

/** net/url's unescape in host or zone mode: false where it returns an error. */
function hostUnescapes(s: string, zone: boolean): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '%') {
      if (!HEX.test(s.slice(i + 1, i + 3))) return false;
      const v = Number.parseInt(s.slice(i + 1, i + 3), 16);
      const escaped = s.slice(i, i + 3);
      if (!zone && v < 0x80 && escaped !== '%25') return false;
      const hostChar = v < 0x80 && HOST_CHAR.test(String.fromCharCode(v));
      if (zone && escaped !== '%25' && v !== 0x20 && !hostChar) return false;
      i += 2;
    } else if (c.charCodeAt(0) < 0x80 && !HOST_CHAR.test(c)) return false;
  }
  return true;
}

/** %XX escapes decoded to bytes, read as UTF-8. */
function decodeHost(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '%' && HEX.test(s.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(s[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** net/url's parseHost for an https URL: false where it returns an error (or an empty host). */
function goHostParses(host: string): boolean {
  const open = host.lastIndexOf('[');
  if (open > 0) return false;
  if (open === 0) {
    const close = host.lastIndexOf(']');
    if (close < 0 || !/^(?::[0-9]*)?$/.test(host.slice(close + 1))) return false;
    const hostname = host.slice(1, close);
    const zoneAt = hostname.indexOf('%25');
    const [addr, zone] =
      zoneAt < 0 ? [hostname, ''] : [hostname.slice(0, zoneAt), hostname.slice(zoneAt)];
    if (!hostUnescapes(addr, false) || !hostUnescapes(zone, true)) return false;
    // netip.ParseAddr: an IPv6 address (a zone after %), not an IPv4 one.
    const ip = decodeHost(addr) + (zone ? `%${decodeHost(zone.slice(3))}` : '');
    return isIPv6(ip);
  }
  const colon = host.indexOf(':');
  if (colon >= 0 && !/^:[0-9]*$/.test(host.slice(colon))) return false;
  return host !== '' && hostUnescapes(host, false);
}

/** net/url's setPath leaves RawPath empty: the path is exactly Go's escaping of what it decodes to. */
function goPathIsCanonical(path: string): boolean {
  const raw = Buffer.from(path, 'utf8');
  const decoded: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === 0x25) {
      const hex = raw.subarray(i + 1, i + 3).toString('latin1');
      if (!HEX.test(hex)) return false;
      decoded.push(Number.parseInt(hex, 16));
      i += 2;
    } else decoded.push(raw[i]!);
  }
  const escaped = decoded
    .map((b) =>
      b < 0x80 && PATH_CHAR.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
  return escaped === raw.toString('latin1');
}

/**
 * The go command's test of a database name (modfetch's dbDial): `https://<name>` parsed by Go's
 * net/url must be exactly scheme, host and path: no user, query, fragment or escaped form, a
 * host, and no trailing slash.
 */
export function goAcceptsSumDbName(name: string): boolean {
  if (name.endsWith('/')) return false;
  // url.Parse cuts the fragment at the first `#`; an empty one leaves no trace.
  const hash = name.indexOf('#');
  if (hash >= 0 && hash < name.length - 1) return false;
  const u = hash < 0 ? name : name.slice(0, hash);
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(u) || u.includes('?')) return false;
  const slash = u.indexOf('/');
  const authority = slash < 0 ? u : u.slice(0, slash);
  if (authority.includes('@')) return false;
  return goHostParses(authority) && goPathIsCanonical(slash < 0 ? '' : u.slice(slash));
}

/**
 * Why a key name cannot be a database's address, or undefined. Go's rule first; then what the
 * go command accepts but a WHATWG URL (ours) would turn into another request: `%` escapes, a `#`,
 * and `.`/`..` path segments (which it resolves), or a host it refuses.
 */
export function sumDbNameProblem(name: string): string | undefined {
  if (!goAcceptsSumDbName(name)) return 'the go command refuses it';
  if (/[%#]/.test(name)) return 'it holds % or #';
  if (
    name
      .split('/')
      .slice(1)
      .some((s) => s === '.' || s === '..')
  )
    return 'it holds . or .. as a path segment';
  try {
    new URL(`https://${name}`);
  } catch {
    return 'its host or port is not valid in a URL';
  }
  return undefined;
}
