import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decideBuildSave,
  MARKER_FILE,
  markerAge,
  parseMarker,
  pct,
  readMarker,
  SAVE_RULE,
  workflowId,
  writeMarker,
  type BuildCacheFacts,
} from '../../src/cache/save-rule.js';

const MiB = 1024 * 1024;
/** A warm job: 1000 entries (40 MiB) restored, the build used 30 MiB of them. */
const warm = (over: Partial<BuildCacheFacts>): BuildCacheFacts => ({
  restored: true,
  entriesBefore: 1000,
  bytesBefore: 40 * MiB,
  entriesNow: 1000,
  bytesNow: 40 * MiB,
  usedBytes: 30 * MiB,
  savedRunsAgo: 1,
  savedHoursAgo: 0.5,
  ...over,
});

describe('decideBuildSave', () => {
  it('saves what a cold job built, and nothing when nothing was built', () => {
    const cold = { restored: false, entriesBefore: 0, bytesBefore: 0, usedBytes: 0 };
    expect(decideBuildSave({ ...cold, entriesNow: 10, bytesNow: MiB })).toEqual({
      save: true,
      why: 'no build cache was restored',
    });
    expect(decideBuildSave({ ...cold, entriesNow: 0, bytesNow: 0 }).save).toBe(false);
  });

  it('does not save a warm job that added nothing', () => {
    expect(decideBuildSave(warm({}))).toEqual({
      save: false,
      why: 'this job added no entry to the restored cache, nothing to save',
    });
  });

  it('saves when the new entries are a tenth or more of what the build used', () => {
    const at = warm({ entriesNow: 1040, bytesNow: 43 * MiB, usedBytes: 30 * MiB });
    expect(decideBuildSave(at)).toEqual({
      save: true,
      why: '40 new entry files (3.0 MiB) are 10% of the 30.0 MiB the build used (10% or more)',
    });
  });

  it('never shows a share under the threshold as the threshold', () => {
    // 7.09 MiB of 71.0 MiB is just under a tenth: it was once shown as "10% (under 10%)".
    const under = warm({
      entriesNow: 1367,
      bytesNow: 40 * MiB + Math.round(7.09 * MiB),
      usedBytes: 71 * MiB,
    });
    const d = decideBuildSave(under);
    expect(d.save).toBe(false);
    expect(d.why).toMatch(/ are 9\.9% of the 71\.0 MiB the build used \(under 10%\)/);
    expect([0.0996, 0.1, 0.1004, 0.42, 0.02, 0.001, 1].map(pct)).toEqual([
      '9.9%',
      '10%',
      '10%',
      '42%',
      '2.0%',
      '0.1%',
      '100%',
    ]);
  });

  it('skips a small addition to a recent cache, and says what brings the next save', () => {
    const small = warm({ entriesNow: 1004, bytesNow: 40 * MiB + 600 * 1024, savedRunsAgo: 3 });
    expect(decideBuildSave(small)).toEqual({
      save: false,
      why: 'not saved: 4 new entry files (600.0 KiB) are 1.9% of the 30.0 MiB the build used (under 10%), and the restored cache is from 3 runs ago; the next job builds them again, and saves once its new share reaches 10% or the cache is 10 runs old',
    });
  });

  it(`saves a small addition when the restored cache is ${SAVE_RULE.maxRuns} runs old`, () => {
    const old = warm({ entriesNow: 1004, bytesNow: 41 * MiB, savedRunsAgo: SAVE_RULE.maxRuns });
    expect(decideBuildSave(old)).toEqual({
      save: true,
      why: 'the restored cache was saved 10 runs ago (a save at least every 10 runs)',
    });
    expect(decideBuildSave({ ...old, savedRunsAgo: SAVE_RULE.maxRuns - 1 }).save).toBe(false);
  });

  it('falls back to hours when runs cannot be compared, and saves when neither is known', () => {
    const small = { entriesNow: 1004, bytesNow: 41 * MiB, savedRunsAgo: undefined };
    expect(decideBuildSave(warm({ ...small, savedHoursAgo: 23 })).save).toBe(false);
    expect(decideBuildSave(warm({ ...small, savedHoursAgo: 30 }))).toEqual({
      save: true,
      why: 'the restored cache was saved 30 hours ago (a save at least every 24 hours)',
    });
    expect(decideBuildSave(warm({ ...small, savedHoursAgo: undefined }))).toEqual({
      save: true,
      why: 'the restored cache does not say when it was saved',
    });
  });

  it('counts skipped work in the next job: a second small addition on top makes a save', () => {
    // Job 1 adds 6% and skips; job 2 builds those again plus its own 6%: 12% of what it used.
    const first = warm({ entriesNow: 1060, bytesNow: 40 * MiB + 1.8 * MiB });
    expect(decideBuildSave(first).save).toBe(false);
    const second = warm({ entriesNow: 1120, bytesNow: 40 * MiB + 3.6 * MiB, savedRunsAgo: 2 });
    expect(decideBuildSave(second).save).toBe(true);
  });
});

