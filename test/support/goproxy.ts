// A Go module proxy laid out as files (the GOPROXY protocol served by `GOPROXY=file:///dir`), the
// go.sum lines Go computes for its modules, and a small catalogue of modules with real
// dependencies among them, so module downloads can be tested with no network.
//
// Layout written by writeGoProxy (paths and versions case-escaped, see escapeModulePath):
//   <escaped module path>/@v/list              known versions, one per line, semver order
//   <escaped module path>/@v/<ver>.info        {"Version":"v1.0.0","Time":"2024-01-01T00:00:00Z"}
//   <escaped module path>/@v/<ver>.mod         the module's go.mod, byte for byte
//   <escaped module path>/@v/<ver>.zip         module zip: every file under `<path>@<ver>/`
// A path Go asks for that is not there (`example.com/@v/list` while it looks for the module that
// provides a package) reads as "not found", which Go treats as "no such module here".
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deflateRawSync } from 'node:zlib';

export interface GoModule {
  /** Module path as written in go.mod: `example.com/Colors`, `example.com/greet/v2`. */
  path: string;
  /** Canonical semver with the `v`: `v1.1.0`. */
  version: string;
  /** Paths relative to the module root (`/`-separated) → contents; must include `go.mod`. */
  files: Readonly<Record<string, string>>;
  /** The `.info` Time; default {@link DEFAULT_TIME}. */
  time?: string;
}

export interface WriteGoProxyOptions {
  /** Zip entries stored (default, byte-identical on any Node) or deflated with node:zlib. */
  method?: 'store' | 'deflate';
}

export const DEFAULT_TIME = '2024-01-01T00:00:00Z';

// ---------------------------------------------------------------------------------------------
// Escaping

const PATH_RE = /^[A-Za-z0-9._~+/-]+$/;

/**
 * Go's case-encoding of module paths and versions for file systems that fold case: each upper-case
 * letter becomes `!` + its lower-case form (`example.com/Colors` → `example.com/!colors`).
 */
