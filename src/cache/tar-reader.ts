import { decodeName } from '../fs-tree.js';

/**
 * A streaming tar reader for cache archives: bytes are pushed in as they leave the decompressor,
 * and each member's header and body are handed to a sink at once, so nothing is buffered but the
 * current header. It reads what GNU tar writes for @actions/cache (`tar --posix`: ustar headers
 * with pax `x` records for long names and exact times), GNU long-name members too, and refuses
 * the rest: a header whose checksum is wrong, an unknown member type, an archive that stops in
 * the middle or has no end marker. What a member may be and where it may go is the sink's
 * decision (extract.ts); this module only says what the archive holds.
 */

export type MemberType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'char' | 'block' | 'fifo';

export interface TarMember {
  /** The name as stored (pax `path`, GNU long name or ustar prefix/name), bytes kept (decodeName). */
  name: string;
  type: MemberType;
  /** Permission bits as stored, setuid/setgid/sticky included. */
  mode: number;
  /** Body bytes that follow (0 for everything but files). */
  size: number;
  /** Seconds since the epoch, fractional when a pax record says so. */
  mtime: number;
  /** Target of a link, '' otherwise. */
  linkname: string;
}

export interface TarSink {
  /** A member begins; its body follows through data(), then end(). */
  begin(member: TarMember): void;
  data(chunk: Buffer): void;
  end(): void;
}

/** The archive is not a well-formed tar. The message says where, in one line. */
export class TarFormatError extends Error {}

const BLOCK = 512;
/** pax and GNU long-name bodies are small; a larger one is not a real archive. */
const MAX_META = 1 << 20;

const TYPES: Record<string, MemberType> = {
  '0': 'file',
  '\0': 'file',
  '7': 'file',
  '1': 'hardlink',
  '2': 'symlink',
  '3': 'char',
  '4': 'block',
  '5': 'dir',
  '6': 'fifo',
};

/** Meta members that describe the next one: pax extended (x), pax global (g), GNU long names. */
type Meta = 'x' | 'g' | 'L' | 'K';
const META = new Set(['x', 'g', 'L', 'K']);

interface Overrides {
  path?: string;
  linkpath?: string;
  size?: number;
  mtime?: number;
}

export class TarReader {
  private header = Buffer.alloc(BLOCK);
  private headerFill = 0;
  /** Body bytes still to come for the current member (file or meta), then its padding. */
  private remaining = 0;
  private padding = 0;
  private meta?: { kind: Meta; parts: Buffer[]; size: number };
  private inFile = false;
  private next: Overrides = {};
  private global: Overrides = {};
  private ended = false;
  private offset = 0;
  members = 0;

  constructor(private readonly sink: TarSink) {}

  /** Feeds the next bytes of the archive; throws TarFormatError (or what the sink throws). */
  push(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.ended) return; // GNU tar pads the archive to a whole record after the end marker
      if (this.remaining > 0) {
        const n = Math.min(this.remaining, chunk.length - at);
        const part = chunk.subarray(at, at + n);
        // A chunk is never reused by its stream: a view of it is enough.
        if (this.meta) this.meta.parts.push(part);
        else if (this.inFile) this.sink.data(part);
        this.remaining -= n;
        at += n;
        this.offset += n;
        if (this.remaining === 0) this.bodyDone();
        continue;
      }
      if (this.padding > 0) {
        const n = Math.min(this.padding, chunk.length - at);
        this.padding -= n;
        at += n;
        this.offset += n;
        continue;
      }
      const n = Math.min(BLOCK - this.headerFill, chunk.length - at);
      chunk.copy(this.header, this.headerFill, at, at + n);
      this.headerFill += n;
      at += n;
      this.offset += n;
      if (this.headerFill === BLOCK) {
        this.headerFill = 0;
        this.onHeader();
      }
    }
  }

  /** The input is over: it must have ended at the end marker. */
  finish(): void {
    if (this.ended) return;
    if (this.remaining > 0 || this.padding > 0 || this.headerFill > 0 || this.meta)
      throw new TarFormatError(
        `the archive ends in the middle of a member (at byte ${this.offset})`,
      );
    throw new TarFormatError(`the archive has no end marker (it stops at byte ${this.offset})`);
  }

  private onHeader(): void {
    const h = this.header;
    // A header's checksum field is never zero: only look further when it is.
    if (h[148] === 0 && h.every((b) => b === 0)) {
      if (this.meta || Object.keys(this.next).length > 0)
        throw new TarFormatError(`an extended header is not followed by a member`);
      this.ended = true;
      return;
    }
    const start = this.offset - BLOCK;
    checkHeader(h, start);
    const flag = String.fromCharCode(h[156]!);
    const size = numeric(h, 124, 12, start);
    if (META.has(flag)) {
      if (size > MAX_META)
        throw new TarFormatError(`a ${flag} header of ${size} bytes at byte ${start}`);
      this.meta = { kind: flag as Meta, parts: [], size };
      this.startBody(size);
      return;
    }
    const type = TYPES[flag];
    if (!type)
      throw new TarFormatError(
        `member type ${JSON.stringify(flag)} at byte ${start} is not supported`,
      );
    const gnu = h.toString('latin1', 257, 265) === 'ustar  \0';
    const base = field(h, 0, 100);
    const prefix = gnu ? '' : field(h, 345, 155);
    const o = Object.keys(this.global).length ? { ...this.global, ...this.next } : this.next;
    this.next = {};
    const bodySize = o.size ?? (type === 'file' ? size : 0);
    const member: TarMember = {
      name: o.path ?? (prefix ? `${prefix}/${base}` : base),
      type,
      mode: numeric(h, 100, 8, start) & 0o7777,
      // Links, dirs and devices carry no body, whatever their size field says (GNU tar's rule).
      size: type === 'file' ? bodySize : 0,
      mtime: o.mtime ?? numeric(h, 136, 12, start),
      linkname: o.linkpath ?? field(h, 157, 100),
    };
    if (!member.name) throw new TarFormatError(`a member without a name at byte ${start}`);
    this.members += 1;
    this.sink.begin(member);
    this.inFile = true;
    this.startBody(member.size);
  }

  private startBody(size: number): void {
    this.remaining = size;
    this.padding = (BLOCK - (size % BLOCK)) % BLOCK;
    if (size === 0) this.bodyDone();
  }

  private bodyDone(): void {
    if (this.meta) {
      const { kind, parts } = this.meta;
      this.meta = undefined;
      const body = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
      if (kind === 'L') this.next.path = decodeName(cString(body));
      else if (kind === 'K') this.next.linkpath = decodeName(cString(body));
      else Object.assign(kind === 'g' ? this.global : this.next, paxRecords(body));
      return;
    }
    this.inFile = false;
    this.sink.end();
  }
}

