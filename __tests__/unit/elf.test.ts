// The ELF reader of the glibc check: crafted files of every class and byte order, real binaries of
// this machine checked against binutils' readelf, and broken input that must not crash it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  bufferSource,
  compareVersions,
  glibcVersion,
  newestGlibc,
  readElf,
  readElfFile,
  type ElfInfo,
} from '../../src/check/elf.js';

interface Craft {
  wide?: boolean;
  little?: boolean;
  interp?: boolean;
  needs?: { file: string; versions: string[] }[];
}

/**
 * A minimal ELF file: header, an optional PT_INTERP program header, a string table and a
 * version-needs section, and the section headers that name them.
 */
function craft({ wide = true, little = true, interp = true, needs = [] }: Craft): Buffer {
  const w = wide ? 8 : 4;
  const ehsize = wide ? 64 : 52;
  const phentsize = wide ? 56 : 32;
  const shentsize = wide ? 64 : 40;
  const strings: string[] = [''];
  const strOffset = (s: string): number => {
    let off = 0;
    for (const t of strings) {
      if (t === s) return off;
      off += Buffer.byteLength(t) + 1;
    }
    strings.push(s);
    return off;
  };
  const verneed: number[][] = [];
  needs.forEach((n, i) => {
    const fileOff = strOffset(n.file);
    const aux = n.versions.map((v) => strOffset(v));
    const size = 16 + 16 * aux.length;
    verneed.push([fileOff, aux.length, i === needs.length - 1 ? 0 : size, ...aux]);
  });
  const strtab = Buffer.from(strings.map((s) => `${s}\0`).join(''), 'latin1');
  const phoff = ehsize;
  const phnum = interp ? 1 : 0;
  const strOff = phoff + phnum * phentsize;
  const vnOff = strOff + strtab.length;
  const vnSize = verneed.reduce((n, v) => n + 16 + 16 * (v[1] ?? 0), 0);
  const shoff = vnOff + vnSize;
  const shnum = 3;
  const buf = Buffer.alloc(shoff + shnum * shentsize);
  const u16 = (o: number, v: number) =>
    little ? buf.writeUInt16LE(v, o) : buf.writeUInt16BE(v, o);
  const u32 = (o: number, v: number) =>
    little ? buf.writeUInt32LE(v, o) : buf.writeUInt32BE(v, o);
  const word = (o: number, v: number) =>
    wide
      ? little
        ? buf.writeBigUInt64LE(BigInt(v), o)
        : buf.writeBigUInt64BE(BigInt(v), o)
      : u32(o, v);
  buf.writeUInt32BE(0x7f454c46, 0);
  buf[4] = wide ? 2 : 1;
  buf[5] = little ? 1 : 2;
  buf[6] = 1;
  u16(16, 2);
  u16(18, wide ? 62 : 3);
  u32(20, 1);
  word(24 + w, phnum ? phoff : 0);
  word(24 + 2 * w, shoff);
  const at = 24 + 3 * w + 4;
  u16(at, ehsize);
  u16(at + 2, phentsize);
  u16(at + 4, phnum);
  u16(at + 6, shentsize);
  u16(at + 8, shnum);
  if (interp) u32(phoff, 3);
  strtab.copy(buf, strOff);
  let entry = vnOff;
  for (const v of verneed) {
    const [fileOff, cnt, next, ...aux] = v as [number, number, number, ...number[]];
    u16(entry, 1);
    u16(entry + 2, cnt);
    u32(entry + 4, fileOff);
    u32(entry + 8, 16);
    u32(entry + 12, next);
    aux.forEach((nameOff, k) => {
      const a = entry + 16 + 16 * k;
      u32(a + 8, nameOff);
      u32(a + 12, k === aux.length - 1 ? 0 : 16);
    });
    entry += 16 + 16 * aux.length;
  }
  // Section headers: null, .dynstr (SHT_STRTAB), .gnu.version_r (SHT_GNU_verneed → link 1).
  const section = (
    i: number,
    type: number,
    off: number,
    size: number,
    link: number,
    info: number,
  ) => {
    const b = shoff + i * shentsize;
    u32(b + 4, type);
    word(b + 8 + 2 * w, off);
    word(b + 8 + 3 * w, size);
    u32(b + 8 + 4 * w, link);
    u32(b + 12 + 4 * w, info);
  };
  section(1, 3, strOff, strtab.length, 0, 0);
  section(2, needs.length ? 0x6ffffffe : 1, vnOff, vnSize, 1, needs.length);
  return buf;
}