export function escapeModulePath(path: string): string {
  if (!PATH_RE.test(path)) throw new Error(`unsupported module path or version: ${path}`);
  return path.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`);
}

// ---------------------------------------------------------------------------------------------
// CRC-32 (IEEE, as zip uses), table driven

let crcTable: Uint32Array | undefined;

export function crc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

// ---------------------------------------------------------------------------------------------
// Zip writer: local headers + data, central directory, end record. No zip64 (test modules are
// tiny), no directory entries, UTF-8 names flagged, one fixed DOS timestamp for determinism.

/** 1980-01-01 00:00:00, the DOS epoch: time 0, date (0 << 9) | (1 << 5) | 1. */
const DOS_TIME = 0;
const DOS_DATE = 0x21;
const FLAG_UTF8 = 0x0800;

export function zipBytes(
  entries: ReadonlyArray<{ name: string; data: Uint8Array; mode?: number }>,
  method: 'store' | 'deflate' = 'store',
): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data, mode = 0o100644 } of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const body = method === 'deflate' ? deflateRawSync(data, { level: 9 }) : Buffer.from(data);
    const code = method === 'deflate' ? 8 : 0;

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0
    local.writeUInt16LE(FLAG_UTF8, 6);
    local.writeUInt16LE(code, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28); // extra length
    locals.push(local, nameBytes, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, 2.0
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(FLAG_UTF8, 8);
    central.writeUInt16LE(code, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    // extra, comment, disk number start, internal attributes: 0
    central.writeUInt32LE((mode << 16) >>> 0, 38); // external attributes: st_mode (default 0644 file)
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);

    offset += local.length + nameBytes.length + body.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

// ---------------------------------------------------------------------------------------------
// Module zips, go.sum hashes

function checkModule(m: GoModule): void {
  escapeModulePath(m.path);
  if (!/^v\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/.test(m.version)) {
    throw new Error(`${m.path}: not a canonical semantic version: ${m.version}`);
  }
  if (m.files['go.mod'] === undefined) throw new Error(`${m.path}@${m.version}: no go.mod`);
  const first = /^module\s+(\S+)/m.exec(m.files['go.mod']);
  if (first?.[1] !== m.path) {
    throw new Error(`${m.path}@${m.version}: go.mod declares ${first?.[1] ?? 'no module'}`);
  }
  for (const name of Object.keys(m.files)) {
    if (name.startsWith('/') || name.split('/').some((p) => p === '' || p === '.' || p === '..')) {
      throw new Error(`${m.path}@${m.version}: bad file name ${JSON.stringify(name)}`);
    }
  }
}

/** File names sorted as Go's sort.Strings does (byte order; the same as UTF-16 order for ASCII). */
function sortedNames(m: GoModule): string[] {
  return Object.keys(m.files).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

/** The module zip Go would accept for `m`, entries under `<path>@<version>/`, sorted by name. */
export function moduleZip(m: GoModule, method: 'store' | 'deflate' = 'store'): Buffer {
  checkModule(m);
  const prefix = `${m.path}@${m.version}/`;
  return zipBytes(
    sortedNames(m).map((name) => ({ name: prefix + name, data: Buffer.from(m.files[name]!) })),
    method,
  );
}

/**
 * Go's dirhash "Hash1": sha256 over `"<sha256 hex of file>  <name>\n"` for each file in sorted
 * name order, base64 encoded, prefixed `h1:`.
 */
export function hash1(files: ReadonlyArray<{ name: string; data: string | Uint8Array }>): string {
  const summary = createHash('sha256');
  const sorted = [...files].sort((a, b) =>
    Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)),
  );
  for (const { name, data } of sorted) {
    if (name.includes('\n')) throw new Error(`file name with a newline: ${JSON.stringify(name)}`);
    summary.update(`${createHash('sha256').update(data).digest('hex')}  ${name}\n`);
  }
  return `h1:${summary.digest('base64')}`;
}

/** `h1:` of the module zip's contents (the go.sum line without `/go.mod`). */
export function zipHash(m: GoModule): string {
  checkModule(m);
  const prefix = `${m.path}@${m.version}/`;
  return hash1(Object.keys(m.files).map((n) => ({ name: prefix + n, data: m.files[n]! })));
}

/** `h1:` of the go.mod alone, hashed under the name `go.mod` (the `/go.mod` go.sum line). */
export function goModHash(m: GoModule): string {
  checkModule(m);
  return hash1([{ name: 'go.mod', data: m.files['go.mod']! }]);
}

/** Go's semver order for canonical versions (a pre-release sorts below its release). */
export function compareSemver(a: string, b: string): number {
  const parse = (v: string) => {
    const m = /^v(\d+)\.(\d+)\.(\d+)(?:-([^+]*))?/.exec(v);
    if (!m) throw new Error(`not semver: ${v}`);
    return { nums: [+m[1]!, +m[2]!, +m[3]!], pre: m[4] };
  };
  const pa = parse(a);
  const pb = parse(b);
  for (let i = 0; i < 3; i++) if (pa.nums[i] !== pb.nums[i]) return pa.nums[i]! - pb.nums[i]!;
  if (pa.pre === pb.pre) return 0;
  if (pa.pre === undefined) return 1;
  if (pb.pre === undefined) return -1;
  const xa = pa.pre.split('.');
  const xb = pb.pre.split('.');
  for (let i = 0; i < Math.max(xa.length, xb.length); i++) {
    const ia = xa[i];
    const ib = xb[i];
    if (ia === undefined) return -1;
    if (ib === undefined) return 1;
    if (ia === ib) continue;
    const na = /^\d+$/.test(ia);
    const nb = /^\d+$/.test(ib);
    if (na && nb) return ia.length - ib.length || (ia < ib ? -1 : 1);
    if (na !== nb) return na ? -1 : 1;
    return ia < ib ? -1 : 1;
  }
  return 0;
}

/**
 * go.sum lines, in the order Go writes them (module path byte order, then version in semver order,
 * `<v>` before `<v>/go.mod`): both lines for each of `modules`, and only the `/go.mod` line for
 * each of `opts.goModOnly` (modules in the build graph whose packages are not built, e.g. an
 * older version that MVS passed over). Each line ends with `\n`; join('') gives a go.sum file.
 */
export function goSumLines(
  modules: readonly GoModule[],
  opts: { goModOnly?: readonly GoModule[] } = {},
): string[] {
  const entries: Array<{ path: string; version: string; line: string }> = [];
  const add = (m: GoModule, zip: boolean) => {
    if (zip) entries.push({ path: m.path, version: m.version, line: zipHash(m) });
    entries.push({ path: m.path, version: `${m.version}/go.mod`, line: goModHash(m) });
  };
  for (const m of modules) add(m, true);
  for (const m of opts.goModOnly ?? []) add(m, false);
  const seen = new Set<string>();
  return entries
    .filter((e) => {
      const key = `${e.path} ${e.version}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => {
      if (a.path !== b.path) return Buffer.compare(Buffer.from(a.path), Buffer.from(b.path));
      const c = compareSemver(
        a.version.replace(/\/go\.mod$/, ''),
        b.version.replace(/\/go\.mod$/, ''),
      );
      return c || (a.version < b.version ? -1 : a.version > b.version ? 1 : 0);
    })
    .map((e) => `${e.path} ${e.version} ${e.line}\n`);
}

