import fs from 'node:fs';

/**
 * A small ELF reader: just enough to tell which symbol versions a binary needs from the shared
 * libraries it links (its `.gnu.version_r` section, "version needs"), which is what the dynamic
 * loader checks when it says `version 'GLIBC_2.38' not found`. Binaries are app output, so every
 * offset, size and count read from the file is checked against the file before it is used: a
 * truncated or crafted file is "not an ELF file we can read" (undefined), never a crash or a loop.
 */

/** Reads `length` bytes at `offset`; fewer when the file ends first. */
export interface ByteSource {
  readonly size: number;
  read(offset: number, length: number): Buffer;
}

export function bufferSource(buf: Buffer): ByteSource {
  return {
    size: buf.length,
    read: (offset, length) => buf.subarray(offset, Math.min(buf.length, offset + length)),
  };
}

/** What the reader found in one file. */
export type ElfInfo =
  | { kind: 'not-elf' }
  /** An ELF file whose headers do not hold together (truncated, crafted). */
  | { kind: 'malformed'; reason: string }
  | {
      kind: 'elf';
      /** PT_INTERP present: the kernel starts a dynamic loader, so the binary is dynamically linked. */
      dynamic: boolean;
      /** Each needed library (`libc.so.6`) with the version names it needs (`GLIBC_2.34`). */
      needs: { file: string; versions: string[] }[];
    };

const SHT_GNU_VERNEED = 0x6ffffffe;
const PT_INTERP = 3;
/** Far more than any real binary has: a crafted count cannot make the reader spin. */
const MAX_ENTRIES = 65536;
/** Longest library or version name read from the string table. */
const MAX_NAME = 4096;

class Malformed extends Error {}

class Reader {
  constructor(
    private readonly src: ByteSource,
    private readonly little: boolean,
    private readonly wide: boolean,
  ) {}

  /** Throws unless [offset, offset+length) is inside the file. */
  check(offset: number, length: number): void {
    if (!Number.isSafeInteger(offset + length) || offset < 0 || offset + length > this.src.size) {
      throw new Malformed(`offset ${offset} (+${length}) is past the end of the file`);
    }
  }

  bytes(offset: number, length: number): Buffer {
    this.check(offset, length);
    const b = this.src.read(offset, length);
    if (b.length !== length) throw new Malformed(`short read at ${offset}`);
    return b;
  }

  u16(offset: number): number {
    const b = this.bytes(offset, 2);
    return this.little ? b.readUInt16LE(0) : b.readUInt16BE(0);
  }

  u32(offset: number): number {
    const b = this.bytes(offset, 4);
    return this.little ? b.readUInt32LE(0) : b.readUInt32BE(0);
  }

  /** An address or offset: 4 bytes in ELF32, 8 in ELF64. */
  word(offset: number): number {
    if (!this.wide) return this.u32(offset);
    const b = this.bytes(offset, 8);
    const v = this.little ? b.readBigUInt64LE(0) : b.readBigUInt64BE(0);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new Malformed(`value ${v} is out of range`);
    return Number(v);
  }

  /** A NUL-terminated string at `offset` inside the table [start, start+size). */
  string(start: number, size: number, offset: number): string {
    if (offset >= size) throw new Malformed(`string offset ${offset} is past its table`);
    const end = Math.min(size, offset + MAX_NAME);
    const b = this.bytes(start + offset, end - offset);
    const nul = b.indexOf(0);
    if (nul < 0) throw new Malformed(`unterminated string at ${start + offset}`);
    return b.subarray(0, nul).toString('latin1');
  }
}

interface Section {
  type: number;
  offset: number;
  size: number;
  link: number;
  info: number;
}

export function readElf(src: ByteSource): ElfInfo {
  if (src.size < 16) return { kind: 'not-elf' };
  const ident = src.read(0, 16);
  if (ident.length < 16 || ident.readUInt32BE(0) !== 0x7f454c46) return { kind: 'not-elf' };
  const cls = ident[4];
  const data = ident[5];
  if ((cls !== 1 && cls !== 2) || (data !== 1 && data !== 2)) {
    return { kind: 'malformed', reason: `unknown ELF class ${cls} or data encoding ${data}` };
  }
  const r = new Reader(src, data === 1, cls === 2);
  try {
    return { kind: 'elf', ...readVersions(r, cls === 2) };
  } catch (err) {
    if (err instanceof Malformed) return { kind: 'malformed', reason: err.message };
    throw err;
  }
}

