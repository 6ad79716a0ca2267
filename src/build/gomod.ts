import type { Inputs } from '../inputs.js';
import type { Detection, PackageChoice } from '../plan/detect.js';
import type { Logger } from '../runtime/ports.js';
import { show } from '../trust/log-text.js';
import { buildFlags } from './flags.js';
import type { GoEnv } from './go-env.js';
import {
  binaryTargets,
  discoverMainPackages,
  installAndLocate,
  type BuildResult,
} from './targets.js';

/**
 * The gomod method: packages from `package` → `install-package-spec` → `// +heroku install` →
 * every main package of the module → `.`; then `go install` and ask Go where the binaries went.
 * In workspace mode (a go.work and no root go.mod) the package must be given.
 */
export async function buildGomod(
  inputs: Inputs,
  detection: Detection,
  choice: PackageChoice,
  genv: GoEnv,
  log: Logger,
): Promise<BuildResult> {
  const dir = inputs.appDir;
  const flags = buildFlags(inputs, dir);
  // The default Procfile lists every main package of the module, even when fewer are built.
  const mains = detection.workspaceMode ? [] : await discoverMainPackages(genv, dir, flags, log);
  let packages = choice.packages;
  if (choice.source === 'install-package-spec') {
    log.warning(
      'Using install-package-spec (GO_INSTALL_PACKAGE_SPEC) instead of the detected main packages',
    );
  }
  if (choice.source === 'discover') {
    packages = mains;
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
  const binaries = await installAndLocate(inputs, genv, dir, packages, log);
  const all =
    mains.length === 0 || sameList(mains, packages)
      ? binaries
      : await binaryTargets(genv, dir, flags, mains, log);
  return { packages, binaries, processNames: all.map((b) => b.name) };
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
