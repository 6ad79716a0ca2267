// Signed notes and verifier keys, held to golang.org/x/mod/sumdb/note's published vectors.
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { goBase64, goFields, goParseInt64 } from '../../src/toolchain/go-rules.js';
import {
  isKeyName,
  keyHash,
  NoteError,
  openNote,
  parseVerifierKey,
  readVerifierKey,
  type VerifierKey,
} from '../../src/toolchain/note.js';
import { SUM_GOLANG_ORG_KEY } from '../../src/toolchain/gosumdb.js';
import { makeKey, signNote, treeText } from '../../test/support/sumdb-server.js';
import {
  ENOCH_KEY,
  ENOCH_SIG,
  PETER_BAD_KEYS,
  PETER_KEY,
  PETER_SIG,
  PETER_TEXT,
} from '../../test/support/sumdb-vectors.js';

const key = (text: string): VerifierKey => parseVerifierKey(text, 'GOSUMDB');
const open = (msg: string | Buffer, k: VerifierKey) =>
  openNote(typeof msg === 'string' ? Buffer.from(msg) : msg, k);
const code = (f: () => unknown): string => {
  try {
    f();
  } catch (err) {
    if (err instanceof NoteError) return err.code;
    throw err;
  }
  return 'ok';
};

describe('verifier keys (note.NewVerifier)', () => {
  it('accepts the published keys, their hash matching their name and key', () => {
    expect(key(PETER_KEY)).toMatchObject({ name: 'PeterNeumann', hash: 0xc74f20a3 });
    expect(key(ENOCH_KEY)).toMatchObject({ name: 'EnochRoot', hash: 0xaf0cfe78 });
    const go = key(SUM_GOLANG_ORG_KEY);
    expect(go).toMatchObject({ name: 'sum.golang.org', hash: 0x033de0ae });
    expect(keyHash('sum.golang.org', Buffer.concat([Buffer.from([1]), go.publicKey]))).toBe(
      0x033de0ae,
    );
  });

  it('refuses every substring and every one-byte change of a key, as x/mod tests', () => {
    const b = Buffer.from(PETER_KEY);
    for (let i = 0; i <= b.length; i++) {
      for (let j = i + 1; j <= b.length; j++) {
        if (i === 0 && j === b.length) continue;
        expect('error' in readVerifierKey(b.subarray(i, j).toString()), `${i}:${j}`).toBe(true);
      }
    }
    for (let i = 0; i < b.length; i++) {
      const c = Buffer.from(b);
      c[i] = c[i]! + 1;
      expect('error' in readVerifierKey(c.toString('latin1')), `byte ${i}`).toBe(true);
    }
    expect(readVerifierKey(PETER_BAD_KEYS[0]!)).toMatchObject({ error: 'malformed verifier id' });
    expect(readVerifierKey(PETER_BAD_KEYS[1]!)).toMatchObject({
      error: 'unknown verifier algorithm',
    });
  });

  it('reads the hash as Go does: upper-case hex is the same hash', () => {
    expect(key(PETER_KEY.replace('c74f20a3', 'C74F20A3'))).toMatchObject({ hash: 0xc74f20a3 });
    expect(readVerifierKey(PETER_KEY.replace('c74f20a3', '0xc74f20'))).toMatchObject({
      error: 'malformed verifier id',
    });
  });

  it('refuses keys in one line naming GOSUMDB', () => {
    const good = makeKey('db.example');
    const [name, hash, b64] = good.verifier.split('+') as [string, string, string];
    for (const bad of [
      'db.example',
      `${name}+${hash}`,
      `${name}+00000000+${b64}`,
      `${name}+${hash}+${b64.slice(1)}`,
      `+${hash}+${b64}`,
    ]) {
      expect(() => key(bad), bad).toThrow(UserError);
      expect(() => key(bad)).toThrow(/^GOSUMDB: ".*" is not a checksum database key \(.*\); use/);
    }
  });

  it("names are checked with Go's unicode.IsSpace, not JavaScript's \\s", () => {
    expect(isKeyName('a\u0085b')).toBe(false); // NEL: a space to Go, not to \s
    expect(isKeyName('a\ufeffb')).toBe(true); // BOM: \s to JavaScript, not a space to Go
    expect(isKeyName('a\u3000b')).toBe(false);
    expect(isKeyName('a+b')).toBe(false);
    expect(isKeyName('')).toBe(false);
    expect(isKeyName('a\x01b')).toBe(true);
    expect(isKeyName('a\ud800b')).toBe(false); // not valid UTF-8 once encoded
    expect(goFields(' a\u0085b\ufeffc ')).toEqual(['a', 'b\ufeffc']);
  });

  it('decodes base64 and integers as Go does', () => {
    expect(goBase64('AB==')).toEqual(Buffer.from([0])); // trailing bits are not checked
    expect(goBase64('AA\r\n==')).toEqual(Buffer.from([0])); // \r and \n are skipped
    expect(goBase64('AA')).toBeUndefined();
    expect(goBase64('AA==AA==')).toBeUndefined();
    expect(goBase64('A===')).toBeUndefined();
    expect(goParseInt64('+5')).toBe(5n);
    expect(goParseInt64('-0')).toBe(0n);
    expect(goParseInt64('007')).toBe(7n);
    expect(goParseInt64('9223372036854775808')).toBeUndefined();
    expect(goParseInt64('1e3')).toBeUndefined();
  });
});

