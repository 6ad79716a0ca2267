import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { GoEnv } from '../compile/go-env.js';
import { UserError, errorMessage } from '../errors.js';
import type { SbomFormat } from '../words.js';
import { PRODUCT } from '../product.js';
import { run } from '../runtime/exec.js';
import type { Logger } from '../runtime/ports.js';
import { show } from '../trust/log-text.js';
import { parseVersionM } from './buildinfo.js';
import { cyclonedxDocument } from './cyclonedx.js';
import { buildModel, moduleList, type SbomBinary, type SbomModel } from './model.js';
import { spdxDocument } from './spdx.js';

export interface WrittenSbom {
  path: string;
  format: SbomFormat;
  /** `SPDX 2.3` or `CycloneDX 1.5`. */
  label: string;
  /** The Go modules listed (main modules included), `path@version`. */
  modules: string[];
  binaries: number;
}

export const SBOM_FORMATS: Readonly<Record<SbomFormat, { label: string; suffix: string }>> = {
  spdx: { label: 'SPDX 2.3', suffix: '.spdx.json' },
  cyclonedx: { label: 'CycloneDX 1.5', suffix: '.cdx.json' },
};

export function renderSbom(model: SbomModel, format: SbomFormat): string {
  return format === 'spdx' ? spdxDocument(model) : cyclonedxDocument(model);
}

/** The URL of the repository the workflow runs for, when the runner names one. */
export function repositoryUrl(
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  const repo = env.GITHUB_REPOSITORY ?? '';
  if (!/^[\w.-]+\/[\w.-]+$/.test(repo)) return undefined;
  let server = env.GITHUB_SERVER_URL || 'https://github.com';
  try {
    const u = new URL(server);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
    server = u.origin;
  } catch {
    return undefined;
  }
  return `${server}/${repo}`;
}

async function sha256File(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/**
 * Reads the build info of each binary in the slug with the Go that built them (`go version -m`,
 * which reads any binary format Go writes, cross-compiled ones included) and writes the SBOM as
 * `<name>.spdx.json` (or `.cdx.json`) beside the slug directory, whole or not at all.
 */
export async function writeSbom(opts: {
  format: SbomFormat;
  /** The slug written: its directory and the paths of its binaries. */
  slug: { dir: string; binaries: readonly string[] };
  name: string;
  created: number;
  genv: GoEnv;
  env: Readonly<Record<string, string | undefined>>;
  log: Logger;
}): Promise<WrittenSbom> {
  const { genv, log } = opts;
  const slugDir = opts.slug.dir;
  const goBin = path.join(genv.goroot, 'bin', 'go');
  const binaries: SbomBinary[] = await Promise.all(
    opts.slug.binaries.map(async (abs): Promise<SbomBinary> => {
      const file = path.relative(slugDir, abs).split(path.sep).join('/');
      const st = fs.lstatSync(abs);
      if (!st.isFile()) throw new UserError(`SBOM: ${show(file)} is not a regular file`);
      const [sha256, res] = await Promise.all([
        sha256File(abs),
        run(goBin, ['version', '-m', abs], { cwd: slugDir, env: genv.env, quiet: true }),
      ]);
      const info = res.code === 0 ? parseVersionM(res.stdout, abs) : undefined;
      return { file, sha256, info };
    }),
  );
  const bare = binaries.filter((b) => !b.info).map((b) => show(b.file));
  if (bare.length) {
    log.warning(
      `SBOM: ${bare.join(', ')} hold${bare.length === 1 ? 's' : ''} no Go build info (not built by go?): listed by checksum only`,
    );
  }
  const model = buildModel({
    name: opts.name,
    created: opts.created,
    tool: PRODUCT,
    repositoryUrl: repositoryUrl(opts.env),
    binaries,
  });
  const { label, suffix } = SBOM_FORMATS[opts.format];
  const target = path.join(path.dirname(slugDir), `${opts.name}${suffix}`);
  const tmp = `${target}.${process.pid}.tmp`;
  try {
    fs.rmSync(tmp, { force: true });
    fs.writeFileSync(tmp, renderSbom(model, opts.format), { flag: 'wx', mode: 0o644 });
    fs.renameSync(tmp, target);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw new UserError(`Writing the SBOM ${show(target)} failed: ${errorMessage(err)}`);
  }
  const modules = moduleList(model);
  log.info(
    `Wrote the SBOM (${label}) to ${show(target)}: ${binaries.length} binar${binaries.length === 1 ? 'y' : 'ies'}, ${modules.length} Go module${modules.length === 1 ? '' : 's'}${modules.length ? ` (${modules.slice(0, 8).map(show).join(', ')}${modules.length > 8 ? ', …' : ''})` : ''}`,
  );
  return { path: target, format: opts.format, label, modules, binaries: binaries.length };
}
