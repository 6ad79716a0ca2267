import fs from 'node:fs';
import path from 'node:path';
import type { RestoreResult } from './cache/restore.js';
import type { Released } from './release/heroku.js';
import type { Published } from './publish/upload.js';
import type { RunReport } from './report/summary.js';
import type { Runtime } from './runtime/ports.js';
import type { WrittenSbom } from './sbom/index.js';
import type { Slug } from './slug/slug.js';
import type { Toolchain } from './toolchain/setup.js';

/**
 * What each stage of the job gives the world: the step's outputs, from one table (each output's
 * name, the stage whose result gives it, its value), and the stage's part of the run report
 * (the job summary). The pipeline records each stage's result as the stage ends, and both are
 * set then (a later failure keeps what earlier stages gave). A unit test holds the output names
 * equal to action.yml's `outputs`, as the input table is held to its `inputs`.
 */
export interface JobFacts {
  plan: { versionSource: string; method: string; methodReason: string };
  toolchain: Pick<Toolchain, 'version' | 'goroot' | 'origin' | 'verified'> & { source: string };
  method: string;
  restored: Pick<RestoreResult, 'modHit' | 'buildHit' | 'note'>;
  packages: string[];
  slug: Slug & { web?: string };
  /** The SBOM written, if any. */
  sbom: { written?: Pick<WrittenSbom, 'path' | 'label' | 'modules'> };
  published: Pick<Published, 'archive' | 'digest' | 'artifact' | 'sbomArtifact'>;
  released: Released;
}

type Stage = keyof JobFacts;
type Row = {
  [S in Stage]: {
    name: string;
    stage: S;
    /** undefined: the output is not set (e.g. no artifact was uploaded). */
    value: (fact: JobFacts[S]) => string | undefined;
  };
}[Stage];

export const OUTPUT_TABLE: readonly Row[] = [
  { name: 'go-version', stage: 'toolchain', value: (t) => t.version },
  { name: 'go-version-source', stage: 'toolchain', value: (t) => t.source },
  { name: 'go-root', stage: 'toolchain', value: (t) => t.goroot },
  { name: 'build-tool', stage: 'method', value: (m) => m },
  { name: 'cache-hit', stage: 'restored', value: (r) => String(r.modHit) },
  { name: 'build-cache-hit', stage: 'restored', value: (r) => String(r.buildHit) },
  { name: 'packages', stage: 'packages', value: (p) => JSON.stringify(p) },
  { name: 'binaries', stage: 'slug', value: (s) => JSON.stringify(s.binaries) },
  { name: 'binary', stage: 'slug', value: (s) => (s.web ? path.join(s.dir, 'bin', s.web) : '') },
  { name: 'procfile', stage: 'slug', value: (s) => s.procfile },
  { name: 'slug-dir', stage: 'slug', value: (s) => s.dir },
  { name: 'sbom', stage: 'sbom', value: (s) => s.written?.path ?? '' },
  { name: 'slug-archive', stage: 'published', value: (p) => p.archive ?? '' },
  { name: 'slug-sha256', stage: 'published', value: (p) => p.digest ?? '' },
  {
    name: 'artifact-id',
    stage: 'published',
    value: (p) => (p.artifact.uploaded ? (p.artifact.id?.toString() ?? '') : undefined),
  },
  {
    name: 'artifact-url',
    stage: 'published',
    value: (p) => (p.artifact.uploaded ? (p.artifact.url ?? '') : undefined),
  },
  { name: 'heroku-slug-id', stage: 'released', value: (r) => r.slugId },
  { name: 'heroku-release-id', stage: 'released', value: (r) => r.releaseId },
  { name: 'heroku-release-version', stage: 'released', value: (r) => String(r.version) },
];

/** Each stage's part of the run report. */
const REPORT_PARTS: { [S in Stage]: (r: RunReport, fact: JobFacts[S]) => void } = {
  plan(r, p) {
    r.goVersionSource = p.versionSource;
    r.buildTool = p.method;
    r.buildToolReason = p.methodReason;
  },
  toolchain(r, t) {
    r.goVersion = t.version;
    r.goVerified =
      t.verified ?? (t.origin === 'path' ? 'the go on PATH' : 'found in the tool cache');
  },
  method() {},
  restored(r, c) {
    r.cache = { modHit: c.modHit, buildHit: c.buildHit, note: c.note };
  },
  packages(r, p) {
    r.packages = p;
  },
  slug(r, s) {
    r.slugDir = s.dir;
    r.procfile = s.procfile;
    r.binaries = s.binaries.map((b) => ({ name: path.basename(b), size: fs.statSync(b).size }));
  },
  sbom(r, { written }) {
    if (written)
      r.sbom = { path: written.path, label: written.label, modules: written.modules.length };
  },
  published(r, p) {
    r.artifact = p.artifact;
    if (r.sbom && p.sbomArtifact) r.sbom.artifact = p.sbomArtifact;
    if (p.archive && p.digest) r.archive = { path: p.archive, sha256: p.digest };
  },
  released(r, h) {
    r.heroku = { app: h.app, version: h.version, bytes: h.bytes, status: h.status };
  },
};

/**
 * Records a stage's result: sets the outputs it gives and its part of the report. Returns the
 * result.
 */
export function recordStage<S extends Stage>(
  rt: Pick<Runtime, 'setOutput'>,
  report: RunReport,
  stage: S,
  fact: JobFacts[S],
): JobFacts[S] {
  for (const row of OUTPUT_TABLE) {
    if (row.stage !== stage) continue;
    const value = (row.value as (f: JobFacts[S]) => string | undefined)(fact);
    if (value !== undefined) rt.setOutput(row.name, value);
  }
  REPORT_PARTS[stage](report, fact);
  return fact;
}