function checkHeader(h: Buffer, at: number): void {
  const magic = h.toString('latin1', 257, 263);
  if (magic !== 'ustar\0' && magic !== 'ustar ')
    throw new TarFormatError(`no tar header at byte ${at}`);
  const stored = numeric(h, 148, 8, at);
  // The sum of the header's bytes with the checksum field read as spaces; the signed sum (old
  // tars) only when that one does not match.
  let unsigned = 8 * 0x20;
  for (let i = 0; i < 148; i++) unsigned += h[i]!;
  for (let i = 156; i < BLOCK; i++) unsigned += h[i]!;
  if (stored === unsigned) return;
  let signed = 8 * 0x20;
  for (let i = 0; i < BLOCK; i++) if (i < 148 || i >= 156) signed += (h[i]! << 24) >> 24;
  if (stored !== signed) throw new TarFormatError(`the header at byte ${at} has a wrong checksum`);
}

/** A NUL-terminated field, its bytes kept (decodeName). */
function field(h: Buffer, start: number, len: number): string {
  return decodeName(cString(h.subarray(start, start + len)));
}

function cString(b: Buffer): Buffer {
  const nul = b.indexOf(0);
  return nul < 0 ? b : b.subarray(0, nul);
}

/** An octal field (NUL- or space-terminated), or GNU's base-256 form (high bit set). */
function numeric(h: Buffer, start: number, len: number, at: number): number {
  if (h[start]! & 0x80) {
    if (h[start] === 0xff)
      throw new TarFormatError(`a negative number in the header at byte ${at}`);
    let n = h[start]! & 0x7f;
    for (let i = start + 1; i < start + len; i++) n = n * 256 + h[i]!;
    if (!Number.isSafeInteger(n)) throw new TarFormatError(`a number too large at byte ${at}`);
    return n;
  }
  // Octal digits, maybe after spaces, ended by a NUL or a space (or the field's end).
  let i = start;
  const end = start + len;
  while (i < end && h[i] === 0x20) i++;
  let n = 0;
  for (; i < end; i++) {
    const b = h[i]!;
    if (b === 0 || b === 0x20) break;
    if (b < 0x30 || b > 0x37)
      throw new TarFormatError(`a malformed number in the header at byte ${at}`);
    n = n * 8 + (b - 0x30);
  }
  for (; i < end; i++)
    if (h[i] !== 0 && h[i] !== 0x20)
      throw new TarFormatError(`a malformed number in the header at byte ${at}`);
  return n;
}

/** pax records, `<length> <key>=<value>\n` each; the ones a member needs. */
function paxRecords(body: Buffer): Overrides {
  const out: Overrides = {};
  let at = 0;
  while (at < body.length) {
    const space = body.indexOf(0x20, at);
    const len = space > at ? Number(body.toString('latin1', at, space)) : NaN;
    if (
      !Number.isSafeInteger(len) ||
      len <= space - at ||
      at + len > body.length ||
      body[at + len - 1] !== 0x0a
    )
      throw new TarFormatError('a malformed pax record');
    const record = body.subarray(space + 1, at + len - 1);
    at += len;
    const eq = record.indexOf(0x3d);
    if (eq < 0) throw new TarFormatError('a malformed pax record');
    const key = record.toString('latin1', 0, eq);
    const value = record.subarray(eq + 1);
    if (key === 'path') out.path = decodeName(value);
    else if (key === 'linkpath') out.linkpath = decodeName(value);
    else if (key === 'size' || key === 'mtime') {
      const n = Number(value.toString('latin1'));
      const ok = key === 'size' ? Number.isSafeInteger(n) && n >= 0 : Number.isFinite(n);
      if (!ok) throw new TarFormatError(`a malformed pax ${key}`);
      out[key] = n;
    }
  }
  return out;
}
