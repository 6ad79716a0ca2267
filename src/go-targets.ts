import { UserError } from './errors.js';
import { quote } from './trust/log-text.js';

/**
 * Go's target vocabulary in one place. GOOS/GOARCH pairs are the union of `go tool dist list`
 * over the Go versions the action is tested with (a unit test runs it on every Go fixture), so a
 * misspelt target fails before anything is downloaded. The other vocabularies (go.dev's archive
 * names, Node's and the runner tool cache's names) map to and from GOARCH here only.
 */
const PAIRS = new Set(
  (
    'aix/ppc64 android/386 android/amd64 android/arm android/arm64 darwin/amd64 darwin/arm64 ' +
    'dragonfly/amd64 freebsd/386 freebsd/amd64 freebsd/arm freebsd/arm64 freebsd/riscv64 ' +
    'illumos/amd64 ios/amd64 ios/arm64 js/wasm linux/386 linux/amd64 linux/arm linux/arm64 ' +
    'linux/loong64 linux/mips linux/mips64 linux/mips64le linux/mipsle linux/ppc64 linux/ppc64le ' +
    'linux/riscv64 linux/s390x netbsd/386 netbsd/amd64 netbsd/arm netbsd/arm64 openbsd/386 ' +
    'openbsd/amd64 openbsd/arm openbsd/arm64 openbsd/mips64 openbsd/ppc64 openbsd/riscv64 ' +
    'plan9/386 plan9/amd64 plan9/arm solaris/amd64 wasip1/wasm windows/386 windows/amd64 ' +
    'windows/arm windows/arm64'
  ).split(' '),
);

export const GOOS_LIST = [...new Set([...PAIRS].map((p) => p.split('/')[0] as string))].sort();
export const GOARCH_LIST = [...new Set([...PAIRS].map((p) => p.split('/')[1] as string))].sort();

export function isGoTarget(goos: string, goarch: string): boolean {
  return PAIRS.has(`${goos}/${goarch}`);
}

/** GOARCH of the machine running the action (Node names its architectures differently). */
export function hostGoArch(nodeArch: string): string {
  return NODE_TO_GOARCH[nodeArch] ?? nodeArch;
}

/** GOOS of the machine running the action. */
export function hostGoos(platform: string): string {
  return platform === 'win32' ? 'windows' : platform;
}

const NODE_TO_GOARCH: Record<string, string> = { x64: 'amd64', ia32: '386', x32: '386' };

/** go.dev names 32-bit ARM archives `armv6l`; every other arch is named as GOARCH. */
export function archiveArch(goarch: string): string {
  return goarch === 'arm' ? 'armv6l' : goarch;
}

/** The runner tool cache (setup-go, the hosted images) uses Node's names: x64, x32, arm64, arm. */
export function toolCacheArch(goarch: string): string {
  return goarch === 'amd64' ? 'x64' : goarch === '386' ? 'x32' : goarch;
}

/** Architectures go.dev publishes Linux or macOS archives for (what `architecture` can install). */
const INSTALLABLE = [
  'amd64',
  'arm64',
  '386',
  'arm',
  'loong64',
  'mips',
  'mips64',
  'mips64le',
  'mipsle',
  'ppc64',
  'ppc64le',
  'riscv64',
  's390x',
];

/** The `architecture` input: GOARCH names, and the Node (`x64`) or go.dev (`armv6l`) ones. */
export function installArch(raw: string, label: string): string {
  const v = raw.toLowerCase();
  const goarch = v === 'armv6l' ? 'arm' : hostGoArch(v);
  if (INSTALLABLE.includes(goarch)) return goarch;
  throw new UserError(
    `${label}: ${quote(raw)} is not an architecture go.dev publishes Go for; use ${INSTALLABLE.join(', ')} (or x64)`,
  );
}

/** The `goos` input: a GOOS. */
export function goosValue(raw: string, label: string): string {
  if (GOOS_LIST.includes(raw)) return raw;
  throw new UserError(`${label}: ${quote(raw)} is not a GOOS; use one of ${GOOS_LIST.join(', ')}`);
}

/** The `goarch` input: a GOARCH (Go's names, not go.dev's or Node's). */
export function goarchValue(raw: string, label: string): string {
  if (GOARCH_LIST.includes(raw)) return raw;
  const alias = raw === 'armv6l' ? 'arm (GOARM=6)' : NODE_TO_GOARCH[raw.toLowerCase()];
  throw new UserError(
    `${label}: ${quote(raw)} is not a GOARCH; ${alias ? `use ${alias}, or one of` : 'use one of'} ${GOARCH_LIST.join(', ')}`,
  );
}

/** goos and goarch together (either may default to the host's): a pair Go builds for. */
export function checkGoTarget(goos: string, goarch: string): void {
  if (!isGoTarget(goos, goarch)) {
    throw new UserError(
      `goos/goarch: ${quote(`${goos}/${goarch}`)} is not a target Go builds for; use a pair that 'go tool dist list' prints`,
    );
  }
}
