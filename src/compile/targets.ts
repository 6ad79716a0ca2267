import path from 'node:path';
import { UserError } from '../errors.js';
import type { BuildInputs } from './job.js';
import type { Logger } from '../runtime/ports.js';
import { installArgs, sharedGoFlags } from './flags.js';
import type { GoEnv } from './go-env.js';
import {
  binaryOf,
  knownBinaries,
  MAIN_TARGETS_FORMAT,
  parseMainTargets,
  type BuiltBinary,
  type ListedMain,
} from './go-list.js';
import { go, isFilePackage } from './run-go.js';

export type { BuiltBinary } from './go-list.js';

export interface BuildResult {
  packages: string[];
  binaries: BuiltBinary[];
  /** Names for the default Procfile: every main package of the module, as Go names its binary. */
  processNames: string[];
}

/**
 * Every main package under `dir` and its install target, as `go list` names them (`./...`
 * excludes vendor/; `-find` resolves no dependency).
 */
export async function listMainPackages(
  genv: GoEnv,
  dir: string,
  flags: string[],
  log: Logger,
): Promise<ListedMain[]> {
  const out = await go(
    genv,
    dir,
    ['list', '-find', ...flags, '-f', MAIN_TARGETS_FORMAT, './...'],
    log,
    { quiet: true },
  );
  return parseMainTargets(out);
}

/** Where Go installs each main package's binary: asked, never guessed from a basename. */
export async function binaryTargets(
  genv: GoEnv,
  dir: string,
  flags: string[],
  packages: string[],
  log: Logger,
  env?: Record<string, string | undefined>,
): Promise<BuiltBinary[]> {
  const out = await go(genv, dir, ['list', ...flags, '-f', MAIN_TARGETS_FORMAT, ...packages], log, {
    quiet: true,
    env,
  });
  const label = (pkg: string) => (packages.every(isFilePackage) ? packages.join(' ') : pkg);
  return parseMainTargets(out).flatMap((m) => binaryOf(label(m.importPath), m.target) ?? []);
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

export interface InstallOptions {
  /** Extra env for the go commands (GO111MODULE=off, GOPATH for GOPATH-mode builds). */
  env?: Record<string, string | undefined>;
  /**
   * A listing of the main packages of the very tree being installed (same flags and env, and
   * nothing ran in between that could change it: no hook). The binaries of packages it names
   * are taken from it instead of from a second `go list` after the install.
   */
  listed?: readonly ListedMain[];
}

/**
 * `go install`s the packages in `dir` and returns the binaries Go reports for them. A list of .go
 * files is one package to Go; when cross-compiling, Go has no install location for it (GOBIN is
 * refused), so it is built with `go build -o` into `$GOPATH/bin/<goos>_<goarch>/` instead.
 */
export async function installAndLocate(
  inputs: BuildInputs,
  genv: GoEnv,
  dir: string,
  packages: string[],
  log: Logger,
  opts: InstallOptions = {},
): Promise<BuiltBinary[]> {
  const { env } = opts;
  const flags = sharedGoFlags(inputs, dir);
  const files = packages.length > 0 && packages.every(isFilePackage);
  if (files && !genv.gobin) {
    const goos = genv.env.GOOS ?? inputs.host.goos;
    const goarch = genv.env.GOARCH ?? 'amd64';
    const name = path.basename(packages[0] as string, '.go');
    const out = path.join(
      genv.gopath,
      'bin',
      `${goos}_${goarch}`,
      goos === 'windows' ? `${name}.exe` : name,
    );
    const args = installArgs(inputs, flags, packages);
    args.splice(args.length - packages.length, 0, '-o', out);
    args[0] = 'build';
    await go(genv, dir, args, log, { env });
    return [{ package: packages.join(' '), path: out, name }];
  }
  await go(genv, dir, installArgs(inputs, flags, packages), log, { env });
  const bins =
    (opts.listed && knownBinaries(packages, opts.listed)) ??
    (await binaryTargets(genv, dir, flags, packages, log, env));
  checkDuplicateNames(bins);
  if (bins.length === 0) {
    throw new UserError(
      `go install built no binary: none of ${packages.join(' ')} is a main package`,
    );
  }
  return bins;
}
