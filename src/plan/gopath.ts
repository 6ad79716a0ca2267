import { words } from '../text.js';
import { importPath, packageWords } from '../trust/words.js';
import type { GopathPlan } from '../compile/job.js';
import type { Detection } from './detect.js';

export type { GopathPlan };

export function planGopath(opts: {
  detection: Detection;
  package?: string;
  installPackageSpec?: string;
  rundir?: string;
  /** go.mod's module line, when there is one. */
  modulePath?: string;
  /** The app folder's name: the last resort, a single path segment. */
  appName: string;
}): GopathPlan {
  const { detection, rundir, modulePath, appName } = opts;
  const pkg = words(opts.package);
  const spec = words(opts.installPackageSpec);
  // Only a name that came from somewhere is checked as an import path; the folder name is one
  // segment of an existing directory, which the path gate keeps inside $GOPATH/src.
  const placed = (): string => {
    if (rundir !== undefined) return importPath(rundir, 'rundir');
    if (modulePath !== undefined) return importPath(modulePath, 'go.mod module');
    return appName;
  };
  const legacy = detection.legacy;
  switch (detection.method) {
    case 'gobuild':
      return {
        importPath: placed(),
        packages: pkg.length ? packageWords(pkg, 'package') : ['main.go'],
        packagesFrom: 'package',
        inPlace: false,
      };
    case 'goget': {
      const where =
        rundir !== undefined
          ? importPath(rundir, 'rundir')
          : pkg[0] !== undefined
            ? importPath(pkg[0], 'package')
            : placed();
      return { importPath: where, packages: [where], packagesFrom: 'package', inPlace: false };
    }
    case 'godep':
      if (legacy?.tool !== 'godep') break;
      return {
        importPath: legacy.importPath,
        packages: spec.length ? packageWords(spec, 'install-package-spec') : legacy.packages,
        packagesFrom: spec.length ? 'install-package-spec' : 'Godeps/Godeps.json Packages',
        inPlace: false,
      };
    case 'govendor':
      if (legacy?.tool !== 'govendor') break;
      return {
        importPath: legacy.rootPath,
        packages: spec.length ? packageWords(spec, 'install-package-spec') : legacy.install,
        packagesFrom: spec.length ? 'install-package-spec' : 'vendor/vendor.json heroku.install',
        inPlace: false,
      };
    case 'dep':
      if (legacy?.tool !== 'dep') break;
      return {
        importPath: legacy.rootPackage,
        packages: spec.length ? packageWords(spec, 'install-package-spec') : legacy.install,
        packagesFrom: spec.length ? 'install-package-spec' : 'Gopkg.toml metadata.heroku.install',
        inPlace: false,
      };
    case 'gb':
      if (legacy?.tool !== 'gb') break;
      return {
        importPath: appName,
        packages: legacy.packages,
        packagesFrom: 'src/',
        inPlace: true,
      };
    default:
      break;
  }
  throw new Error(`not a GOPATH method, or its metadata is missing: ${detection.method}`);
}
