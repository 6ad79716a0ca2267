import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { UserError } from '../errors.js';
import { quote } from '../trust/log-text.js';
import { GO_SPACE, goBase64, isUtf8, isWellFormed } from './go-rules.js';

/**
 * Signed notes, the format of the checksum database's tree heads, read by the rules of
 * golang.org/x/mod/sumdb/note (`NewVerifier`, `Open`) so that a key or a note is accepted exactly
 * when the go command accepts it:
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
  /** The 32 bytes of the Ed25519 public key. */
  publicKey: Buffer;
  /** The key as written (`sum.golang.org+033de0ae+Ac4z…`). */
  text: string;
}

const ALG_ED25519 = 0x01;
/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32 raw key bytes follow. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
/** Go's `note.Open` gives up past this many signature lines. */
export const MAX_SIGNATURES = 100;

/** A key or signer name: not empty, valid UTF-8, no unicode.IsSpace, no `+` (x/mod's isValidName). */
export function isKeyName(name: string): boolean {
  return name !== '' && isWellFormed(name) && !GO_SPACE.test(name) && !name.includes('+');
}

/** The key hash of a named key: first 4 bytes of sha256(name + "\n" + key data), big-endian. */
export function keyHash(name: string, keyData: Buffer): number {
  return createHash('sha256').update(`${name}\n`).update(keyData).digest().readUInt32BE(0);
}

/** x/mod's three refusals of a verifier key, with why in words. */
export type KeyRefusal = {
  error: 'malformed verifier id' | 'invalid verifier hash' | 'unknown verifier algorithm';
  why: string;
};

/** note.NewVerifier: the key, or why Go refuses it (checks in Go's order). */
export function readVerifierKey(text: string): VerifierKey | KeyRefusal {
  const malformed = (why: string): KeyRefusal => ({ error: 'malformed verifier id', why });
  // strings.Cut twice: the base64 after the second `+` may itself hold `+`.
  const [name, rest] = cut(text, '+');
  const [hashHex, b64] = cut(rest, '+');
  if (!/^[0-9a-fA-F]{8}$/.test(hashHex)) return malformed('not name+hash+key');
  const keyData = goBase64(b64);
  if (!keyData) return malformed('the key is not base64');
  if (!isKeyName(name)) return malformed('a bad key name');
  if (keyData.length === 0) return malformed('not name+hash+key');
  const hash = Number.parseInt(hashHex, 16);
  if (keyHash(name, keyData) !== hash) {
    return { error: 'invalid verifier hash', why: 'its hash does not match its name and key' };
  }
  if (keyData[0] !== ALG_ED25519) {
    return { error: 'unknown verifier algorithm', why: 'the key is not an Ed25519 key (0x01)' };
  }
  if (keyData.length !== 33) return malformed('the Ed25519 key is not 32 bytes');
  return { name, hash, publicKey: keyData.subarray(1), text };
}

/** Parses a verifier key; `label` names where it came from (`GOSUMDB`) for the one-line error. */
export function parseVerifierKey(text: string, label: string): VerifierKey {
  const key = readVerifierKey(text);
  if ('error' in key) {
    throw new UserError(
      `${label}: ${quote(text)} is not a checksum database key (${key.why}); use name+hash+key, as in sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8`,
    );
  }
  return key;
}

function cut(s: string, sep: string): [string, string] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + sep.length)];
}

/** ed25519.Verify: false for a key that is not a curve point, as Go's is. */
function ed25519Verify(key: Buffer, msg: Buffer, sig: Buffer): boolean {
  if (sig.length !== 64) return false;
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey({
      key: Buffer.concat([ED25519_SPKI_PREFIX, key]),
      format: 'der',
      type: 'spki',
    });
    return verify(null, msg, publicKey, sig);
  } catch {
    return false;
  }
}

/**
 * Why a note was refused: `code` is x/mod's error; the message completes "<what> …".
 */
export class NoteError extends Error {
  constructor(
    readonly code: 'malformed note' | 'invalid signature' | 'unverified note',
    message: string,
  ) {
    super(message);
  }
}

const SIG_PREFIX = Buffer.from('\u2014 ');

/**
 * note.Open with the one key: checks that `msg` is a note signed by `key` and returns its text
 * (with its final newline). Signatures by other keys are passed over, a second signature by the
 * key is ignored unread, and a signature by the key that does not verify refuses the note, as in
 * Go; so does a malformed signature line anywhere, or more than 100 of them.
 */
export function openNote(msg: Buffer, key: VerifierKey): string {
  const malformed = (why: string) =>
    new NoteError('malformed note', `is not a signed note (${why})`);
  // Valid UTF-8, and no ASCII control character but the newline (DEL is allowed).
  if (!isUtf8(msg)) throw malformed('not UTF-8');
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x09\x0b-\x1f]/.test(msg.toString('utf8'))) throw malformed('control characters');
  const split = msg.lastIndexOf('\n\n');
  if (split < 0) throw malformed('no signature block');
  const text = msg.subarray(0, split + 1);
  let sigs = msg.subarray(split + 2);
  if (sigs.length === 0 || sigs[sigs.length - 1] !== 0x0a) {
    throw malformed('no final newline after its signatures');
  }
  let count = 0;
  let signed = false;
  const others: string[] = [];
  while (sigs.length > 0) {
    const nl = sigs.indexOf(0x0a);
    const line = sigs.subarray(0, nl);
    sigs = sigs.subarray(nl + 1);
    const bad = () => malformed(`bad signature line ${quote(line.toString('utf8'))}`);
    if (!line.subarray(0, SIG_PREFIX.length).equals(SIG_PREFIX)) throw bad();
    const [name, b64] = cut(line.subarray(SIG_PREFIX.length).toString('utf8'), ' ');
    const sig = goBase64(b64);
    if (!sig || !isKeyName(name) || b64 === '' || sig.length < 5) throw bad();
    if (++count > MAX_SIGNATURES) throw malformed(`more than ${MAX_SIGNATURES} signatures`);
    if (name !== key.name || sig.readUInt32BE(0) !== key.hash) {
      others.push(name);
      continue;
    }
    if (signed) continue;
    if (!ed25519Verify(key.publicKey, text, sig.subarray(4))) {
      throw new NoteError('invalid signature', `has an invalid signature by ${key.name}`);
    }
    signed = true;
  }
  if (!signed) {
    throw new NoteError(
      'unverified note',
      `is not signed by the key ${key.name}+${key.hash.toString(16).padStart(8, '0')}` +
        (others.length
          ? ` (signed by ${[...new Set(others)].map((n) => quote(n)).join(', ')})`
          : ''),
    );
  }
  return text.toString('utf8');
}
