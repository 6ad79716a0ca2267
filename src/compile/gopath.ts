import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { UserError } from '../errors.js';
import type { BuildInputs, GopathPlan } from './job.js';
import type { Logger } from '../runtime/ports.js';
import { quote, show } from '../trust/log-text.js';
import { confine, isInside, realRoot } from '../trust/paths.js';
import type { GoEnv } from './go-env.js';
import { go } from './run-go.js';
import { installAndLocate, type BuildResult } from './targets.js';

/**
 * Copies the app to `$GOPATH/src/<importPath>`, the place GOPATH-era builds expect it (vendored
 * imports resolve from there). The copy replaces an older one, so the destination goes through
 * the path gate: inside `$GOPATH/src` once symlinks are resolved, and neither the app itself nor
 * a folder holding it. Symlinks are copied as symlinks; `.git` is left out.
 */
export function placeInGopath(
  appDir: string,
  gopath: string,
  importPath: string,
  label: string,
): string {
  const src = realRoot(path.join(gopath, 'src'), '$GOPATH/src', true);
  const dest = confine(src, importPath, { label, accepted: 'use an import path' });
  if (dest === appDir) return dest;
  if (isInside(dest, appDir) || isInside(appDir, dest)) {
    throw new UserError(
      `${label}: ${quote(importPath)} would place the app at ${show(dest)}, which holds or is held by the app directory ${show(appDir)}; use another import path`,
    );
  }
  fs.rmSync(dest, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  fs.cpSync(appDir, dest, {
    recursive: true,
    verbatimSymlinks: true,
    filter: (p) => path.basename(p) !== '.git',
  });
  return dest;
}

/** GOPATH mode unless the app has a go.mod. */
function moduleEnv(dir: string): Record<string, string> {
  return fs.existsSync(path.join(dir, 'go.mod')) ? {} : { GO111MODULE: 'off' };
}

export interface GopathBuild {
  result: BuildResult;
  /** The import path the app was built under (for setup-gopath-in-image). */
  importPath: string;
}

/** gobuild, goget and Heroku's godep / govendor / gb: GOPATH-layout builds (SPEC §3). */
export async function buildGopath(
  inputs: BuildInputs,
  method: string,
  plan: GopathPlan,
  goVersion: string,
  genv: GoEnv,
  log: Logger,
): Promise<GopathBuild> {
  const { importPath, packages } = plan;
  if (plan.inPlace) {
    // gb projects are their own GOPATH: build every tree under src/ in place.
    const env = { GO111MODULE: 'off', GOPATH: `${inputs.appDir}${path.delimiter}${genv.gopath}` };
    const binaries = await installAndLocate(inputs, genv, inputs.appDir, packages, log, {
      env,
    });
    return {
      result: { packages, binaries, processNames: binaries.map((b) => b.name) },
      importPath,
    };
  }
  const label = inputs.rundir !== undefined ? 'rundir' : `the ${method} import path`;
  const dir = placeInGopath(inputs.appDir, genv.gopath, importPath, label);
  log.info(`Placed the app at ${show(dir)}`);
  const env: Record<string, string> = moduleEnv(dir);
  if (method === 'godep' && fs.existsSync(path.join(dir, 'Godeps', '_workspace', 'src'))) {
    // What `godep go install` does: the saved workspace first on GOPATH.
    env.GOPATH = `${path.join(dir, 'Godeps', '_workspace')}${path.delimiter}${genv.gopath}`;
  }
  // GOPATH-mode `go get` was removed in Go 1.22; `go install` builds the same thing there.
  if (method === 'goget' && semver.lt(goVersion, '1.22.0')) {
    await go(genv, dir, ['get', ...packages], log, { env });
  }
  const binaries = await installAndLocate(inputs, genv, dir, packages, log, { env });
  return { result: { packages, binaries, processNames: binaries.map((b) => b.name) }, importPath };
}