// ---------------------------------------------------------------------------------------------
// The proxy directory

/**
 * Writes the GOPROXY file layout for `modules` under `dir` (created if needed) and returns the
 * paths written, relative to `dir`, sorted. Same input → same bytes.
 */
export async function writeGoProxy(
  dir: string,
  modules: readonly GoModule[],
  opts: WriteGoProxyOptions = {},
): Promise<string[]> {
  const byPath = new Map<string, GoModule[]>();
  for (const m of modules) {
    checkModule(m);
    const list = byPath.get(m.path) ?? [];
    if (list.some((o) => o.version === m.version)) {
      throw new Error(`${m.path}@${m.version} listed twice`);
    }
    list.push(m);
    byPath.set(m.path, list);
  }
  const written: string[] = [];
  const put = async (rel: string, data: string | Buffer) => {
    await writeFile(join(dir, rel), data);
    written.push(rel);
  };
  for (const [path, versions] of byPath) {
    const vdir = `${escapeModulePath(path)}/@v`;
    await mkdir(join(dir, vdir), { recursive: true });
    versions.sort((a, b) => compareSemver(a.version, b.version));
    await put(`${vdir}/list`, versions.map((m) => `${m.version}\n`).join(''));
    for (const m of versions) {
      const base = `${vdir}/${escapeModulePath(m.version)}`;
      const info = { Version: m.version, Time: m.time ?? DEFAULT_TIME };
      await put(`${base}.info`, `${JSON.stringify(info)}\n`);
      await put(`${base}.mod`, m.files['go.mod']!);
      await put(`${base}.zip`, moduleZip(m, opts.method));
    }
  }
  return written.sort();
}

/** `file:///…` for a proxy dir, as GOPROXY wants it (absolute, no trailing slash). */
export function goProxyURL(dir: string): string {
  return pathToFileURL(resolve(dir)).href.replace(/\/$/, '');
}

/**
 * The catalogue ({@link testModules}) written to `dir`; returns its `GOPROXY` value
 * (`file:///…`). Go reads a file:// proxy with plain file reads, which leave no trace one can
 * rely on (atime is off or lazy on most mounts), so to prove a later run did NOT use the proxy,
 * remove `dir` (the URL stays the same, so the environment is unchanged) or set `GOPROXY=off`:
 * any module fetch then fails the build. To see exactly what was fetched, serve the same dir
 * over HTTP with {@link serveGoProxy}, which logs every request.
 */
export async function writeTestProxy(dir: string): Promise<string> {
  await writeGoProxy(dir, testModules);
  return goProxyURL(dir);
}

export interface GoProxyServer {
  /** `http://127.0.0.1:<port>`, a GOPROXY value. */
  url: string;
  /** Request paths, percent-decoded (`/example.com/!colors/@v/v1.0.0.zip`), with their status. */
  requests: Array<{ path: string; status: number }>;
  close(): Promise<void>;
}

/**
 * Serves a proxy dir (written by writeGoProxy) on loopback, logging each request, so a test can
 * assert what Go downloaded, or that a warm run downloaded nothing (`requests.length === 0`).
 * Missing files answer 404, which Go reads as "not found" just as it does for file://.
 */
