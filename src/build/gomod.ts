import path from 'node:path';
import { UserError } from '../errors.js';
import type { Inputs } from '../inputs.js';
import { run } from '../runtime/exec.js';
import type { Logger } from '../runtime/ports.js';
import { buildFlags, installArgs } from './flags.js';
import type { GoEnv } from './go-env.js';

export interface BuiltBinary {
  /** Import path of the main package (or the file list for file packages). */
  package: string;
  /** Absolute path where Go installed it. */
  path: string;
  /** Binary name = process name. */
  name: string;
}

export interface BuildResult {
  packages: string[];
  binaries: BuiltBinary[];
  /** Every main package of the module (for the default Procfile), as Go names their binaries. */
  mainBinaryNames: string[];
}

/** Runs a go command in the app dir; a non-zero exit is the user's build failure. */
async function go(
  genv: GoEnv,
  appDir: string,
  args: string[],
  log: Logger,
  opts: { quiet?: boolean; logCommand?: boolean } = {},
): Promise<string> {
  const res = await run(path.join(genv.goroot, 'bin', 'go'), args, {
    cwd: appDir,
    env: genv.env,
    quiet: opts.quiet,
    logCommand: opts.logCommand === false ? undefined : log,
  });
  if (res.code !== 0) {
    const detail = opts.quiet ? `\n${res.stderr.trim()}` : '';
    throw new UserError(`go ${args[0]} failed with exit code ${res.code}${detail}`);
  }
  return res.stdout;
}

/** Every main package of the module, as `go list` names them (excludes vendor/). */
export async function discoverMainPackages(
  genv: GoEnv,
  appDir: string,
  flags: string[],
  log: Logger,
): Promise<string[]> {
  const out = await go(
    genv,
    appDir,
    ['list', '-find', ...flags, '-f', '{{if eq .Name "main"}}{{.ImportPath}}{{end}}', './...'],
    log,
    { quiet: true },
  );
  return out
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Where Go installs each package's binary: never guessed from a basename. */
export async function binaryTargets(
  genv: GoEnv,
  appDir: string,
  flags: string[],
  packages: string[],
  log: Logger,
): Promise<BuiltBinary[]> {
  const out = await go(
    genv,
    appDir,
    ['list', ...flags, '-f', '{{.Name}}\t{{.ImportPath}}\t{{.Target}}', ...packages],
    log,
    { quiet: true },
  );
  const bins: BuiltBinary[] = [];
  for (const line of out.split('\n')) {
    const [name, pkg, target] = line.split('\t');
    if (name !== 'main' || !pkg || !target) continue;
    bins.push({ package: pkg, path: target, name: path.basename(target).replace(/\.exe$/, '') });
  }
  return bins;
}

/** Fails when two main packages would install a binary of the same name. */
export function checkDuplicateNames(bins: BuiltBinary[]): void {
  const seen = new Map<string, string>();
  for (const b of bins) {
    const other = seen.get(b.name);
    if (other !== undefined && other !== b.package) {
      throw new UserError(
        `Two main packages build a binary named "${b.name}": ${other} and ${b.package}; rename one of them or build only one (package / install-package-spec)`,
      );
    }
    seen.set(b.name, b.package);
  }
}

/** The gomod method: `go install` the packages with the module's flags, then ask Go where they went. */
export async function buildGomod(inputs: Inputs, genv: GoEnv, log: Logger): Promise<BuildResult> {
  const appDir = inputs.appDir;
  const flags = buildFlags(inputs, appDir);
  const mains = await discoverMainPackages(genv, appDir, flags, log);
  let packages = mains;
  if (packages.length) {
    log.info(
      `Detected the following main packages to install:\n${packages.map((p) => `  ${p}`).join('\n')}`,
    );
  } else {
    log.warning(
      `No main packages found in ${appDir}; installing package "." (set package or install-package-spec to choose)`,
    );
    packages = ['.'];
  }
  await go(genv, appDir, installArgs(inputs, flags, packages), log);
  const binaries = await binaryTargets(genv, appDir, flags, packages, log);
  checkDuplicateNames(binaries);
  if (binaries.length === 0) {
    throw new UserError(
      `go install built no binary: none of ${packages.join(' ')} is a main package`,
    );
  }
  const all = packages === mains ? binaries : await binaryTargets(genv, appDir, flags, mains, log);
  return { packages, binaries, mainBinaryNames: all.map((b) => b.name) };
}
