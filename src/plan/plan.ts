import path from 'node:path';
import { herokuHookFile } from '../compile/hooks.js';
import { isCross } from '../compile/go-env.js';
import { dependencyFiles } from '../cache/dependency-files.js';
import { UserError } from '../errors.js';
import { readInputs, type Inputs } from '../inputs.js';
import { herokuParts, stageParts, type Decided, type StageParts } from './parts.js';
import { lookupHerokuApp } from '../release/heroku-app.js';
import { checkProcessType } from '../release/heroku.js';
import type { Runtime } from '../runtime/ports.js';
import { parseProcfile } from '../slug/procfile.js';
import { quote, show } from '../trust/log-text.js';
import { confine, readBytesInside, readInside, realRoot, type Root } from '../trust/paths.js';
import { importPath } from '../trust/words.js';
import { readVersionFiles } from './app-files.js';
import { scanApp, type AppLayout } from './app-layout.js';
import { choosePackages, detect, type Detection } from './detect.js';
import { planGopath } from './gopath.js';
import { slugignorePatterns } from '../slug/app-files.js';
import { HEROKU_DEFAULT_GO, herokuDefaultWarning, refuseBeforeModules } from './platform.js';
import { parseVersionSpec } from '../toolchain/version-spec.js';
import {
  chooseVersionSpec,
  parseGoMod,
  type AppVersionFiles,
  type GoModInfo,
  type VersionChoice,
} from './version-source.js';

/**
 * Everything decided before the first download (SPEC §9: every check that needs no download is
 * done here): the Go version spec, the build method and what it builds, and each stage's part
 * (parts.ts), the app's Procfile and the files that key the module cache included. Bad input, or
 * a hostile app file, fails here with one line, before any request.
 */
export interface Plan extends StageParts {
  choice: VersionChoice;
  detection: Detection;
  goMod?: GoModInfo;
  /** Things worth a notice (not a warning), printed once the plan stands. */
  notices: string[];
}

/**
 * A package given as a path (`./cmd/x`, `../x`, `/x`, `main.go`) must stay inside the app once
 * symlinks are resolved: go would otherwise compile files from elsewhere on the runner.
 */
function packagePathsInside(app: Root, packages: string[], label: string): void {
  for (const p of packages) {
    if (p.startsWith('.') || p.startsWith('/') || p.endsWith('.go')) {
      confine(app, p, { label, allowRoot: true, accepted: 'use a package inside the app' });
    }
  }
}

export const RUNDIR_DEPRECATED =
  'rundir (CC_GO_RUNDIR) is deprecated: it only places a GOPATH-mode build; use Go modules ' +
  '(a go.mod, build-tool gomod), where the import path comes from the module line';

/**
 * An app file as gathered: its value, nothing (absent), or the refusal reading it met (a symlink
 * out of the app), which the plan raises where it reaches that file, so that the first refusal
 * of a run is the same whatever is gathered first.
 */
export interface Gathered<T> {
  value?: T;
  refused?: unknown;
}

function gather<T>(read: () => T | undefined): Gathered<T> {
  try {
    return { value: read() };
  } catch (err) {
    return { refused: err };
  }
}

function take<T>(g: Gathered<T>): T | undefined {
  if (g.refused !== undefined) throw g.refused;
  return g.value;
}

/** What the plan is decided from, read once: the inputs and the app's files (the effects). */
export interface PlanFacts {
  inputs: Inputs;
  host: Runtime['host'];
  /** go-version-file: its path, and its text when it is a file of the workspace. */
  versionFile?: Gathered<{ path: string; rel: string; content?: string }>;
  app: Gathered<{ layout: AppLayout; versionFiles: AppVersionFiles }>;
  slugignore: Gathered<Buffer>;
  procfile: Gathered<string>;
}