export async function serveGoProxy(dir: string): Promise<GoProxyServer> {
  const root = resolve(dir);
  const requests: GoProxyServer['requests'] = [];
  const server = createServer((req, res) => {
    // Go percent-encodes the `!` of escaped paths (`/example.com/%21colors/…`): log it decoded.
    let path = (req.url ?? '/').split('?')[0]!;
    let file = '';
    try {
      path = decodeURIComponent(path);
      file = resolve(root, `.${path}`);
    } catch {
      // Malformed escape: answered 400 below.
    }
    const send = (status: number) => {
      requests.push({ path, status });
      res.statusCode = status;
    };
    if (!file || (file !== root && !file.startsWith(root + sep)) || req.method !== 'GET') {
      send(400);
      res.end();
      return;
    }
    stat(file).then(
      (st) => {
        if (!st.isFile()) throw new Error('not a file');
        send(200);
        res.setHeader('Content-Length', st.size);
        createReadStream(file).pipe(res);
      },
      () => {
        send(404);
        res.end('not found\n');
      },
    );
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

/** Every file under `dir`, relative and `/`-separated, sorted (to compare two proxy dirs). */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  await walk(dir);
  return out.sort();
}

// ---------------------------------------------------------------------------------------------
// The catalogue
//
//   example.com/strutil   v0.1.0, v0.2.0   no deps; v0.2.0 adds Repeat and package wrap
//   example.com/greet     v1.0.0           no deps
//   example.com/greet     v1.1.0           → strutil v0.2.0 (Hello title-cases the name)
//   example.com/greet/v2  v2.0.0           → strutil v0.2.0 (major version 2, own module)
//   example.com/Colors    v1.0.0           → greet v1.0.0, strutil v0.1.0 (upper-case path,
//                                            `go 1.16`: an unpruned module graph)
//
// The moddeps fixture app requires greet v1.1.0, so MVS lifts Colors' greet v1.0.0 and strutil
// v0.1.0 to v1.1.0 / v0.2.0. Because Colors says `go 1.16`, its requirements' go.mod files are
// part of the full module graph, so `go mod tidy` records those two older versions in go.sum with
// /go.mod lines only. `go build` never reads them (lazy loading), but `go mod download`,
// `go mod verify`, `go list -m all` do: a module cache filled by `go build` alone is not enough
// for those offline. (strutil v0.1.0 and v0.2.0 have the same go.mod, hence the same /go.mod hash.)

const strutil010: GoModule = {
  path: 'example.com/strutil',
  version: 'v0.1.0',
  files: {
    'go.mod': 'module example.com/strutil\n\ngo 1.16\n',
    LICENSE: 'Test fixture module: public domain.\n',
    'strutil.go': `// Package strutil holds small string helpers.
package strutil

// Reverse returns s with its runes in reverse order.
func Reverse(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}

// Title upper-cases the first ASCII letter of each space-separated word.
func Title(s string) string {
	b := []byte(s)
	start := true
	for i, c := range b {
		if start && c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
		start = c == ' '
	}
	return string(b)
}
`,
  },
};

const strutil020: GoModule = {
  path: 'example.com/strutil',
  version: 'v0.2.0',
  files: {
    'go.mod': 'module example.com/strutil\n\ngo 1.16\n',
    LICENSE: strutil010.files['LICENSE']!,
    'strutil.go': `${strutil010.files['strutil.go']!}
// Repeat joins n copies of s with sep between them.
func Repeat(s string, n int, sep string) string {
	out := ""
	for i := 0; i < n; i++ {
		if i > 0 {
			out += sep
		}
		out += s
	}
	return out
}
`,
    'strutil_test.go': `package strutil

import "testing"

func TestReverse(t *testing.T) {
	if got := Reverse("abc"); got != "cba" {
		t.Fatalf("Reverse(abc) = %q", got)
	}
}
`,
    'wrap/wrap.go': `// Package wrap breaks text into lines.
package wrap

import "strings"

// Wrap splits s into lines of at most width bytes, breaking at spaces where it can.
func Wrap(s string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		switch {
		case line == "":
			line = w
		case len(line)+1+len(w) <= width:
			line += " " + w
		default:
			lines = append(lines, line)
			line = w
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}
`,
  },
};

const greet100: GoModule = {
  path: 'example.com/greet',
  version: 'v1.0.0',
  files: {
    'go.mod': 'module example.com/greet\n\ngo 1.17\n',
    'greet.go': `// Package greet says hello.
package greet

// Hello greets name.
func Hello(name string) string {
	return "Hello, " + name + "!"
}
`,
    'formal/formal.go': `// Package formal greets with a title.
package formal

import "example.com/greet"

// Hello greets name with a title.
func Hello(title, name string) string {
	return greet.Hello(title + " " + name)
}
`,
  },
};

const greet110: GoModule = {
  path: 'example.com/greet',
  version: 'v1.1.0',
  files: {
    'go.mod': 'module example.com/greet\n\ngo 1.17\n\nrequire example.com/strutil v0.2.0\n',
    'greet.go': `// Package greet says hello.
package greet

import "example.com/strutil"

// Hello greets name, title-cased.
func Hello(name string) string {
	return "Hello, " + strutil.Title(name) + "!"
}

// Banner is Hello between two rows of stars.
func Banner(name string) string {
	stars := strutil.Repeat("*", 3, "")
	return stars + " " + Hello(name) + " " + stars
}
`,
    'formal/formal.go': greet100.files['formal/formal.go']!,
  },
};

const greetV2: GoModule = {
  path: 'example.com/greet/v2',
  version: 'v2.0.0',
  files: {
    'go.mod': 'module example.com/greet/v2\n\ngo 1.18\n\nrequire example.com/strutil v0.2.0\n',
    'greet.go': `// Package greet says hello in several languages.
package greet

import (
	"example.com/greet/v2/lang"
	"example.com/strutil"
)

// Greeter greets in one language.
type Greeter struct {
	Lang string
}

// New returns a Greeter for lang, English when lang is not supported.
func New(code string) Greeter {
	if lang.Word(code) == "" {
		return Greeter{Lang: "en"}
	}
	return Greeter{Lang: code}
}

// Hello greets name.
func (g Greeter) Hello(name string) string {
	return lang.Word(g.Lang) + ", " + strutil.Title(name) + "!"
}
`,
    'lang/lang.go': `// Package lang knows how to say hello.
package lang

import "sort"

var words = map[string]string{
	"de": "Hallo",
	"en": "Hello",
	"fr": "Bonjour",
}

// Word is hello in lang, or "" when lang is unknown.
func Word(lang string) string {
	return words[lang]
}

// Supported lists the known languages, sorted.
func Supported() []string {
	out := make([]string, 0, len(words))
	for k := range words {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
`,
  },
};

const colors100: GoModule = {
  path: 'example.com/Colors',
  version: 'v1.0.0',
  files: {
    'go.mod': `module example.com/Colors

go 1.16

require (
	example.com/greet v1.0.0
	example.com/strutil v0.1.0
)
`,
    'README.md': '# Colors\n\nA test module whose path has an upper-case letter.\n',
    'colors.go': `// Package colors paints text (with [color] tags, to stay readable in logs).
package colors

import (
	"example.com/greet"
	"example.com/strutil"
)

// Paint wraps s in [color]…[/color].
func Paint(color, s string) string {
	return "[" + color + "]" + s + "[/" + color + "]"
}

// Greeting is a painted greet.Hello.
func Greeting(color, name string) string {
	return Paint(color, greet.Hello(name))
}

// Mirror paints s reversed.
func Mirror(color, s string) string {
	return Paint(color, strutil.Reverse(s))
}
`,
    'palette/palette.go': `// Package palette lists colors.
package palette

var names = []string{"red", "green", "blue", "cyan", "magenta", "yellow"}

// Names returns a copy of the palette.
func Names() []string {
	return append([]string(nil), names...)
}

// Pick returns color i, wrapping around.
func Pick(i int) string {
	if i < 0 {
		i = -i
	}
	return names[i%len(names)]
}
`,
  },
};

/** Every module of the catalogue, in the order listed above. */
export const testModules: readonly GoModule[] = [
  strutil010,
  strutil020,
  greet100,
  greet110,
  greetV2,
  colors100,
];

/** Catalogue modules by `path@version`. */
export function testModule(pathAtVersion: string): GoModule {
  const m = testModules.find((x) => `${x.path}@${x.version}` === pathAtVersion);
  if (!m) throw new Error(`no test module ${pathAtVersion}`);
  return m;
}

/** The modules whose packages the moddeps fixture app builds (its go.sum has both lines for these). */
export const moddepsBuildList: readonly string[] = [
  'example.com/Colors@v1.0.0',
  'example.com/greet@v1.1.0',
  'example.com/greet/v2@v2.0.0',
  'example.com/strutil@v0.2.0',
];

/** In moddeps' module graph but passed over by MVS: `/go.mod` lines only. */
export const moddepsGoModOnly: readonly string[] = [
  'example.com/greet@v1.0.0',
  'example.com/strutil@v0.1.0',
];

/** What the moddeps fixture's root `main` package prints (built with the catalogue). */
export const MODDEPS_OUTPUT = [
  'Hello, Gopher!',
  'Bonjour, Gopher!',
  '[green]Hello, Paas![/green]',
  '',
].join('\n');
