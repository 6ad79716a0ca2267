import { UserError } from '../errors.js';
import type { BuildTool } from '../inputs.js';
import type { Method, PackageChoice } from '../compile/job.js';
import { words } from '../text.js';
import type { AppLayout } from './app-layout.js';
import { parseGodeps, parseGopkgToml, parseVendorJson, type LegacyMeta } from './legacy.js';
import { show } from '../trust/log-text.js';
import { operand, packageWords } from '../trust/words.js';

export type { Method, PackageChoice };

export interface Detection {
  method: Method;
  /** one line for the log: why this method */
  reason: string;
  warnings: string[];
  /** gomod from a go.work with no root go.mod: the package has to be given */
  workspaceMode: boolean;
  /** validated metadata of a godep / govendor / gb app */
  legacy?: LegacyMeta;
}

export interface DetectOptions {
  buildTool: BuildTool;
  binary?: string;
  package?: string;
  layout: AppLayout;
  appDir: string;
  /** Where warnings go as they are found, so that they are printed even when detection fails. */
  warnings?: string[];
}

export const MAKEFILE_WITHOUT_BINARY = 'Makefile found but CC_GO_BINARY is not set; ignoring it';

export const GO_JSON_DEPRECATED =
  'clevercloud/go.json is deprecated and not read by this action; use the build-tool, binary and ' +
  'package inputs (CC_GO_BUILD_TOOL, CC_GO_BINARY, CC_GO_PKG) instead';

export const GOGET_DEPRECATED =
  "goget is deprecated: 'go get' stopped installing binaries in Go 1.18, so it runs here in " +
  'GOPATH mode (GO111MODULE=off); use gomod instead (build-tool / CC_GO_BUILD_TOOL)';

function legacyDeprecation(tool: string, file: string, module: string): string {
  return (
    `This app uses ${tool} (${file}), which is deprecated and no longer maintained (Heroku ` +
    `removed it); use Go modules instead: run 'go mod init ${module}' and 'go mod tidy' in the app root`
  );
}

function workspaceNeedsPackage(appDir: string): UserError {
  return new UserError(
    `go.work found in ${show(appDir)} without a root go.mod: set package (CC_GO_PKG) to the package or ` +
      ".go file to build in workspace mode, as in Clever Cloud's go-workspaces example " +
      '(e.g. CC_GO_PKG=cmd/main.go)',
  );
}

const given = (v: string | undefined): v is string => v !== undefined && v.trim() !== '';

/**
 * Pick the build method. With build-tool `auto` the rules of SPEC §3 run in order; an explicit
 * build-tool only checks that the app has what that method needs, before anything is downloaded.
 */
export function detect(opts: DetectOptions): Detection {
  const warnings = opts.warnings ?? [];
  // Clever Cloud still documents go.json as deprecated: say what replaces it whatever we build.
  if (opts.layout.hasClevercloudGoJson) warnings.push(GO_JSON_DEPRECATED);
  const d = opts.buildTool === 'auto' ? detectAuto(opts, warnings) : checkExplicit(opts, warnings);
  return { ...d, warnings };
}

type Chosen = Omit<Detection, 'warnings'>;

