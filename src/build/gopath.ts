import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import type { Inputs } from '../inputs.js';
import type { Detection } from '../plan/detect.js';
import type { Logger } from '../runtime/ports.js';
import type { GoEnv } from './go-env.js';
import { go } from './run-go.js';
import { installAndLocate, type BuildResult } from './targets.js';

/**
 * Copies the app to `$GOPATH/src/<importPath>`, the place GOPATH-era builds expect it (vendored
 * imports resolve from there). The copy replaces an older one; `.git` is left out.
 */
export function placeInGopath(appDir: string, gopath: string, importPath: string): string {
  const dest = path.join(gopath, 'src', ...importPath.split('/'));
  if (path.resolve(dest) === path.resolve(appDir)) return dest;
  fs.rmSync(dest, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  fs.cpSync(appDir, dest, {
    recursive: true,
    verbatimSymlinks: true,
    filter: (src) => path.basename(src) !== '.git',
  });
  return dest;
}

function words(s: string | undefined): string[] | undefined {
  const w = s?.split(/\s+/).filter(Boolean);
  return w && w.length ? w : undefined;
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

/**
 * gobuild, goget and Heroku's godep / govendor / gb: GOPATH-layout builds (SPEC §3).
 * `modulePath` is go.mod's module line, when there is one.
 */
export async function buildGopath(
  inputs: Inputs,
  detection: Detection,
  modulePath: string | undefined,
  goVersion: string,
  genv: GoEnv,
  log: Logger,
): Promise<GopathBuild> {
  const appName = path.basename(inputs.appDir);
  const legacy = detection.legacy;
  let importPath: string;
  let packages: string[];
  let useGet = false;
  let gopathEnv: Record<string, string> = {};
  switch (detection.method) {
    case 'gobuild':
      importPath = inputs.rundir ?? modulePath ?? appName;
      packages = words(inputs.package) ?? ['main.go'];
      break;
    case 'goget':
      importPath = inputs.rundir ?? words(inputs.package)?.[0] ?? modulePath ?? appName;
      packages = [importPath];
      // GOPATH-mode `go get` was removed in Go 1.22; `go install` builds the same thing there.
      useGet = semver.lt(goVersion, '1.22.0');
      break;
    case 'godep': {
      const meta = legacy?.tool === 'godep' ? legacy : undefined;
      importPath = meta?.importPath ?? appName;
      packages = words(inputs.installPackageSpec) ?? meta?.packages ?? ['.'];
      const ws = path.join(inputs.appDir, 'Godeps', '_workspace');
      if (fs.existsSync(path.join(ws, 'src'))) {
        // What `godep go install` does: the saved workspace first on GOPATH.
        gopathEnv = {
          GOPATH: `${path.join(genv.gopath, 'src', ...importPath.split('/'), 'Godeps', '_workspace')}${path.delimiter}${genv.gopath}`,
        };
      }
      break;
    }
    case 'govendor': {
      const meta = legacy?.tool === 'govendor' ? legacy : undefined;
      importPath = meta?.rootPath ?? appName;
      packages = words(inputs.installPackageSpec) ?? meta?.install ?? ['.'];
      break;
    }
    case 'gb': {
      // gb projects are their own GOPATH: build every tree under src/ in place.
      importPath = appName;
      const src = path.join(inputs.appDir, 'src');
      packages = fs
        .readdirSync(src, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => `${d.name}/...`);
      const env = { GO111MODULE: 'off', GOPATH: `${inputs.appDir}${path.delimiter}${genv.gopath}` };
      const binaries = await installAndLocate(inputs, genv, inputs.appDir, packages, log, env);
      return {
        result: { packages, binaries, processNames: binaries.map((b) => b.name) },
        importPath,
      };
    }
    default:
      throw new Error(`not a GOPATH method: ${detection.method}`);
  }
  const dir = placeInGopath(inputs.appDir, genv.gopath, importPath);
  log.info(`Placed the app at ${dir}`);
  const env = { ...moduleEnv(dir), ...gopathEnv };
  if (useGet) {
    await go(genv, dir, ['get', ...packages], log, { env });
  }
  const binaries = await installAndLocate(inputs, genv, dir, packages, log, env);
  return { result: { packages, binaries, processNames: binaries.map((b) => b.name) }, importPath };
}