const LIBC = [
  { file: 'libc.so.6', versions: ['GLIBC_2.2.5', 'GLIBC_2.34', 'GLIBC_2.3.2'] },
  { file: 'libm.so.6', versions: ['GLIBC_2.29', 'GLIBC_PRIVATE'] },
];

describe('readElf on crafted files', () => {
  it.each([
    ['ELF64 little-endian', true, true],
    ['ELF64 big-endian', true, false],
    ['ELF32 little-endian', false, true],
    ['ELF32 big-endian', false, false],
  ])('%s: every library and version it needs', (_name, wide, little) => {
    const info = readElf(bufferSource(craft({ wide, little, needs: LIBC })));
    expect(info).toEqual({ kind: 'elf', dynamic: true, needs: LIBC });
    expect(newestGlibc(info.kind === 'elf' ? info.needs : [])).toBe('GLIBC_2.34');
  });

  it('a static binary: no interpreter, no version needs', () => {
    expect(readElf(bufferSource(craft({ interp: false })))).toEqual({
      kind: 'elf',
      dynamic: false,
      needs: [],
    });
  });

  it('not ELF: a script, an empty file, a short one', () => {
    for (const text of ['#!/bin/sh\necho hi\n', '', '\x7fEL']) {
      expect(readElf(bufferSource(Buffer.from(text)))).toEqual({ kind: 'not-elf' });
    }
  });

  it('an unknown class or byte order is malformed', () => {
    const buf = craft({ needs: LIBC });
    buf[4] = 3;
    expect(readElf(bufferSource(buf)).kind).toBe('malformed');
  });

  it('every truncation of a file is malformed or not ELF (or, cut past what is read, the same answer), never a crash', () => {
    const buf = craft({ needs: LIBC });
    const whole = readElf(bufferSource(buf));
    const kinds = new Set<string>();
    for (let n = 0; n < buf.length; n++) {
      const info = readElf(bufferSource(buf.subarray(0, n)));
      if (info.kind === 'elf') expect(info, `cut at ${n}`).toEqual(whole);
      kinds.add(info.kind);
    }
    expect(kinds).toContain('not-elf');
    expect(kinds).toContain('malformed');
  });

  it('corrupted bytes anywhere never crash it or make it loop', () => {
    const original = craft({ needs: LIBC });
    let seed = 42;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 3000; i++) {
      const buf = Buffer.from(original);
      for (let k = 0; k < 1 + Math.floor(rand() * 4); k++) {
        buf[16 + Math.floor(rand() * (buf.length - 16))] = Math.floor(rand() * 256);
      }
      const info: ElfInfo = readElf(bufferSource(buf));
      expect(['elf', 'malformed']).toContain(info.kind);
    }
  });

  it("corrupting a real binary's headers and dynamic segment never crashes it either", () => {
    const original = fs.readFileSync(fs.realpathSync('/bin/sh'));
    // Where its PT_DYNAMIC is (an ELF64 little-endian binary, as on the machines that run this).
    expect([original[4], original[5]]).toEqual([2, 1]);
    const phoff = Number(original.readBigUInt64LE(32));
    const phnum = original.readUInt16LE(56);
    let dyn = { at: 0, size: 0 };
    for (let i = 0; i < phnum; i++) {
      const ph = phoff + i * 56;
      if (original.readUInt32LE(ph) === 2) {
        dyn = {
          at: Number(original.readBigUInt64LE(ph + 8)),
          size: Number(original.readBigUInt64LE(ph + 32)),
        };
      }
    }
    expect(dyn.size).toBeGreaterThan(0);
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 1000; i++) {
      const buf = Buffer.from(original);
      for (let k = 0; k < 1 + Math.floor(rand() * 4); k++) {
        const at =
          rand() < 0.5 ? 16 + Math.floor(rand() * 4096) : dyn.at + Math.floor(rand() * dyn.size);
        buf[at] = Math.floor(rand() * 256);
      }
      expect(['elf', 'malformed']).toContain(readElf(bufferSource(buf)).kind);
    }
  });

  it('a version need whose string offset is past its table is malformed', () => {
    const buf = craft({ needs: [{ file: 'libc.so.6', versions: ['GLIBC_2.34'] }] });
    // The first vernaux's vna_name: after the ELF header, the program header and the strings.
    const strtabLen = Buffer.byteLength('\0libc.so.6\0GLIBC_2.34\0');
    buf.writeUInt32LE(0xffffff, 64 + 56 + strtabLen + 16 + 8);
    expect(readElf(bufferSource(buf))).toMatchObject({ kind: 'malformed' });
  });
});

