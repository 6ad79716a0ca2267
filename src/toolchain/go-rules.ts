/**
 * The few text rules of Go's standard library that the checksum database client must share with
 * the go command, so that a key, a note or an answer is accepted exactly when Go accepts it
 * (golang.org/x/mod/sumdb uses these): `unicode.IsSpace`, `strings.Fields`, `utf8.Valid`,
 * `base64.StdEncoding.DecodeString` and `strconv.ParseInt(s, 10, 64)`. JavaScript's own
 * equivalents differ at the edges (`\s` holds U+FEFF but not U+0085; `Buffer.from(…, 'base64')`
 * accepts anything; `Number` reads `1e3` and `0x10`).
 */

/** Go's unicode.IsSpace: the Latin-1 spaces (with NEL) and Unicode's White_Space beyond them. */
export const GO_SPACE =
  /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u;
const GO_SPACES = new RegExp(`${GO_SPACE.source}+`, 'u');

/** strings.Fields: the words between runs of unicode.IsSpace. */
export function goFields(text: string): string[] {
  return text.split(GO_SPACES).filter((f) => f !== '');
}

/** A JavaScript string that is valid UTF-16 (no lone surrogate): what utf8.ValidString means here. */
export function isWellFormed(text: string): boolean {
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u.test(text);
}

/** utf8.Valid on bytes. */
export function isUtf8(bytes: Buffer): boolean {
  return Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes);
}

/**
 * base64.StdEncoding.DecodeString: the standard alphabet, padded to whole quanta, trailing bits
 * not checked (Go's encodings are not Strict); `\r` and `\n` anywhere are skipped. Undefined
 * where Go returns an error.
 */
export function goBase64(text: string | Buffer): Buffer | undefined {
  const s = (typeof text === 'string' ? text : text.toString('latin1')).replace(/[\r\n]/g, '');
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s)) {
    return undefined;
  }
  return Buffer.from(s, 'base64');
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** strconv.ParseInt(s, 10, 64): an optional sign, decimal digits, within int64. */
export function goParseInt64(text: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(text)) return undefined;
  const n = BigInt(text);
  return n >= INT64_MIN && n <= INT64_MAX ? n : undefined;
}
