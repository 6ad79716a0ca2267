import path from 'node:path';
import type { RestoreResult } from './cache/restore.js';
import type { Published } from './publish/upload.js';
import type { Runtime } from './runtime/ports.js';
import type { Slug } from './slug/slug.js';

/**
 * The step's outputs, one table: each output's name, the stage whose result gives it, and its
 * value. The pipeline records each stage's result as the stage ends and the table sets that
 * stage's outputs then (a later failure keeps what earlier stages gave). A unit test holds the
 * names equal to action.yml's `outputs`, as the input table is held to its `inputs`.
 */
export interface JobFacts {
  toolchain: { version: string; source: string; goroot: string };
  method: string;
  restored: Pick<RestoreResult, 'modHit' | 'buildHit'>;
  packages: string[];
  slug: Slug & { web?: string };
  /** The SBOM written, if any. */
  sbom: { path?: string };
  published: Pick<Published, 'archive' | 'digest' | 'artifact'>;
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
  { name: 'sbom', stage: 'sbom', value: (s) => s.path ?? '' },
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
];

/** Records a stage's result and sets the outputs it gives. Returns the result. */
export function recordStage<S extends Stage>(
  rt: Pick<Runtime, 'setOutput'>,
  stage: S,
  fact: JobFacts[S],
): JobFacts[S] {
  for (const row of OUTPUT_TABLE) {
    if (row.stage !== stage) continue;
    const value = (row.value as (f: JobFacts[S]) => string | undefined)(fact);
    if (value !== undefined) rt.setOutput(row.name, value);
  }
  return fact;
}