/** What binutils' readelf lists under the version needs section of `file`. */
function readelfNeeds(file: string): { file: string; versions: string[] }[] {
  const text = execFileSync('readelf', ['-V', '-W', file], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const section = text.split(/\n(?=Version needs section)/)[1] ?? '';
  const out: { file: string; versions: string[] }[] = [];
  for (const line of section.split('\n')) {
    const f = /File: (\S+)/.exec(line);
    if (f) out.push({ file: f[1]!, versions: [] });
    const v = /Name: (\S+)/.exec(line);
    if (v && out.length) out[out.length - 1]!.versions.push(v[1]!);
  }
  return out;
}

const hasReadelf = (() => {
  try {
    execFileSync('readelf', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('readElfFile on real binaries of this machine', () => {
  // binutils comes with gcc, which the e2e tests need (.ci/run installs it).
  it.skipIf(!hasReadelf)('reads what readelf reads: node and /bin/sh', () => {
    for (const file of [process.execPath, fs.realpathSync('/bin/sh')]) {
      const info = readElfFile(file);
      expect(info.kind, file).toBe('elf');
      if (info.kind !== 'elf') continue;
      expect(info.dynamic, file).toBe(true);
      expect(info.needs, file).toEqual(readelfNeeds(file));
      expect(newestGlibc(info.needs), file).toMatch(/^GLIBC_2\.\d+/);
    }
  });

  it.skipIf(!hasReadelf)(
    'reads the dynamic segment as the loader does, and the section headers when there is none',
    () => {
      const file = fs.realpathSync('/bin/sh');
      const want = readelfNeeds(file);
      const original = fs.readFileSync(file);
      const little = original[5] === 1;
      const wide = original[4] === 2;
      // Without section headers (e_shoff = 0, e_shnum = 0): the dynamic segment alone.
      const noSections = Buffer.from(original);
      noSections.fill(0, wide ? 40 : 32, wide ? 48 : 36);
      noSections.fill(0, wide ? 60 : 48, wide ? 62 : 50);
      expect(readElf(bufferSource(noSections))).toEqual({
        kind: 'elf',
        dynamic: true,
        needs: want,
      });
      // Without a PT_DYNAMIC (its type changed to PT_NULL): the section headers alone.
      const noDynamic = Buffer.from(original);
      const phoff = Number(wide ? noDynamic.readBigUInt64LE(32) : noDynamic.readUInt32LE(28));
      const phentsize = noDynamic.readUInt16LE(wide ? 54 : 42);
      const phnum = noDynamic.readUInt16LE(wide ? 56 : 44);
      let found = 0;
      for (let i = 0; i < phnum; i++) {
        if (noDynamic.readUInt32LE(phoff + i * phentsize) === 2) {
          noDynamic.writeUInt32LE(0, phoff + i * phentsize);
          found++;
        }
      }
      expect({ little, found }).toEqual({ little: true, found: 1 });
      expect(readElf(bufferSource(noDynamic))).toEqual({ kind: 'elf', dynamic: true, needs: want });
    },
  );

  it('does not follow a symlink', () => {
    const dir = fs.mkdtempSync('/tmp/elf-link-');
    try {
      fs.symlinkSync(process.execPath, `${dir}/link`);
      expect(() => readElfFile(`${dir}/link`)).toThrow(/ELOOP/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('glibc version names', () => {
  it('reads GLIBC_x.y[.z], nothing else', () => {
    expect(glibcVersion('GLIBC_2.34')).toEqual([2, 34]);
    expect(glibcVersion('GLIBC_2.2.5')).toEqual([2, 2, 5]);
    for (const n of ['GLIBC_PRIVATE', 'GCC_3.0', 'GLIBCXX_3.4.29', 'GLIBC_2', 'glibc_2.3']) {
      expect(glibcVersion(n), n).toBeUndefined();
    }
  });

  it('compares them as numbers', () => {
    expect(compareVersions([2, 2, 5], [2, 17])).toBeLessThan(0);
    expect(compareVersions([2, 34], [2, 3, 4])).toBeGreaterThan(0);
    expect(compareVersions([2, 31], [2, 31, 0])).toBe(0);
    expect(newestGlibc([{ versions: ['GLIBC_2.17', 'GLIBC_2.2.5', 'GLIBC_2.9'] }])).toBe(
      'GLIBC_2.17',
    );
    expect(newestGlibc([{ versions: ['GCC_7.0', 'GLIBC_PRIVATE'] }])).toBeUndefined();
  });
});