interface Region {
  offset: number;
  size: number;
}

interface Segment extends Region {
  type: number;
  vaddr: number;
}

const PT_LOAD = 1;
const PT_DYNAMIC = 2;
const DT_STRTAB = 5;
const DT_STRSZ = 10;
const DT_VERNEED = 0x6ffffffe;
const DT_VERNEEDNUM = 0x6fffffff;

function readVersions(
  r: Reader,
  wide: boolean,
): { dynamic: boolean; needs: { file: string; versions: string[] }[] } {
  // ELF header fields after e_ident/e_type/e_machine/e_version(4)/e_entry(word).
  const w = wide ? 8 : 4;
  const phoff = r.word(24 + w);
  const shoff = r.word(24 + 2 * w);
  const at = 24 + 3 * w + 4; // after e_flags
  const phentsize = r.u16(at + 2);
  const phnum = r.u16(at + 4);
  const shentsize = r.u16(at + 6);
  const shnum = r.u16(at + 8);

  const segments: Segment[] = [];
  if (phoff !== 0 && phnum > 0) {
    if (phentsize < (wide ? 56 : 32)) throw new Malformed(`program header size ${phentsize}`);
    for (let i = 0; i < phnum; i++) {
      const base = phoff + i * phentsize;
      // Elf64_Phdr: p_type(4) p_flags(4) p_offset p_vaddr p_paddr p_filesz …
      // Elf32_Phdr: p_type(4) p_offset p_vaddr p_paddr p_filesz … (words of 4 bytes)
      const field = (n: number) => r.word(base + (wide ? 8 : 4) + n * w);
      segments.push({ type: r.u32(base), offset: field(0), vaddr: field(1), size: field(3) });
    }
  }
  const dynamic = segments.some((s) => s.type === PT_INTERP);

  // What the loader reads: the dynamic segment's DT_VERNEED table, with DT_STRTAB's strings.
  const fromDynamic = versionNeedsOfDynamic(r, wide, segments);
  if (fromDynamic) return { dynamic, needs: fromDynamic };

  // No dynamic segment to read it from (a crafted or partly stripped file): the section headers.
  const sections: Section[] = [];
  if (shoff !== 0 && shnum > 0) {
    if (shentsize < (wide ? 64 : 40)) throw new Malformed(`section header size ${shentsize}`);
    for (let i = 0; i < shnum; i++) {
      const base = shoff + i * shentsize;
      // sh_name(4) sh_type(4) sh_flags(w) sh_addr(w) sh_offset(w) sh_size(w) sh_link(4) sh_info(4)
      sections.push({
        type: r.u32(base + 4),
        offset: r.word(base + 8 + 2 * w),
        size: r.word(base + 8 + 3 * w),
        link: r.u32(base + 8 + 4 * w),
        info: r.u32(base + 12 + 4 * w),
      });
    }
  }
  const needs: { file: string; versions: string[] }[] = [];
  for (const sec of sections.filter((s) => s.type === SHT_GNU_VERNEED)) {
    const strtab = sections[sec.link];
    if (!strtab) throw new Malformed(`version needs link to section ${sec.link}, which is absent`);
    needs.push(...versionNeeds(r, sec, sec.info, strtab));
  }
  return { dynamic, needs };
}

