import path from 'node:path';
import { isFilePackage } from './run-go.js';

/**
 * The `go list -f` template of every listing of the build: one `<import path>\t<target>` line
 * per main package, an empty line for any other. Target is where `go install` puts the binary
 * (GOBIN, `bin/<goos>_<goarch>/` when cross-compiling, `.exe` for windows, the last element of
 * a `/vN` module path): asked of Go, never guessed. `-find` leaves it as it is (it only skips
 * resolving imports), so the one listing made before the hooks can also say where the binaries
 * will be.
 */
export const MAIN_TARGETS_FORMAT = '{{if eq .Name "main"}}{{.ImportPath}}\t{{.Target}}{{end}}';

export interface ListedMain {
  importPath: string;
  /** Empty when Go has no install location for it (GOBIN set while cross-compiling). */
  target: string;
}

/** A built binary: where Go put it, and the name it runs under (the Procfile's). */
export interface BuiltBinary {
  /** Import path of the main package (or the file list for file packages, or `make`). */
  package: string;
  /** Absolute path where the build put it. */
  path: string;
  /** Binary name = process name. */
  name: string;
}

/** Reads a listing made with {@link MAIN_TARGETS_FORMAT}, in Go's order. */
export function parseMainTargets(out: string): ListedMain[] {
  const mains: ListedMain[] = [];
  for (const line of out.split('\n')) {
    // An import path holds no tab or space; a target is a path and is kept as Go printed it.
    const tab = line.indexOf('\t');
    const importPath = (tab < 0 ? line : line.slice(0, tab)).trim();
    if (importPath) mains.push({ importPath, target: tab < 0 ? '' : line.slice(tab + 1) });
  }
  return mains;
}

/** The binary of a listed main package, named as Go names it; none without a target. */
export function binaryOf(label: string, target: string): BuiltBinary | undefined {
  if (!target) return undefined;
  return { package: label, path: target, name: path.basename(target).replace(/\.exe$/, '') };
}

/** The binaries of listed main packages, in their order. */
export function mainBinaries(mains: readonly ListedMain[]): BuiltBinary[] {
  return mains.flatMap((m) => binaryOf(m.importPath, m.target) ?? []);
}

/**
 * The binaries `go install <packages>` produces, when a listing of the same tree already says:
 * each package is the import path of a listed main package (what the module-path rule and the
 * discovered main packages install). Anything else (a pattern such as `./cmd/...`, a relative
 * path, a .go file list, a package outside the listing) is left to a `go list` of the packages
 * after the install: undefined. Go lists named packages once each, in the order given.
 */
export function knownBinaries(
  packages: readonly string[],
  listed: readonly ListedMain[],
): BuiltBinary[] | undefined {
  if (packages.length === 0) return undefined;
  const byPath = new Map(listed.map((m) => [m.importPath, m]));
  const seen = new Set<string>();
  const bins: BuiltBinary[] = [];
  for (const p of packages) {
    const main = byPath.get(p);
    // A file list is one package to Go whatever its name: `go list main.go` names its binary
    // after the file, not after a module that happens to be called `main.go`.
    if (main === undefined || isFilePackage(p)) return undefined;
    if (seen.has(p)) continue;
    seen.add(p);
    const bin = binaryOf(p, main.target);
    if (bin) bins.push(bin);
  }
  return bins;
}
