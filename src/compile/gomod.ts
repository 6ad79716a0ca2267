import { UserError } from '../errors.js';
import type { BuildInputs, BuildJob, PackageChoice } from './job.js';
import type { Logger } from '../runtime/ports.js';
import { show } from '../trust/log-text.js';
import { sharedGoFlags } from './flags.js';
import type { GoEnv } from './go-env.js';
import { mainBinaries, type ListedMain } from './go-list.js';
import { binaryTargets, installAndLocate, listMainPackages, type BuildResult } from './targets.js';

/** What a gomod build installs, decided before the pre-build hooks run (Heroku's order). */
export interface GomodTargets {
  packages: string[];
  /**
   * Every main package of the module and where Go installs it, listed before the hooks: the
   * default Procfile lists them all.
   */
  mains: ListedMain[];
}

/**
 * The gomod method's packages: `package` → `install-package-spec` → on Heroku `// +heroku
 * install` then every main package of the module (`.` when there is none), on Clever Cloud the
 * module path, which must then be a main package (Clever Cloud would deploy no binary).
 * In workspace mode (a go.work and no root go.mod) the package must be given.
 */
export async function gomodTargets(
  inputs: BuildInputs,
  detection: BuildJob['detection'],
  choice: PackageChoice,
  genv: GoEnv,
  log: Logger,
): Promise<GomodTargets> {
  const dir = inputs.appDir;
  const flags = sharedGoFlags(inputs, dir);
  const mains = detection.workspaceMode ? [] : await listMainPackages(genv, dir, flags, log);
  const mainPaths = mains.map((m) => m.importPath);
  let packages = choice.packages;
  if (choice.source === 'module') {
    const [modulePath] = packages;
    if (modulePath !== '.' && !mainPaths.includes(modulePath as string)) {
      const found = mainPaths.length
        ? `its main packages are ${mainPaths.map(show).join(', ')}`
        : 'it has no main package';
      throw new UserError(
        `go.mod: the module path ${show(modulePath as string)} is not a main package, so Clever Cloud would deploy no binary (${found}); set package (CC_GO_PKG) to the one to deploy`,
      );
    }
    log.info(`Installing the module path ${show(modulePath as string)} (Clever Cloud's rule)`);
  } else if (choice.source === 'discover') {
    packages = mainPaths;
    if (packages.length) {
      log.info(
        `Detected the following main packages to install:\n${packages.map((p) => `  ${show(p)}`).join('\n')}`,
      );
    } else {
      log.warning(
        `No main packages found in ${show(dir)}; installing package "." (set package or install-package-spec, or add // +heroku install ./cmd/... to go.mod)`,
      );
      packages = ['.'];
    }
  } else {
    log.info(`Installing ${packages.map(show).join(' ')} (from ${choice.source})`);
  }
  return { packages, mains };
}

/**
 * `go install` of the planned packages, and where Go put the binaries. `asListed`: no hook ran
 * since the main packages were listed, so the tree Go installs is the tree it listed, and the
 * listing's targets are the binaries' (one `go list` for the whole build instead of up to
 * three). After a hook, which may have added, removed or renamed packages, Go is asked again.
 */
export async function buildGomod(
  inputs: BuildInputs,
  targets: GomodTargets,
  genv: GoEnv,
  log: Logger,
  asListed: boolean,
): Promise<BuildResult> {
  const dir = inputs.appDir;
  const { packages, mains } = targets;
  const listed = asListed ? mains : undefined;
  const binaries = await installAndLocate(inputs, genv, dir, packages, log, { listed });
  const mainPaths = mains.map((m) => m.importPath);
  let all = binaries;
  if (mains.length > 0 && !sameList(mainPaths, packages)) {
    all = listed
      ? mainBinaries(listed)
      : await binaryTargets(genv, dir, sharedGoFlags(inputs, dir), mainPaths, log);
  }
  return { packages, binaries, processNames: all.map((b) => b.name) };
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
