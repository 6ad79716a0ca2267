import { createHash } from 'node:crypto';
import { sha256Hex } from '../hash.js';
import type { BuildInfo, BuildSetting, GoModuleRef } from './buildinfo.js';

/**
 * What an SBOM of the slug says, whatever its format: the binaries, and the Go modules and standard
 * library linked into them, each listed once. Pure: src/sbom/spdx.ts and cyclonedx.ts render it.
 */

export interface SbomBinary {
  /** Path in the slug, `/`-separated: `bin/web`. */
  file: string;
  sha256: string;
  /** Absent when the file holds no Go build info (a makefile may put anything in bin/). */
  info?: BuildInfo;
}

export interface SbomSubject {
  /** The artifact name: the slug's name. */
  name: string;
  /** Seconds since the epoch: the document's time (SOURCE_DATE_EPOCH, else the commit's). */
  created: number;
  tool: { name: string; version: string };
  /** Where the sources live (`https://github.com/owner/repo`), when known: the documents' URIs. */
  repositoryUrl?: string;
  binaries: SbomBinary[];
}

export type ComponentKind = 'main-module' | 'module' | 'stdlib';

export interface Component {
  /** Unique in the document: `kind-name-hash`, letters, digits, `.` and `-` only. */
  ref: string;
  kind: ComponentKind;
  /** Module path (of the replacement, when one is in force), or `stdlib`. */
  name: string;
  /** Empty when unknown: a main module built from a work tree, a directory replacement. */
  version: string;
  /** go.sum's `h1:`, empty when none. */
  sum: string;
  purl: string;
  /** What a `replace` directive did, for the record. */
  replaced?: string;
}

export interface BinaryEntry {
  ref: string;
  file: string;
  name: string;
  sha256: string;
  goVersion?: string;
  /** The main package's import path. */
  mainPackage?: string;
  settings: BuildSetting[];
  /** Refs of the components linked in: main module, dependencies, stdlib. */
  links: string[];
  /** The main module's ref, if any. */
  builtFrom?: string;
}

export interface SbomModel {
  subject: SbomSubject;
  binaries: BinaryEntry[];
  components: Component[];
}

/** Characters an SPDX id (and so our refs) may hold. */
export function idPart(text: string): string {
  return text.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '') || 'x';
}

function shortHash(text: string): string {
  return sha256Hex(text).slice(0, 8);
}

/**
 * A package URL for a Go module (purl spec, type `golang`): each path segment and the version
 * percent-encoded, so `+incompatible` and the like survive.
 */
export function goPurl(path: string, version: string): string {
  const segs = path.split('/').map(encodeURIComponent).join('/');
  return `pkg:golang/${segs}${version ? `@${encodeURIComponent(version)}` : ''}`;
}

/** `go1.22.2 X:boringcrypto` → `go1.22.2`. */
export function goRelease(goVersion: string): string {
  return goVersion.split(/\s/)[0] ?? goVersion;
}

/** Go's h1: is base64 SHA-256 (of the module's file list): the hex form SBOM checksums take. */
export function h1Hex(sum: string): string | undefined {
  const m = /^h1:([A-Za-z0-9+/]{43}=)$/.exec(sum);
  return m ? Buffer.from(m[1]!, 'base64').toString('hex') : undefined;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const known = (v: string) => (v === '(devel)' ? '' : v);

export function buildModel(subject: SbomSubject): SbomModel {
  const components = new Map<string, Component>();
  const add = (c: Omit<Component, 'ref'>): string => {
    const key = `${c.kind}\0${c.name}\0${c.version}\0${c.sum}\0${c.replaced ?? ''}`;
    const have = components.get(key);
    if (have) return have.ref;
    const ref = `${c.kind === 'stdlib' ? 'Go-stdlib' : c.kind === 'main-module' ? 'Main-module' : 'Module'}-${idPart(c.name)}-${shortHash(key)}`;
    components.set(key, { ...c, ref });
    return ref;
  };
  const module = (m: GoModuleRef, kind: ComponentKind): string => {
    const r = m.replace;
    if (r && r.version !== '' && r.version !== '(devel)') {
      return add({
        kind,
        name: r.path,
        version: r.version,
        sum: r.sum,
        purl: goPurl(r.path, r.version),
        replaced: `replaces ${m.path}${m.version ? `@${m.version}` : ''}`,
      });
    }
    if (r) {
      // A directory replacement: the code came from the work tree, with no version or sum.
      return add({
        kind,
        name: m.path,
        version: '',
        sum: '',
        purl: goPurl(m.path, ''),
        replaced: `replaced by the directory ${r.path}`,
      });
    }
    return add({
      kind,
      name: m.path,
      version: known(m.version),
      sum: m.sum,
      purl: goPurl(m.path, known(m.version)),
    });
  };

  const binaries: BinaryEntry[] = [];
  const seenRefs = new Set<string>();
  for (const b of [...subject.binaries].sort((x, y) => (x.file < y.file ? -1 : 1))) {
    const name = b.file.split('/').pop() ?? b.file;
    let ref = `Binary-${idPart(name)}`;
    if (seenRefs.has(ref)) ref = `${ref}-${shortHash(b.file)}`;
    seenRefs.add(ref);
    const entry: BinaryEntry = {
      ref,
      file: b.file,
      name,
      sha256: b.sha256,
      settings: [],
      links: [],
    };
    const info = b.info;
    if (info) {
      entry.goVersion = info.goVersion;
      entry.mainPackage = info.path;
      entry.settings = info.settings;
      const link = (ref: string) => {
        if (!entry.links.includes(ref)) entry.links.push(ref);
      };
      if (info.main) link((entry.builtFrom = module(info.main, 'main-module')));
      for (const d of info.deps) link(module(d, 'module'));
      const release = goRelease(info.goVersion);
      if (/^go\d/.test(release)) {
        link(
          add({
            kind: 'stdlib',
            name: 'stdlib',
            version: release,
            sum: '',
            purl: goPurl('stdlib', release.slice(2)),
          }),
        );
      }
    }
    binaries.push(entry);
  }
  const order: Record<ComponentKind, number> = { 'main-module': 0, module: 1, stdlib: 2 };
  const sorted = [...components.values()].sort(
    (a, b) =>
      order[a.kind] - order[b.kind] ||
      cmp(a.name, b.name) ||
      cmp(a.version, b.version) ||
      cmp(a.ref, b.ref),
  );
  return { subject, binaries, components: sorted };
}

/** The Go modules the binaries link, for logs and tests: `path@version`, main modules included. */
export function moduleList(model: SbomModel): string[] {
  return model.components
    .filter((c) => c.kind !== 'stdlib')
    .map((c) => (c.version ? `${c.name}@${c.version}` : c.name));
}

/** ISO 8601 in UTC with no fraction, as both formats show times. */
export function isoTime(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The document's URI: the repository's, else spdx.org's documents space; named by the artifact
 * and a digest of what the document says, so the same build gives the same URI and another build
 * another one.
 */
export function documentUri(model: SbomModel, digestOfBody: string): string {
  const base = model.subject.repositoryUrl
    ? `${model.subject.repositoryUrl}/sbom`
    : 'https://spdx.org/spdxdocs';
  return `${base}/${encodeURIComponent(model.subject.name)}-${digestOfBody.slice(0, 32)}`;
}

/** An RFC 4122 name-based (version 5, SHA-1) UUID of `name` in the URL namespace. */
export function uuidV5(name: string): string {
  const ns = Buffer.from('6ba7b8119dad11d180b400c04fd430c8', 'hex');
  const h = createHash('sha1').update(ns).update(name, 'utf8').digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}
