// Vectors published with golang.org/x/mod's own tests (sumdb/note/note_test.go,
// sumdb/tlog/*_test.go, sumdb/client_test.go): keys, signed notes, tree heads and records that
// the go command's code accepts or refuses, for our client to be held to the same answers. Only
// the data is taken, not their code.
import { createPrivateKey, sign, type KeyObject } from 'node:crypto';

export const PETER_KEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
export const ENOCH_KEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
export const PETER_TEXT =
  "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
export const PETER_SIG =
  '\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
export const ENOCH_SIG =
  '\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';
/** Keys NewVerifier refuses: a wrong-length key and an unknown algorithm, both with a matching hash. */
export const PETER_BAD_KEYS = [
  'PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==',
  'PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
];

/** client_test.go's database: its name, verifier key and signer key (the seed is public). */
export const CLIENT_NAME = 'localhost.localdev/sumdb';
export const CLIENT_VERIFIER_KEY =
  'localhost.localdev/sumdb+00000c67+AcTrnkbUA+TU4heY3hkjiSES/DSQniBqIeQ/YppAUtK6';
export const CLIENT_SIGNER_KEY =
  'PRIVATE+KEY+localhost.localdev/sumdb+00000c67+AXu6+oaVaOYuQOFrf1V59JK1owcFlJcHwwXHDfDGxSPk';
/** Its records, in the order client_test.go adds them. */
export const CLIENT_RECORDS: Array<{ key: string; text: string }> = [
  {
    key: 'rsc.io/quote@v1.5.2',
    text: 'rsc.io/quote v1.5.2 h1:w5fcysjrx7yqtD/aO+QwRjYZOKnaM9Uh2b40tElTs3Y=\nrsc.io/quote v1.5.2/go.mod h1:LzX7hefJvL54yjefDEDHNONDjII0t9xZLPXsUe+TKr0=\nrsc.io/quote v1.5.2 h2:xyzzy\n',
  },
  {
    key: 'golang.org/x/text@v0.0.0-20170915032832-14c0d48ead0c',
    text: 'golang.org/x/text v0.0.0-20170915032832-14c0d48ead0c h1:qgOY6WgZOaTkIIMiVjBQcw93ERBE4m30iBm00nkL0i8=\ngolang.org/x/text v0.0.0-20170915032832-14c0d48ead0c/go.mod h1:NqM8EUOU14njkJ3fqMW+pc6Ldnwhi/IjpwHt7yyuwOQ=\n',
  },
  {
    key: 'rsc.io/sampler@v1.3.0',
    text: 'rsc.io/sampler v1.3.0 h1:7uVkIFmeBqHfdjD+gZwtXXI+RODJ2Wc4O7MPEh/QiW4=\nrsc.io/sampler v1.3.0/go.mod h1:T1hPZKmBbMNahiBKFy5HrXp6adAjACjK9JXDnKaTXpA=\n',
  },
  { key: 'rsc.io/!quote@v1.5.2', text: 'rsc.io/Quote v1.5.2 h1:uppercase!=\n' },
];

/** A signer from a `PRIVATE+KEY+<name>+<hash>+<base64 of 0x01 || seed>` key. */
export function signerFromKey(skey: string): { name: string; hash: Buffer; key: KeyObject } {
  const [, name, hash, b64] = /^PRIVATE\+KEY\+([^+]+)\+([0-9a-f]{8})\+(.+)$/.exec(skey) ?? [];
  if (!name || !hash || !b64) throw new Error(`not a signer key: ${skey}`);
  const seed = Buffer.from(b64, 'base64').subarray(1);
  const key = createPrivateKey({
    key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]),
    format: 'der',
    type: 'pkcs8',
  });
  return { name, hash: Buffer.from(hash, 'hex'), key };
}

/** A note signed by these signers, as note.Sign writes it. */
export function signWith(text: string, signers: ReturnType<typeof signerFromKey>[]): Buffer {
  const lines = signers.map(
    (s) =>
      `\u2014 ${s.name} ${Buffer.concat([s.hash, sign(null, Buffer.from(text), s.key)]).toString('base64')}\n`,
  );
  return Buffer.from(`${text}\n${lines.join('')}`);
}

/** tlog's note_test.go: a tree head and the hash of "hello world" it names. */
export const TREE_TEXT =
  'go.sum database tree\n123456789012\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n';
export const TREE_BAD = [
  `not-${TREE_TEXT}`,
  'go.sum database tree\n0xabcdef\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n',
  'go.sum database tree\n123456789012\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBTOOBIG=\n',
];
export const RECORD_IN = Buffer.from('123456789012\nhello, world\n\njunk on end\x01\xff', 'latin1');
export const RECORD_BAD = [
  'not-123456789012\nhello, world\n\n',
  '123\nhello\x01world\n\n',
  '123\nhello\xffworld\n\n',
  '123\nhello world\n',
  '0x123\nhello world\n\n',
];
/** tlog_test.go's tile paths and the tiles they name (h, l, n, w); undefined: refused. */
export const TILE_PATHS: Array<[string, { h: number; l: number; n: number; w: number }]> = [
  ['tile/4/0/001', { h: 4, l: 0, n: 1, w: 16 }],
  ['tile/4/0/001.p/5', { h: 4, l: 0, n: 1, w: 5 }],
  ['tile/3/5/x123/x456/078', { h: 3, l: 5, n: 123456078, w: 8 }],
  ['tile/3/5/x123/x456/078.p/2', { h: 3, l: 5, n: 123456078, w: 2 }],
  ['tile/1/0/x003/x057/500', { h: 1, l: 0, n: 3057500, w: 2 }],
  ['tile/1/data/x003/x057/500', { h: 1, l: -1, n: 3057500, w: 2 }],
];