/** Reads the inputs and the app files the plan needs; a bad input or app dir is refused here. */
export function gatherFacts(rt: Runtime, warnings: string[]): { facts: PlanFacts; app: Root } {
  // readInputs masks every credential it finds before it can refuse anything.
  const inputs = readInputs(rt);
  if (inputs.rundir) warnings.push(RUNDIR_DEPRECATED);
  const app = realRoot(inputs.appDir, 'the app directory');
  const goVersionFile = inputs.goVersionFile;
  const facts: PlanFacts = {
    inputs,
    host: rt.host,
    versionFile: goVersionFile
      ? gather(() => {
          const workspace = realRoot(rt.workspace, 'the workspace');
          const rel = path.relative(workspace.dir, goVersionFile);
          return {
            path: goVersionFile,
            rel,
            content: readInside(workspace, rel, 'go-version-file'),
          };
        })
      : undefined,
    app: gather(() => {
      const layout = scanApp(app);
      return { layout, versionFiles: readVersionFiles(app, layout) };
    }),
    slugignore: gather(() => readBytesInside(app, '.slugignore')),
    procfile: gather(() => readInside(app, 'Procfile')),
  };
  return { facts, app };
}

/**
 * The plan's decisions, from the facts alone (no file, no network): the Go version spec and the
 * platform's rules about it, the build method and what it builds, the slug's ignore list. Bad
 * input or a hostile app file is one UserError. Warnings are pushed as they are found.
 */
export function decidePlan(facts: PlanFacts, warnings: string[]): Plan {
  const { inputs } = facts;
  refuseSmokeTestHere(facts.host, inputs);
  const file = facts.versionFile && take(facts.versionFile);
  if (file && file.content === undefined) {
    throw new UserError(
      `go-version-file: ${quote(file.rel)} is not a file of the workspace; use the path of a go.mod, go.work, .go-version or .tool-versions`,
    );
  }
  const versionFile = file && { path: file.path, content: file.content! };
  const { layout, versionFiles } = take(facts.app)!;
  let choice = chooseVersionSpec({
    input: inputs.goVersion?.from === 'input' ? inputs.goVersion.value : undefined,
    envGOVERSION: inputs.goVersion?.from === 'GOVERSION' ? inputs.goVersion.value : undefined,
    versionFile,
    app: versionFiles,
  });
  const detection = detect({
    buildTool: inputs.buildTool,
    binary: inputs.binary,
    package: inputs.package,
    layout,
    appDir: inputs.appDir,
    warnings,
  });
  const goMod = versionFiles.goMod !== undefined ? parseGoMod(versionFiles.goMod) : undefined;
  const notices: string[] = [];
  const heroku = inputs.platform === 'heroku';

  // Both platforms fail when bin/ cannot be a directory; Heroku's own words.
  if (layout.binIsLink) {
    throw new UserError(
      "bin: is a symlink; the slug's bin/ holds the binaries and must be a directory of the app",
    );
  }
  if (layout.profileDIsLink) {
    throw new UserError(
      ".profile.d: is a symlink; the slug's .profile.d/ holds the scripts a dyno sources and must be a directory of the app",
    );
  }
  if (layout.binIsNotDir) {
    throw new UserError(
      "bin: File bin exists and is not a directory. The slug's bin/ holds the binaries: rename or remove the file",
    );
  }

  // Heroku's version rules (SPEC §2): its default, its override warning, modules need Go 1.11.
  if (heroku && inputs.goVersion) {
    const name = inputs.goVersion.from === 'input' ? 'go-version' : 'GOVERSION';
    warnings.push(
      `Using the ${name} override (${quote(inputs.goVersion.value)}) over the version the app names; on Heroku, 'heroku config:unset GOVERSION' removes it`,
    );
  }
  if (heroku && choice.source === 'default') {
    warnings.push(herokuDefaultWarning(layout.hasGoMod));
    choice = {
      spec: parseVersionSpec(HEROKU_DEFAULT_GO.spec, 'user', 'the Heroku default'),
      source: 'default',
      raw: HEROKU_DEFAULT_GO.spec,
    };
  }
  if (heroku && detection.method === 'gomod' && choice.spec) {
    refuseBeforeModules(choice.spec, choice.source);
  }

  const job: Decided['job'] = {
    detection,
    importPath: goMod?.module ?? path.basename(inputs.appDir),
  };
  if (detection.method === 'gomod') {
    // `// +heroku install` is Heroku's; Clever Cloud installs the module path (SPEC §3).
    if (!heroku && goMod?.herokuInstall) {
      notices.push(
        '// +heroku install in go.mod is read on Heroku only; on clever-cloud the module path is installed unless package (CC_GO_PKG) says otherwise',
      );
    }
    job.gomod = choosePackages({
      package: inputs.package,
      installPackageSpec: inputs.installPackageSpec,
      herokuInstall: heroku ? goMod?.herokuInstall : undefined,
      modulePath: heroku || detection.workspaceMode ? undefined : (goMod?.module ?? '.'),
    });
    if (job.gomod.source === 'install-package-spec') {
      const using = `Using the install-package-spec (GO_INSTALL_PACKAGE_SPEC) override: ${job.gomod.packages.map(show).join(' ')}`;
      if (heroku) warnings.push(`${using}, not the detected main packages`);
      else notices.push(using);
    }
  } else if (detection.method !== 'makefile') {
    job.gopath = planGopath({
      detection,
      package: inputs.package,
      installPackageSpec: inputs.installPackageSpec,
      rundir: inputs.rundir,
      modulePath: goMod?.module,
      appName: path.basename(inputs.appDir),
    });
    job.importPath = job.gopath.importPath;
  }
  // setup-gopath-in-image ships the sources at src/<import path> in the slug.
  if (inputs.setupGopathInImage && goMod?.module !== undefined && !job.gopath) {
    importPath(goMod.module, 'go.mod module');
  }
  const parts = stageParts(inputs, {
    spec: choice.spec,
    job,
    slugignore: slugignorePatterns(take(facts.slugignore)),
  });
  return { choice, detection, goMod, notices, ...parts };
}

