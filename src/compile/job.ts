// What the build stage is given: the build method and its packages, already decided by the plan,
// and the few settings it applies. The stage owns these types; the plan fills them in.
import type { Platform } from '../words.js';

/** How the app is built (SPEC §3); the three legacy Heroku tools are never chosen by input. */
export type Method =
  'gomod' | 'gobuild' | 'makefile' | 'goget' | 'godep' | 'govendor' | 'gb' | 'dep';

/** Where the packages to install come from (SPEC §3 gomod), first non-empty wins. */
export interface PackageChoice {
  packages: string[];
  /**
   * `module`: Clever Cloud's rule, the module path (checked to be a main package at build time);
   * `discover`: Heroku's, the caller lists the module's main packages.
   */
  source: 'package' | 'install-package-spec' | 'heroku-install' | 'module' | 'discover';
}

/**
 * Where a GOPATH-mode build (gobuild, goget and Heroku's godep / govendor / gb) places the app,
 * and what it installs (SPEC §3), decided before anything is downloaded. The import path becomes
 * `$GOPATH/src/<import path>`, a directory that is replaced by a copy of the app: it must be an
 * import path, whoever gave it (an input, go.mod's module line, Godeps.json).
 */
export interface GopathPlan {
  importPath: string;
  packages: string[];
  /** Where the packages came from, as errors name it. */
  packagesFrom: string;
  /** gb projects are their own GOPATH and build in place. */
  inPlace: boolean;
}

/** The settings the build applies (the plan hands over its inputs; only these are read). */
export interface BuildInputs {
  appDir: string;
  platform: Platform;
  host: { goos: string; goarch: string };
  goos?: string;
  goarch?: string;
  goEnv: Record<string, string>;
  cgoEnv: Record<string, string>;
  binary?: string;
  rundir?: string;
  troubleshoot: boolean;
  reproducible: boolean;
  linkerSymbol?: string;
  linkerValue?: string;
  buildTags: string[];
  buildFlags: string[];
  preBuildHook?: string;
  postBuildHook?: string;
}

/** One build: the method detected, what it installs, where a GOPATH layout puts the sources. */
export interface BuildJob {
  inputs: BuildInputs;
  detection: { method: Method; workspaceMode: boolean };
  /** gomod: the packages to install. */
  gomod?: PackageChoice;
  /** gobuild, goget, godep, govendor, gb. */
  gopath?: GopathPlan;
  /** The import path of the sources in a GOPATH layout (setup-gopath-in-image). */
  importPath: string;
}
