import type { CheckReport } from '../check/index.js';
import { KEEP_DESCRIPTION } from '../check/keeper.js';
import { formatSize } from '../fs-tree.js';
import { htmlText, mdCode as code, mdLink, mdText as cell } from '../trust/summary-text.js';

/**
 * What one run did, collected as the phases go, and its job summary (SPEC §7): a table a reviewer
 * reads on the run page instead of the log. Rendering is pure, so the unit tests pin it down.
 */
export interface PhaseTiming {
  name: string;
  ms: number;
  failed?: boolean;
}

export interface BinaryInfo {
  name: string;
  size: number;
}

export type ArtifactReport =
  | { uploaded: true; name: string; id?: number; url?: string; size?: number; format: string }
  | { uploaded: false; reason: string };

export interface RunReport {
  goVersion?: string;
  goVersionSource?: string;
  /** How the Go that builds was verified, or where it was found. */
  goVerified?: string;
  buildTool?: string;
  buildToolReason?: string;
  packages?: string[];
  binaries?: BinaryInfo[];
  procfile?: string;
  cache?: { modHit: boolean; buildHit: boolean; note?: string };
  artifact?: ArtifactReport;
  slugDir?: string;
  /** The packed slug and its sha256, when it was packed. */
  archive?: { path: string; sha256: string };
  /** The SBOM (SPEC §11), when one was written, and its artifact. */
  sbom?: { path: string; label: string; modules: number; artifact?: ArtifactReport };
  /** The deploy check (SPEC §10), when one ran. */
  deploy?: CheckReport;
  /** The release to Heroku (SPEC §12), when one was made (or found already made). */
  heroku?: { app: string; version: number; bytes: number; status: string };
  phases: PhaseTiming[];
  /** The line the step failed with. */
  error?: string;
}

export function newReport(): RunReport {
  return { phases: [] };
}

/** Runs `fn` as a named phase and records its duration (failed or not). */
export async function timed<T>(report: RunReport, name: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    const value = await fn();
    report.phases.push({ name, ms: performance.now() - started });
    return value;
  } catch (err) {
    report.phases.push({ name, ms: performance.now() - started, failed: true });
    throw err;
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function artifactCell(a: ArtifactReport): string {
  if (!a.uploaded) return cell(a.reason);
  const size = a.size !== undefined ? ` (${formatSize(a.size)})` : '';
  const label = a.url ? mdLink(a.name, a.url) : code(a.name);
  return `${label}${size}, ${cell(a.format)}`;
}

/** The job summary: a heading, the table of SPEC §7, the Procfile, and the phase timings. */
export function renderSummary(r: RunReport): string {
  const rows: [string, string][] = [];
  if (r.goVersion)
    rows.push([
      'Go',
      `${code(r.goVersion)}${r.goVersionSource ? ` from ${cell(r.goVersionSource)}` : ''}`,
    ]);
  if (r.goVerified) rows.push(['Toolchain', cell(r.goVerified)]);
  if (r.buildTool)
    rows.push([
      'Build tool',
      `${code(r.buildTool)}${r.buildToolReason ? ` (${cell(r.buildToolReason)})` : ''}`,
    ]);
  if (r.packages?.length) rows.push(['Packages', r.packages.map(code).join('<br>')]);
  if (r.binaries?.length)
    rows.push([
      'Binaries',
      r.binaries.map((b) => `${code(`bin/${b.name}`)} ${formatSize(b.size)}`).join('<br>'),
    ]);
  if (r.cache) {
    const hit = (v: boolean) => (v ? 'hit' : 'miss');
    rows.push([
      'Caches',
      `module cache: ${hit(r.cache.modHit)}, build cache: ${hit(r.cache.buildHit)}${r.cache.note ? ` (${cell(r.cache.note)})` : ''}`,
    ]);
  }
  if (r.artifact) rows.push(['Artifact', artifactCell(r.artifact)]);
  else if (r.slugDir) rows.push(['Slug', code(r.slugDir)]);
  if (r.archive)
    rows.push(['Slug archive', `${code(r.archive.path)}<br>sha256 ${code(r.archive.sha256)}`]);
  if (r.sbom) {
    const where = r.sbom.artifact?.uploaded ? artifactCell(r.sbom.artifact) : code(r.sbom.path);
    rows.push([
      'SBOM',
      `${where}<br>${cell(r.sbom.label)}, ${r.sbom.modules} Go module${r.sbom.modules === 1 ? '' : 's'}`,
    ]);
  }

  if (r.heroku) {
    const h = r.heroku;
    const what = h.status === 'current' ? 'already runs this slug' : 'released';
    rows.push(['Heroku', `${cell(h.app)}: ${what} as v${h.version}, slug ${formatSize(h.bytes)}`]);
  }

  const out: string[] = [];
  out.push(`### go-paas-build ${r.error ? 'failed' : 'built the slug'}`, '');
  if (r.error) out.push(`> ${cell(r.error)}`, '');
  if (rows.length) {
    out.push('| | |', '| --- | --- |');
    for (const [k, v] of rows) out.push(`| ${k} | ${v} |`);
    out.push('');
  }
  if (r.procfile !== undefined) {
    out.push(
      '<details open><summary>Procfile</summary>',
      '',
      '<pre>',
      htmlText(r.procfile).trimEnd(),
    );
    out.push('</pre>', '</details>', '');
  }
  if (r.deploy?.glibc || r.deploy?.smoke) out.push(...deploySection(r.deploy));
  if (r.phases.length) {
    out.push('| phase | time |', '| --- | ---: |');
    for (const p of r.phases)
      out.push(`| ${p.name}${p.failed ? ' (failed)' : ''} | ${seconds(p.ms)} |`);
    const total = r.phases.reduce((n, p) => n + p.ms, 0);
    out.push(`| **total** | **${seconds(total)}** |`, '');
  }
  return out.join('\n');
}

const mark = (ok: boolean) => (ok ? '✅' : '❌');

/** The deploy check: one row per binary checked and per process or health path of the smoke test. */
function deploySection(d: CheckReport): string[] {
  const out = ['#### Deploy check', ''];
  const rows: [string, string, string][] = [];
  if (d.glibc) {
    for (const b of d.glibc.binaries) {
      rows.push([mark(b.ok), code(b.name), `${cell(b.finding)} (${cell(d.glibc.target)})`]);
    }
  }
  if (d.smoke) {
    for (const p of d.smoke.processes) {
      rows.push([mark(p.ok), `${code(p.name)} process`, `${code(p.command)}: ${cell(p.result)}`]);
    }
    if (d.smoke.listeners) rows.push([mark(true), 'web listens on', code(d.smoke.listeners)]);
    for (const h of d.smoke.health) rows.push([mark(h.ok), `GET ${code(h.path)}`, cell(h.result)]);
    if (d.smoke.keptIn) {
      const kind = d.smoke.keptIn;
      rows.push([
        kind === 'groups' ? '⚠️' : mark(true),
        'processes kept in',
        KEEP_DESCRIPTION[kind],
      ]);
    }
  }
  if (rows.length) {
    out.push('| | check | result |', '| --- | --- | --- |');
    for (const [a, b, c] of rows) out.push(`| ${a} | ${b} | ${c} |`);
    out.push('');
  }
  return out;
}