/** The packages given as paths, checked on disk: what the plan names must be inside the app. */
function confinePackages(app: Root, { gomod, gopath, detection }: Plan['build']): void {
  if (gomod) {
    const label = {
      package: 'package',
      'install-package-spec': 'install-package-spec',
      'heroku-install': 'go.mod // +heroku install',
      module: 'go.mod module',
      discover: '',
    }[gomod.source];
    packagePathsInside(app, gomod.packages, label);
  } else if (gopath && !gopath.inPlace && detection.method !== 'goget') {
    packagePathsInside(app, gopath.packages, gopath.packagesFrom);
  }
}

/**
 * The plan of the run: the facts gathered, the decisions taken from them (decidePlan, pure), then
 * what the decisions name checked on disk (package paths, Heroku's hook files) and, when caches
 * will be restored, the files that key the module cache. Warnings are pushed to `warnings` as
 * they are found, so that the caller prints them even when a later check fails.
 */
export async function resolvePlan(rt: Runtime, warnings: string[] = []): Promise<Plan> {
  const { facts, app } = gatherFacts(rt, warnings);
  const plan = decidePlan(facts, warnings);
  confinePackages(app, plan.build);
  for (const hook of ['go-pre-compile', 'go-post-compile'] as const) herokuHookFile(app.dir, hook);

  const own = take(facts.procfile);
  if (own !== undefined) plan.slug.procfile = { text: own, entries: parseProcfile(own) };

  // Only when caches will be restored: a job without a cache service reads no go.sum here.
  const { inputs } = facts;
  // The app the slug goes to: looked up now, so that every refusal comes before the build.
  if (inputs.herokuApp && inputs.herokuApiKey) {
    const api = { base: inputs.herokuApiUrl, key: inputs.herokuApiKey, app: inputs.herokuApp };
    const app = await lookupHerokuApp({ ...api, log: rt.log, env: rt.env });
    Object.assign(plan, herokuParts(inputs, plan.check, app, rt.env, warnings));
    for (const e of plan.slug.procfile?.entries ?? []) checkProcessType(e.name);
  }
  if (inputs.cache !== 'false' && rt.cacheStore && (await rt.cacheStore.available()).ok) {
    plan.cache.depFiles = await dependencyFiles(app, rt.workspace, inputs.cacheDependencyPath);
  }
  return plan;
}

/** The smoke test starts the slug here: it needs Linux's /proc and binaries this machine runs. */
function refuseSmokeTestHere(host: Runtime['host'], inputs: Inputs): void {
  if (!inputs.smokeTest) return;
  if (host.platform !== 'linux') {
    throw new UserError(
      `smoke-test: "true" needs a Linux machine (it reads /proc, as the platforms run Linux), and this one runs ${host.platform}; run it on a Linux runner`,
    );
  }
  if (isCross(inputs)) {
    const target = `${inputs.goos ?? inputs.host.goos}/${inputs.goarch ?? inputs.host.goarch}`;
    throw new UserError(
      `smoke-test: "true" starts the slug on this ${inputs.host.goos}/${inputs.host.goarch} machine, which cannot run binaries built for ${target}; smoke-test a build for the runner's own platform`,
    );
  }
}
