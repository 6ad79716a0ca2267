import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { UserError } from '../errors.js';
import { quote } from '../trust/log-text.js';

/**
 * Signed notes, the format of the checksum database's tree heads (golang.org/x/mod/sumdb/note):
 *
 *     <text, one or more lines, each ending in \n>
 *     <blank line>
 *     — <key name> <base64 of 4-byte key hash || signature>
 *     …
 *
 * A verifier key is `<name>+<8 hex digits of key hash>+<base64 of 0x01 || 32-byte Ed25519 public
 * key>`; the key hash is the first 4 bytes (big-endian) of sha256(`<name>\n` || 0x01 || key).
 */
export interface VerifierKey {
  name: string;
  /** The key hash, as the signatures carry it. */
  hash: number;
  publicKey: KeyObject;
  /** The key as written (`sum.golang.org+033de0ae+Ac4z…`). */
  text: string;
}

const ALG_ED25519 = 0x01;
/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32 raw key bytes follow. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** A key name: no white space, no `+`, not empty (x/mod's rule). */
function isKeyName(name: string): boolean {
  return name !== '' && !/[\s+]/u.test(name);
}

/** The key hash of a named key: first 4 bytes of sha256(name + "\n" + key data), big-endian. */
export function keyHash(name: string, keyData: Buffer): number {
  return createHash('sha256').update(`${name}\n`).update(keyData).digest().readUInt32BE(0);
}

/** Strict standard base64 (what Go's base64.StdEncoding accepts): undefined when it is not. */
export function decodeBase64(text: string): Buffer | undefined {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) {
    return undefined;
  }
  return Buffer.from(text, 'base64');
}

/**
 * Parses a verifier key. `label` names where it came from (`GOSUMDB`) for the one-line error.
 */
export function parseVerifierKey(text: string, label: string): VerifierKey {
  const fail = (why: string): UserError =>
    new UserError(
      `${label}: ${quote(text)} is not a checksum database key (${why}); use name+hash+key, as in sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8`,
    );
  // The name has no `+`; the hash is 8 hex digits; the base64 may itself contain `+`.
  const m = /^([^+]*)\+([0-9a-f]{8})\+(.+)$/.exec(text);
  if (!m) throw fail('not name+hash+key');
  const [, name = '', hashHex = '', b64 = ''] = m;
  if (!isKeyName(name)) throw fail('a bad key name');
  const keyData = decodeBase64(b64);
  if (!keyData || keyData.length !== 33 || keyData[0] !== ALG_ED25519) {
    throw fail('the key is not an Ed25519 key: 0x01 and 32 bytes, base64');
  }
  const hash = Number.parseInt(hashHex, 16);
  if (keyHash(name, keyData) !== hash) throw fail('its hash does not match its name and key');
  const publicKey = createPublicKey({
    key: Buffer.concat([ED25519_SPKI_PREFIX, keyData.subarray(1)]),
    format: 'der',
    type: 'spki',
  });
  return { name, hash, publicKey, text };
}

/** Why a note was refused: the message completes "<what> …". */
export class NoteError extends Error {}

/**
 * Checks that `msg` is a note signed by `key` and returns its text (with its final newline).
 * Signatures by other keys are ignored, as Go does; a signature that claims to be by `key` and
 * does not verify is refused outright.
 */
export function openNote(msg: Buffer, key: VerifierKey): string {
  const all = msg.toString('utf8');
  if (!Buffer.from(all, 'utf8').equals(msg)) throw new NoteError('is not UTF-8');
  if (!all.endsWith('\n')) throw new NoteError('is not a signed note (no final newline)');
  const split = all.lastIndexOf('\n\n');
  if (split < 0) throw new NoteError('is not a signed note (no signature block)');
  const text = all.slice(0, split + 1);
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x09\x0b-\x1f\x7f]/.test(text)) {
    throw new NoteError('is not a signed note (control characters in its text)');
  }
  const lines = all.slice(split + 2, -1).split('\n');
  let signed = false;
  for (const line of lines) {
    const m = /^\u2014 (\S+) (\S+)$/u.exec(line);
    const sig = m ? decodeBase64(m[2]!) : undefined;
    if (!m || !sig || sig.length < 5) {
      throw new NoteError(`is not a signed note (bad signature line ${quote(line)})`);
    }
    if (m[1] !== key.name || sig.readUInt32BE(0) !== key.hash) continue;
    if (!verify(null, Buffer.from(text, 'utf8'), key.publicKey, sig.subarray(4))) {
      throw new NoteError(`has an invalid signature by ${key.name}`);
    }
    signed = true;
  }
  if (!signed) {
    const by = lines.map((l) => l.split(' ')[1] ?? '').filter(Boolean);
    throw new NoteError(
      `is not signed by the key ${key.name}+${key.hash.toString(16).padStart(8, '0')}` +
        (by.length ? ` (signed by ${[...new Set(by)].map((n) => quote(n)).join(', ')})` : ''),
    );
  }
  return text;
}
