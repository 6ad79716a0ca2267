// The checksum database client against golang.org/x/mod itself: thousands of generated keys,
// names, GOSUMDB values, notes, tree heads, records and whole lookups (tiles, proofs, forks,
// lies) go to our TypeScript and to a Go program built now against the x/mod vendored in the
// newest Go fixture (test/support/sumdb-diff/main.go); every accept/refuse decision and every
// parsed value must be the same. Needs the Go fixtures (bash test/support/go-fixtures.sh).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goAcceptsSumDbName, parseGoSumDb, type SumDb } from '../../src/toolchain/gosumdb.js';
import { NoteError, openNote, readVerifierKey } from '../../src/toolchain/note.js';
import { parseRecord, parseTreeNote, verifiedHash } from '../../src/toolchain/sumdb.js';
import { cleanupTempDirs } from '../../test/support/action-harness.js';
import { goFixtures } from '../../test/support/fixtures.js';
import { buildSumdbDiff, type GoAnswer, type GoVector } from '../../test/support/sumdb-diff.js';
import {
  gosumdbVectors,
  keyVectors,
  lookupVectors,
  nameVectors,
  noteVectors,
  recordVectors,
  rng,
  treeVectors,
} from '../../test/support/sumdb-diff-vectors.js';

let goAnswers: (v: GoVector[]) => Promise<GoAnswer[]>;

beforeAll(async () => {
  const newest = (await goFixtures())[0];
  if (!newest) throw new Error('No Go fixture: run bash test/support/go-fixtures.sh first');
  goAnswers = await buildSumdbDiff(newest.minor);
}, 600_000);
afterAll(cleanupTempDirs);

const b64 = (b: Buffer): string => b.toString('base64');
const from64 = (s = ''): Buffer => Buffer.from(s, 'base64');

/** Our answer to a vector, in the Go program's terms. */
async function ours(v: GoVector): Promise<GoAnswer> {
  switch (v.kind) {
    case 'key': {
      const k = readVerifierKey(v.text!);
      return 'error' in k ? { ok: false, err: k.error } : { ok: true, name: k.name, hash: k.hash };
    }
    case 'name':
      return { ok: goAcceptsSumDbName(v.name!) };
    case 'gosumdb': {
      try {
        const db = parseGoSumDb(v.value);
        if (db === 'off') return { ok: true, name: 'off' };
        return { ok: true, name: db.key.name, url: db.url ? new URL(db.url).host : undefined };
      } catch (err) {
        return { ok: false, err: (err as Error).message };
      }
    }
    case 'note': {
      const k = readVerifierKey(v.key!);
      if ('error' in k) return { ok: false, err: k.error };
      try {
        return { ok: true, text: b64(Buffer.from(openNote(from64(v.msg), k))) };
      } catch (err) {
        if (err instanceof NoteError) return { ok: false, err: err.code };
        throw err;
      }
    }
    case 'tree': {
      const t = parseTreeNote(from64(v.msg));
      return t ? { ok: true, n: t.size.toString(), text: b64(t.hash) } : { ok: false };
    }
    case 'record': {
      const r = parseRecord(from64(v.msg));
      return r
        ? { ok: true, n: r.id.toString(), text: b64(r.text), rest: b64(r.rest) }
        : { ok: false };
    }
    case 'lookup': {
      const base = 'https://db.example';
      const fetch = async (url: string) => {
        const path = url.slice(base.length);
        if (path === '/latest') return from64(v.latest);
        const data = v.remote![path];
        if (data === undefined) throw new Error(`404 ${path}`);
        return from64(data);
      };
      try {
        const db = parseGoSumDb(v.key) as SumDb;
        const got = await verifiedHash(db, base, v.module!, v.version!, fetch);
        return got.h1 === v.h1 ? { ok: true } : { ok: false, err: 'checksum mismatch' };
      } catch (err) {
        return { ok: false, err: (err as Error).message };
      }
    }
  }
}

/** The fields compared: the decision, and for an acceptance what was read. */
const decision = (a: GoAnswer) =>
  a.ok
    ? {
        ok: true,
        name: a.name || undefined,
        hash: a.hash || undefined,
        text: a.text || undefined,
        n: a.n || undefined,
        rest: a.rest || undefined,
        url: a.url || undefined,
      }
    : { ok: false };

/** What we refuse beyond Go on purpose: database names whose URL a WHATWG parser would rewrite. */
const STRICTER =
  /which is not host\[\/path\] \((it holds % or #|it holds \. or \.\. as a path segment|its host or port is not valid in a URL)\)/;

async function compare(vectors: GoVector[]) {
  const theirs = await goAnswers(vectors);
  expect(theirs).toHaveLength(vectors.length);
  const disagreements: unknown[] = [];
  const stricter: unknown[] = [];
  const counts = { accepted: 0, refused: 0 };
  for (let i = 0; i < vectors.length; i++) {
    const mine = await ours(vectors[i]!);
    const go = theirs[i]!;
    if (go.ok) counts.accepted++;
    else counts.refused++;
    if (!mine.ok && go.ok && STRICTER.test(mine.err ?? '')) {
      stricter.push({ value: vectors[i]!.value, why: mine.err });
      continue;
    }
    const a = decision(mine);
    const b = decision(go);
    if (JSON.stringify(a) !== JSON.stringify(b)) {
      const shown = { ...vectors[i], remote: vectors[i]!.remote ? '…' : undefined };
      disagreements.push({ vector: shown, ours: mine, go });
    }
  }
  return { disagreements, stricter, counts };
}

describe('our checksum database client decides as golang.org/x/mod', () => {
  it.each([
    ['verifier keys', () => keyVectors(rng(1))],
    ['database names (host[/path])', () => nameVectors(rng(2))],
    ['signed notes', () => noteVectors(rng(3))],
    ['tree heads', () => treeVectors(rng(4))],
    ['records', () => recordVectors(rng(5))],
  ])(
    '%s',
    async (_what, make) => {
      const vectors = make();
      const { disagreements, counts } = await compare(vectors);
      expect(disagreements).toEqual([]);
      // Both kinds of answer are exercised.
      expect(counts.accepted).toBeGreaterThan(5);
      expect(counts.refused).toBeGreaterThan(5);
    },
    120_000,
  );

  it('GOSUMDB values, stricter only where a WHATWG URL would differ', async () => {
    const { disagreements, stricter, counts } = await compare(gosumdbVectors());
    expect(disagreements).toEqual([]);
    expect(stricter).toEqual([
      {
        value: expect.stringMatching(/^sum\.example\/\.\.\/x\+/),
        why: expect.stringMatching(/\. or \.\./),
      },
      { value: expect.stringMatching(/^sum\.example:99999\+/), why: expect.stringMatching(/port/) },
    ]);
    expect(counts.accepted).toBeGreaterThan(5);
    expect(counts.refused).toBeGreaterThan(5);
  }, 120_000);

  it('whole lookups: heads, records, tiles, proofs and lies', async () => {
    const { disagreements, counts } = await compare(lookupVectors(rng(6)));
    expect(disagreements).toEqual([]);
    expect(counts.accepted).toBeGreaterThan(20);
    expect(counts.refused).toBeGreaterThan(20);
  }, 600_000);
});