describe('decideBuildSave with layers (the base restored is known)', () => {
  // The build used 30 MiB; `layer` is what of it the base lacks.
  const layered = (
    layer: { entries: number; bytes: number },
    over: Partial<BuildCacheFacts> = {},
  ) => warm({ entriesNow: 1000 + layer.entries, bytesNow: 40 * MiB + layer.bytes, layer, ...over });

  it('saves a layer of what the base lacks when the job added a real share', () => {
    expect(decideBuildSave(layered({ entries: 20, bytes: 3 * MiB }))).toEqual({
      save: true,
      layer: true,
      why: 'a layer over the base: the 20 entry files (3.0 MiB) the base lacks are 10% of the 30.0 MiB the build used',
    });
    // Far under the 10 % a whole new cache takes: a layer is small to pack and to restore.
    const small = decideBuildSave(layered({ entries: 4, bytes: 0.7 * MiB }));
    expect(small).toMatchObject({ save: true, layer: true });
  });

  it('counts the layer it restored in the layer, and only its own additions in the share that makes a save', () => {
    // 25 entries the base lacks, but only 2 (20 KiB) new in this job: not worth an upload.
    const facts = warm({
      entriesBefore: 1023,
      bytesBefore: 42 * MiB,
      entriesNow: 1025,
      bytesNow: 42 * MiB + 20 * 1024,
      layer: { entries: 25, bytes: 2 * MiB },
    });
    expect(decideBuildSave(facts)).toEqual({
      save: false,
      why: 'not saved: 2 new entry files (20.0 KiB) are 0.0% of the 30.0 MiB the build used (under 2.0%: not worth a layer); the next job builds them again',
    });
  });

  it(`folds the layer into a new base once the base lacks ${SAVE_RULE.foldShare * 100}% of the build`, () => {
    expect(decideBuildSave(layered({ entries: 600, bytes: 15 * MiB }))).toEqual({
      save: true,
      why: 'a new base: the 600 entry files (15.0 MiB) the base lacks are 50% of the 30.0 MiB the build used (50% or more, folded in)',
    });
  });

  it('saves a new base, not a layer, when the base is old', () => {
    const d = decideBuildSave(layered({ entries: 20, bytes: 3 * MiB }, { savedRunsAgo: 10 }));
    expect(d).toEqual({
      save: true,
      why: 'a new base: the restored cache was saved 10 runs ago (a save at least every 10 runs)',
    });
  });

  it('saves nothing when the job added nothing, layer or not', () => {
    expect(decideBuildSave(warm({ layer: { entries: 25, bytes: 2 * MiB } })).save).toBe(false);
  });
});