describe('signed notes (note.Open)', () => {
  const peter = key(PETER_KEY);
  const enoch = key(ENOCH_KEY);

  it('opens the published note, among signatures by other keys', () => {
    expect(open(`${PETER_TEXT}\n${PETER_SIG}${ENOCH_SIG}`, peter)).toBe(PETER_TEXT);
    expect(open(`${PETER_TEXT}\n${PETER_SIG}${ENOCH_SIG}`, enoch)).toBe(PETER_TEXT);
    expect(open(`${PETER_TEXT}\n${PETER_SIG}`, peter)).toBe(PETER_TEXT);
  });

  it('refuses a note that the key did not sign', () => {
    expect(() => open(`${PETER_TEXT}\n${ENOCH_SIG}`, peter)).toThrow(
      /^is not signed by the key PeterNeumann\+c74f20a3 \(signed by "EnochRoot"\)$/,
    );
  });

  it('refuses more than 100 signatures, whoever made them', () => {
    expect(code(() => open(`${PETER_TEXT}\n${PETER_SIG.repeat(101)}`, peter))).toBe(
      'malformed note',
    );
    expect(code(() => open(`${PETER_TEXT}\n${ENOCH_SIG.repeat(101)}`, peter))).toBe(
      'malformed note',
    );
    expect(code(() => open(`${PETER_TEXT}\n${PETER_SIG.repeat(100)}`, peter))).toBe('ok');
  });

  it('refuses an invalid signature by the key', () => {
    const sig = `${PETER_SIG.slice(0, 60)}ABCD${PETER_SIG.slice(60)}`;
    expect(() => open(`${PETER_TEXT}\n${sig}`, peter)).toThrow(
      'has an invalid signature by PeterNeumann',
    );
  });

  it('accepts repeated signatures: only the first by the key is checked', () => {
    const enochABCD = `${ENOCH_SIG.slice(0, 60)}ABCD${ENOCH_SIG.slice(60)}`;
    const msg = `${PETER_TEXT}\n${PETER_SIG}${PETER_SIG}${ENOCH_SIG}${ENOCH_SIG}${enochABCD}`;
    expect(open(msg, peter)).toBe(PETER_TEXT);
    // A second signature by the key that would not verify is never read.
    const peterABCD = `${PETER_SIG.slice(0, 60)}ABCD${PETER_SIG.slice(60)}`;
    expect(open(`${PETER_TEXT}\n${PETER_SIG}${peterABCD}`, peter)).toBe(PETER_TEXT);
    expect(code(() => open(`${PETER_TEXT}\n${peterABCD}${PETER_SIG}`, peter))).toBe(
      'invalid signature',
    );
  });

  it('refuses the malformed notes of x/mod tests', () => {
    for (const msg of [
      PETER_TEXT,
      `${PETER_TEXT}\n`,
      `${PETER_TEXT}\n${PETER_SIG.slice(0, -1)}`,
      `\x01${PETER_TEXT}\n${PETER_SIG}`,
      Buffer.concat([Buffer.from([0xff]), Buffer.from(`${PETER_TEXT}\n${PETER_SIG}`)]),
      `${PETER_TEXT}\n\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=`,
      `${PETER_TEXT}\n${PETER_SIG}Unexpected line.\n`,
    ]) {
      expect(
        code(() => open(msg, peter)),
        String(msg),
      ).toBe('malformed note');
    }
  });

  it('reads signature names by the same rule as key names', () => {
    const k = makeKey('db.example');
    const v = key(k.verifier);
    const text = treeText(5, Buffer.alloc(32, 7));
    const signed = signNote(text, [k]).toString();
    const withLine = (line: string) => Buffer.from(`${signed}${line}\n`);
    const sig = signed.split('\u2014 db.example ')[1]!.trim();
    expect(code(() => open(withLine(`\u2014 a+b ${sig}`), v))).toBe('malformed note');
    expect(code(() => open(withLine(`\u2014 a\u0085b ${sig}`), v))).toBe('malformed note');
    expect(code(() => open(withLine(`\u2014 a\ufeffb ${sig}`), v))).toBe('ok');
    expect(code(() => open(withLine(`\u2014 a\x7fb ${sig}`), v))).toBe('ok'); // DEL is allowed
    expect(code(() => open(withLine(`\u2014 a\x1fb ${sig}`), v))).toBe('malformed note');
  });
});
