/**
 * Every input of action.yml, with the platform variable it falls back to: the one table the
 * input reader, the CLI's flags and `--help`, and the action.yml test all use (a unit test holds
 * it equal to action.yml).
 */
export interface InputSpec {
  /** The action.yml input, also the CLI flag (`--go-version`). */
  name: string;
  /** The documented variable read when the input is empty. */
  env?: string;
  /** One line for `--help`. */
  help: string;
  /** A boolean: on the command line, the flag alone means true (`--smoke-test`). */
  flag?: true;
}

export const INPUTS: readonly InputSpec[] = [
  { name: 'working-directory', env: 'APP_FOLDER', help: 'app root inside the workspace' },
  { name: 'platform', help: 'clever-cloud (default) or heroku' },
  {
    name: 'build-tool',
    env: 'CC_GO_BUILD_TOOL',
    help: 'auto, gomod, gobuild, makefile or goget',
  },
  { name: 'package', env: 'CC_GO_PKG', help: 'package or .go file(s) for go install' },
  {
    name: 'install-package-spec',
    env: 'GO_INSTALL_PACKAGE_SPEC',
    help: 'space-separated packages (./cmd/...)',
  },
  { name: 'binary', env: 'CC_GO_BINARY', help: 'makefile: the binary make builds' },
  { name: 'rundir', env: 'CC_GO_RUNDIR', help: 'deprecated: build at $GOPATH/src/<rundir>' },
  { name: 'run-command', env: 'CC_RUN_COMMAND', help: 'the web process of the default Procfile' },
  { name: 'troubleshoot', env: 'CC_TROUBLESHOOT', help: 'add -x -race to the build', flag: true },
  { name: 'go-version', env: 'GOVERSION', help: 'Go version spec (1.24, ^1.22, stable, …)' },
  { name: 'go-version-file', help: 'go.mod, go.work, .go-version or .tool-versions to read' },
  { name: 'check-latest', help: 'ask the release index even on a tool-cache hit', flag: true },
  {
    name: 'go-download-base-url',
    env: 'GO_DOWNLOAD_BASE_URL',
    help: 'release index and archives (default https://go.dev/dl), e.g. a mirror',
  },
  {
    name: 'go-toolchain-source',
    help: 'dl (default): go-download-base-url; proxy: golang.org/toolchain via GOPROXY, checked in GOSUMDB',
  },
  { name: 'architecture', help: 'architecture of the Go to install (default this machine’s)' },
  { name: 'linker-symbol', env: 'GO_LINKER_SYMBOL', help: 'importpath.Name set with -X' },
  {
    name: 'linker-value',
    env: 'GO_LINKER_VALUE',
    help: 'its value (then SOURCE_VERSION, GITHUB_SHA)',
  },
  { name: 'build-tags', help: 'comma-separated build tags' },
  { name: 'build-flags', help: 'extra go install flags, split like a shell' },
  { name: 'goos', env: 'GOOS', help: 'target GOOS' },
  { name: 'goarch', env: 'GOARCH', help: 'target GOARCH' },
  { name: 'goflags', env: 'GOFLAGS', help: 'GOFLAGS of every go command' },
  { name: 'goproxy', env: 'GOPROXY', help: 'GOPROXY of every go command' },
  { name: 'goprivate', env: 'GOPRIVATE', help: 'GOPRIVATE of every go command' },
  { name: 'gonoproxy', env: 'GONOPROXY', help: 'GONOPROXY of every go command' },
  { name: 'gonosumdb', env: 'GONOSUMDB', help: 'GONOSUMDB of every go command' },
  { name: 'cgo-cflags', env: 'CGO_CFLAGS', help: 'CGO_CFLAGS (${build_dir} is the app)' },
  { name: 'cgo-cppflags', env: 'CGO_CPPFLAGS', help: 'CGO_CPPFLAGS' },
  { name: 'cgo-cxxflags', env: 'CGO_CXXFLAGS', help: 'CGO_CXXFLAGS' },
  { name: 'cgo-ldflags', env: 'CGO_LDFLAGS', help: 'CGO_LDFLAGS' },
  { name: 'pre-build-hook', env: 'CC_PRE_BUILD_HOOK', help: 'shell run before the build' },
  { name: 'post-build-hook', env: 'CC_POST_BUILD_HOOK', help: 'shell run after the build' },
  {
    name: 'install-tools-in-image',
    env: 'GO_INSTALL_TOOLS_IN_IMAGE',
    help: 'ship GOROOT in the slug',
    flag: true,
  },
  {
    name: 'setup-gopath-in-image',
    env: 'GO_SETUP_GOPATH_IN_IMAGE',
    help: 'ship the sources in a GOPATH layout',
    flag: true,
  },
  { name: 'cache', help: 'true, false or read-only (Actions only)' },
  { name: 'cache-dependency-path', help: 'globs that key the module cache' },
  { name: 'cache-key-suffix', help: 'extra text in the cache keys' },
  { name: 'app-files', help: "ship the app's files in the slug (default true)", flag: true },
  { name: 'upload', help: 'upload the slug as an artifact (Actions only)', flag: true },
  { name: 'artifact-name', help: 'artifact name' },
  { name: 'artifact-format', help: 'tgz or zip' },
  { name: 'pack-slug', help: 'write the slug .tar.gz even when no upload needs it' },
  { name: 'reproducible', help: 'build with -trimpath: the same sources, the same archive' },
  { name: 'sbom', help: 'an SBOM of the binaries: spdx (or true), cyclonedx or false' },
  { name: 'retention-days', help: 'artifact retention, 1 to 90' },
  {
    name: 'smoke-test',
    help: 'start the slug as the platform would and check it',
    flag: true,
  },
  {
    name: 'health-check-paths',
    env: 'CC_HEALTH_CHECK_PATH',
    help: 'paths that must answer 200, one a line; CC_HEALTH_CHECK_PATH_0, _1, … are read too',
  },
  {
    name: 'target-glibc',
    env: 'STACK',
    help: 'the glibc the binaries will run with: heroku-22, ubuntu-24.04, debian-12, … or 2.31',
  },
];

/** The variable each input falls back to. */
export const ENV_FALLBACK: ReadonlyMap<string, string | undefined> = new Map(
  INPUTS.map((i) => [i.name, i.env]),
);