describe('the cache marker', () => {
  const now = { workflow: 'o/r/.github/workflows/ci.yml', runNumber: 42, time: 1_800_000_000_000 };
  const marker = (m: object) => JSON.stringify(m);

  it('names the workflow without its ref, so branches share run numbers', () => {
    expect(
      workflowId({ GITHUB_WORKFLOW_REF: 'o/r/.github/workflows/ci.yml@refs/pull/7/merge' }),
    ).toBe('o/r/.github/workflows/ci.yml');
    expect(workflowId({})).toBeUndefined();
  });

  it('gives the age in runs of the same workflow, and in hours', () => {
    const m = parseMarker(
      marker({ workflow: now.workflow, runNumber: 39, savedAt: now.time - 7_200_000 }),
    );
    expect(markerAge(m, now)).toEqual({ savedRunsAgo: 3, savedHoursAgo: 2 });
  });

  it('does not compare runs of another workflow, or from the future', () => {
    const other = parseMarker(
      marker({ workflow: 'o/r/.github/workflows/release.yml', runNumber: 3, savedAt: now.time }),
    );
    expect(markerAge(other, now)).toEqual({ savedHoursAgo: 0 });
    const ahead = parseMarker(
      marker({ workflow: now.workflow, runNumber: 50, savedAt: now.time + 3_600_000 }),
    );
    expect(markerAge(ahead, now)).toEqual({});
  });

  it('reads anything malformed as unknown (it comes from the cache service)', () => {
    for (const text of [
      undefined,
      '',
      'not json',
      '[]',
      'null',
      marker({ workflow: 1, runNumber: 1, savedAt: 1 }),
      marker({ workflow: 'w', runNumber: -1, savedAt: 1 }),
      marker({ workflow: 'w', runNumber: 1.5, savedAt: 1 }),
      marker({ workflow: 'w', runNumber: 1, savedAt: 'yesterday' }),
      marker({ workflow: 'w'.repeat(5000), runNumber: 1, savedAt: 1 }),
    ]) {
      expect(parseMarker(text), String(text).slice(0, 40)).toBeUndefined();
    }
  });
});

describe('the marker file', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'marker-'));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const m = { workflow: 'w', runNumber: 7, savedAt: 1 };

  it('round-trips, and replaces a symlink left there instead of writing through it', async () => {
    const gocache = fs.mkdtempSync(path.join(tmp, 'gc-'));
    const victim = path.join(tmp, 'victim.txt');
    fs.writeFileSync(victim, 'untouched');
    fs.symlinkSync(victim, path.join(gocache, MARKER_FILE));
    expect(await readMarker(gocache)).toBeUndefined();
    await writeMarker(gocache, m);
    expect(fs.readFileSync(victim, 'utf8')).toBe('untouched');
    expect(fs.lstatSync(path.join(gocache, MARKER_FILE)).isFile()).toBe(true);
    expect(parseMarker(await readMarker(gocache))).toEqual(m);
  });

  it('is written to a new file renamed over the name: no temporary file stays', async () => {
    const gocache = fs.mkdtempSync(path.join(tmp, 'gc-'));
    fs.writeFileSync(path.join(gocache, MARKER_FILE), 'old');
    const before = fs.lstatSync(path.join(gocache, MARKER_FILE)).ino;
    await writeMarker(gocache, m);
    expect(fs.readdirSync(gocache)).toEqual([MARKER_FILE]);
    expect(fs.lstatSync(path.join(gocache, MARKER_FILE)).ino).not.toBe(before);
  });

  it('does not read a device, a FIFO, a directory or a big file', async () => {
    const gocache = fs.mkdtempSync(path.join(tmp, 'gc-'));
    execFileSync('mkfifo', [path.join(gocache, MARKER_FILE)]);
    expect(await readMarker(gocache)).toBeUndefined(); // and does not wait for a writer
    fs.rmSync(path.join(gocache, MARKER_FILE));
    fs.symlinkSync('/dev/zero', path.join(gocache, MARKER_FILE));
    expect(await readMarker(gocache)).toBeUndefined();
    fs.rmSync(path.join(gocache, MARKER_FILE));
    fs.mkdirSync(path.join(gocache, MARKER_FILE));
    expect(await readMarker(gocache)).toBeUndefined();
    fs.rmSync(path.join(gocache, MARKER_FILE), { recursive: true });
    fs.writeFileSync(path.join(gocache, MARKER_FILE), ' '.repeat(5000));
    expect(await readMarker(gocache)).toBeUndefined();
  });
});