/** The version needs the dynamic segment points to; undefined when it has none to point to. */
function versionNeedsOfDynamic(
  r: Reader,
  wide: boolean,
  segments: Segment[],
): { file: string; versions: string[] }[] | undefined {
  const dyn = segments.find((s) => s.type === PT_DYNAMIC);
  if (!dyn) return undefined;
  const w = wide ? 8 : 4;
  const tags = new Map<number, number>();
  // Elf_Dyn: d_tag(word) d_val(word), up to DT_NULL.
  for (let off = 0; off + 2 * w <= dyn.size && off < MAX_ENTRIES * 2 * w; off += 2 * w) {
    const tag = r.word(dyn.offset + off);
    if (tag === 0) break;
    if (!tags.has(tag)) tags.set(tag, r.word(dyn.offset + off + w));
  }
  const verneed = tags.get(DT_VERNEED);
  const strtab = tags.get(DT_STRTAB);
  if (verneed === undefined || strtab === undefined) return undefined;
  // An address is where a PT_LOAD segment maps part of the file.
  const inFile = (addr: number, what: string): Region => {
    const load = segments.find(
      (s) => s.type === PT_LOAD && addr >= s.vaddr && addr < s.vaddr + s.size,
    );
    if (!load) throw new Malformed(`${what} at 0x${addr.toString(16)} is in no loaded segment`);
    const offset = load.offset + (addr - load.vaddr);
    return { offset, size: load.size - (addr - load.vaddr) };
  };
  const strings = inFile(strtab, 'the string table');
  const size = tags.get(DT_STRSZ);
  if (size !== undefined) strings.size = Math.min(strings.size, size);
  return versionNeeds(
    r,
    inFile(verneed, 'the version needs'),
    tags.get(DT_VERNEEDNUM) ?? 0,
    strings,
  );
}

/**
 * The Elf_Verneed chain in `table` (`count` entries, or until vn_next is 0), names from `strtab`.
 * Verneed: vn_version(2) vn_cnt(2) vn_file(4) vn_aux(4) vn_next(4); Vernaux: vna_hash(4)
 * vna_flags(2) vna_other(2) vna_name(4) vna_next(4); the same in ELF32 and ELF64.
 */
function versionNeeds(
  r: Reader,
  table: Region,
  count: number,
  strtab: Region,
): { file: string; versions: string[] }[] {
  r.check(table.offset, table.size);
  r.check(strtab.offset, strtab.size);
  const str = (off: number) => r.string(strtab.offset, strtab.size, off);
  const needs: { file: string; versions: string[] }[] = [];
  let entry = 0;
  let seen = 0;
  for (let n = 0; n < Math.min(count || MAX_ENTRIES, MAX_ENTRIES); n++) {
    if (entry + 16 > table.size) throw new Malformed('version need entry past its table');
    const at = table.offset + entry;
    const cnt = r.u16(at + 2);
    const file = str(r.u32(at + 4));
    const versions: string[] = [];
    let aux = entry + r.u32(at + 8);
    for (let k = 0; k < cnt; k++) {
      if (++seen > MAX_ENTRIES) throw new Malformed('too many version entries');
      if (aux + 16 > table.size) throw new Malformed('version aux entry past its table');
      versions.push(str(r.u32(table.offset + aux + 8)));
      const next = r.u32(table.offset + aux + 12);
      if (next === 0) break;
      aux += next;
    }
    needs.push({ file, versions });
    const next = r.u32(at + 12);
    if (next === 0) break;
    entry += next;
  }
  return needs;
}

/** Reads a file's ELF headers with positioned reads (a binary is never loaded whole). */
export function readElfFile(file: fs.PathLike): ElfInfo {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  try {
    const size = fs.fstatSync(fd).size;
    return readElf({
      size,
      read(offset, length) {
        const len = Math.max(0, Math.min(length, size - offset));
        const buf = Buffer.alloc(len);
        let got = 0;
        while (got < len) {
          const n = fs.readSync(fd, buf, got, len - got, offset + got);
          if (n === 0) break;
          got += n;
        }
        return buf.subarray(0, got);
      },
    });
  } finally {
    fs.closeSync(fd);
  }
}

/** A `GLIBC_2.34` version name as numbers, undefined for others (`GLIBC_PRIVATE`, `GCC_3.0`). */
export function glibcVersion(name: string): number[] | undefined {
  const m = /^GLIBC_(\d{1,4}(?:\.\d{1,4}){1,2})$/.exec(name);
  return m ? m[1]!.split('.').map(Number) : undefined;
}

export function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The newest `GLIBC_x.y` version a binary needs, from any library, or undefined. */
export function newestGlibc(needs: { versions: string[] }[]): string | undefined {
  let best: { name: string; v: number[] } | undefined;
  for (const n of needs) {
    for (const name of n.versions) {
      const v = glibcVersion(name);
      if (v && (!best || compareVersions(v, best.v) > 0)) best = { name, v };
    }
  }
  return best?.name;
}