function detectAuto(opts: DetectOptions, warnings: string[]): Chosen {
  const { layout, appDir } = opts;

  // 1. Clever Cloud: a Makefile is used only with CC_GO_BINARY and without go.mod.
  if (layout.hasMakefile) {
    if (!given(opts.binary)) warnings.push(MAKEFILE_WITHOUT_BINARY);
    else if (!layout.hasGoMod) {
      return {
        method: 'makefile',
        reason: 'Makefile found, binary (CC_GO_BINARY) set and no go.mod',
        workspaceMode: false,
      };
    }
  }

  // 2. Modules. A lone go.work is Clever Cloud's go-workspaces layout, which names the package.
  if (layout.hasGoMod) {
    const note =
      layout.hasMakefile && given(opts.binary) ? '; the Makefile is not used with go.mod' : '';
    return { method: 'gomod', reason: `go.mod found in the app root${note}`, workspaceMode: false };
  }
  if (layout.hasGoWork) {
    if (!given(opts.package)) throw workspaceNeedsPackage(appDir);
    return {
      method: 'gomod',
      reason: 'go.work found without a root go.mod (workspace mode)',
      workspaceMode: true,
    };
  }

  // 3. Heroku's legacy tools, in its determineTool order; each file is validated first.
  if (layout.gopkgToml !== undefined) {
    const legacy = parseGopkgToml(layout.gopkgToml);
    if (!layout.hasVendorDir) {
      throw new UserError(
        `Gopkg.toml found (dep) without a vendor/ directory: dep apps are built from vendor/; run 'dep ensure' and commit vendor/, or move to Go modules ('go mod init ${legacy.rootPackage}')`,
      );
    }
    warnings.push(legacyDeprecation('dep', 'Gopkg.toml', legacy.rootPackage));
    return { method: 'dep', reason: 'Gopkg.toml found (dep)', workspaceMode: false, legacy };
  }
  if (layout.godepsJson !== undefined) {
    const legacy = parseGodeps(layout.godepsJson);
    warnings.push(legacyDeprecation('godep', 'Godeps/Godeps.json', legacy.importPath));
    return {
      method: 'godep',
      reason: 'Godeps/Godeps.json found (godep)',
      workspaceMode: false,
      legacy,
    };
  }
  if (layout.vendorJson !== undefined) {
    const legacy = parseVendorJson(layout.vendorJson);
    warnings.push(legacyDeprecation('govendor', 'vendor/vendor.json', legacy.rootPath));
    return {
      method: 'govendor',
      reason: 'vendor/vendor.json found (govendor)',
      workspaceMode: false,
      legacy,
    };
  }
  if (layout.hasGlideYaml) {
    throw new UserError(
      "glide.yaml found: glide is not supported (Heroku removed it, and Clever Cloud never had it); a go.mod is needed: run 'go mod init <module>' and 'go mod tidy' in the app root",
    );
  }
  if (layout.hasGbSrc) {
    warnings.push(legacyDeprecation('gb', 'a src/ tree of .go files', '<module>'));
    return {
      method: 'gb',
      reason: 'src/ holds .go files two levels down (gb)',
      workspaceMode: false,
      // Each directory under src/ is built as `<dir>/...`: a name starting with - would be a flag.
      legacy: {
        tool: 'gb',
        packages: layout.gbDirs.map((d) => `${operand(d, `src/${d}`, 'rename the directory')}/...`),
      },
    };
  }

  // 4. Clever Cloud's gobuild, whose package defaults to main.go.
  if (given(opts.package)) {
    return {
      method: 'gobuild',
      reason: `no go.mod: gobuild of package ${opts.package.trim()}`,
      workspaceMode: false,
    };
  }
  if (layout.hasMainGo) {
    return { method: 'gobuild', reason: 'no go.mod: gobuild of main.go', workspaceMode: false };
  }
  throw new UserError(
    `Nothing to build in ${show(appDir)}: no go.mod, go.work, Makefile with binary (CC_GO_BINARY), ` +
      'Gopkg.toml, Godeps/Godeps.json, vendor/vendor.json, gb src/ tree or main.go; set build-tool and ' +
      'package (CC_GO_BUILD_TOOL, CC_GO_PKG)',
  );
}

function checkExplicit(opts: DetectOptions, warnings: string[]): Chosen {
  const { layout, appDir } = opts;
  const reason = `build-tool set to ${opts.buildTool}`;
  switch (opts.buildTool) {
    case 'gomod':
      if (layout.hasGoMod) return { method: 'gomod', reason, workspaceMode: false };
      if (layout.hasGoWork) {
        if (!given(opts.package)) throw workspaceNeedsPackage(appDir);
        return {
          method: 'gomod',
          reason: `${reason} (workspace mode: go.work, no go.mod)`,
          workspaceMode: true,
        };
      }
      throw new UserError(
        `build-tool gomod needs a go.mod (or a go.work) in ${show(appDir)} and there is none; ` +
          "run 'go mod init <module>' or set build-tool (CC_GO_BUILD_TOOL) to gobuild",
      );
    case 'makefile':
      // inputs.ts has already required binary with makefile.
      if (layout.hasMakefile) return { method: 'makefile', reason, workspaceMode: false };
      throw new UserError(
        `build-tool makefile needs a Makefile in ${show(appDir)} and there is none ` +
          '(looked for GNUmakefile, makefile and Makefile)',
      );
    case 'gobuild':
      // `go install main.go` would fail later with a less helpful message.
      if (given(opts.package) || layout.hasMainGo) {
        return { method: 'gobuild', reason, workspaceMode: false };
      }
      throw new UserError(
        `build-tool gobuild needs package (CC_GO_PKG) or a main.go in ${show(appDir)}, and neither is ` +
          'there; set package to the package or .go file(s) to build',
      );
    case 'goget':
      warnings.push(GOGET_DEPRECATED);
      return { method: 'goget', reason, workspaceMode: false };
    case 'auto':
      throw new Error('unreachable: auto is handled by detectAuto');
  }
}

export function choosePackages(opts: {
  package?: string;
  installPackageSpec?: string;
  herokuInstall?: string[];
  /** clever-cloud: what `go install` gets when nothing else is given. */
  modulePath?: string;
}): PackageChoice {
  // package may be several .go files (`main.go util.go`), go install takes them as one package.
  const pkg = words(opts.package);
  if (pkg.length > 0) return { packages: packageWords(pkg, 'package'), source: 'package' };
  // Heroku word-splits GO_INSTALL_PACKAGE_SPEC unquoted, so globs like ./cmd/... pass through.
  const spec = words(opts.installPackageSpec);
  if (spec.length > 0) {
    return { packages: packageWords(spec, 'install-package-spec'), source: 'install-package-spec' };
  }
  const heroku = (opts.herokuInstall ?? []).flatMap((s) => words(s));
  if (heroku.length > 0) {
    return {
      packages: packageWords(heroku, 'go.mod // +heroku install'),
      source: 'heroku-install',
    };
  }
  if (opts.modulePath !== undefined) return { packages: [opts.modulePath], source: 'module' };
  return { packages: [], source: 'discover' };
}
