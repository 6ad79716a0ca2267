/**
 * Credentials in the values that may hold URLs (go-download-base-url, GOPROXY, GOSUMDB, the
 * http(s)_proxy variables): found in the raw text, whatever its shape, so that they are masked
 * before anything parses the value, and cut out of any message that shows it (SPEC §9: never
 * printed). A value is read as words (split at white space, `,` and `|`, GOPROXY's and GOSUMDB's
 * separators); in each word the user information is what comes before the last `@` of the
 * authority (`https://user:pw@host`, or `user:pw@host` without a scheme, which the go command
 * reads as https), and, in a word that is not a URL at all, before its last `@`: a password
 * holding `/`, `?` or `#` must not escape because the URL around it is malformed.
 */

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;
const SEPARATORS = /[\s\u0085,|]+/u;

/** Where the user information of `word` ends (the index of its `@`), or -1. */
function userInfoEnd(word: string, from: number): number {
  const rest = word.slice(from);
  const authorityEnd = rest.search(/[/?#\\]/);
  const at = rest.lastIndexOf('@', authorityEnd < 0 ? rest.length : authorityEnd - 1);
  if (at >= 0 && (authorityEnd < 0 || at < authorityEnd)) return from + at;
  if (!rest.includes('@')) return -1;
  try {
    new URL(from > 0 ? word : `https://${word}`);
    return -1; // a URL whose `@` is in its path or query: no credentials
  } catch {
    return from + rest.lastIndexOf('@');
  }
}

interface Found {
  /** Offsets of the user information in the whole text. */
  start: number;
  end: number;
  info: string;
}

/**
 * `schemeless`: whether a word without `scheme://` may be a URL (GOPROXY entries and proxy
 * variables may be `user:pw@host`; GOSUMDB's first field is a key, and `@` in it is no credential).
 */
function userInfos(text: string, schemeless = true): Found[] {
  const out: Found[] = [];
  let offset = 0;
  for (const word of text.split(SEPARATORS)) {
    const at = text.indexOf(word, offset);
    offset = at + word.length;
    if (word === '') continue;
    const from = SCHEME.exec(word)?.[0].length ?? 0;
    if (from === 0 && !schemeless) continue;
    const end = userInfoEnd(word, from);
    if (end > from) out.push({ start: at + from, end: at + end, info: word.slice(from, end) });
  }
  return out;
}

function decoded(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * The strings to mask for the credentials in `text`: the password as written and decoded (or a
 * lone user part, usually a token; a user name beside a password is not a secret), and the
 * basic-auth token they make.
 */
export function secretsIn(text: string, schemeless = true): string[] {
  const out: string[] = [];
  for (const { info } of userInfos(text, schemeless)) {
    const colon = info.indexOf(':');
    const user = colon < 0 ? info : info.slice(0, colon);
    const password = colon < 0 ? '' : info.slice(colon + 1);
    out.push(...(password ? [password, decoded(password)] : [user, decoded(user)]));
    out.push(Buffer.from(`${decoded(user)}:${decoded(password)}`).toString('base64'));
  }
  return [...new Set(out)].filter((s) => s !== '');
}

/** `text` with the user information of every word replaced by `***`. */
export function redactCredentials(text: string, schemeless = true): string {
  let out = '';
  let last = 0;
  for (const f of userInfos(text, schemeless)) {
    out += `${text.slice(last, f.start)}***`;
    last = f.end;
  }
  return out + text.slice(last);
}

/**
 * The basic-auth header for the user information of a parsed URL (undefined: it has none). A bad
 * %-escape throws URIError.
 */
export function basicAuthorization(u: URL): string | undefined {
  if (!u.username && !u.password) return undefined;
  const user = decodeURIComponent(u.username);
  const password = decodeURIComponent(u.password);
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/**
 * The inputs whose values (each as the input and as its variable) may hold credentials in URLs:
 * go-download-base-url, goproxy and heroku-api-url (which refuses them, once masked). GOSUMDB (`name+hash+key https://user:pw@host`) and the
 * runner's proxy variables, which the HTTP client reads, may hold them too.
 */
export const CREDENTIAL_INPUTS = ['go-download-base-url', 'goproxy', 'heroku-api-url'] as const;
const CREDENTIAL_VARIABLES = ['http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY'];

/**
 * Every credential in those values, without repeats: `inputValues` are the raw values of
 * {@link CREDENTIAL_INPUTS}, each input then its variable. The variables are read first.
 */
export function credentialsIn(
  env: Readonly<Record<string, string | undefined>>,
  inputValues: () => readonly string[],
): string[] {
  const secrets = [
    // GOSUMDB's URL has a scheme; its first field is a key, whose `@` is no credential.
    ...secretsIn(env.GOSUMDB ?? '', false),
    ...CREDENTIAL_VARIABLES.flatMap((v) => secretsIn(env[v] ?? '')),
    ...inputValues().flatMap((v) => secretsIn(v)),
  ];
  return [...new Set(secrets)];
}
