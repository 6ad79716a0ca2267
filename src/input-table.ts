/**
 * Every input of action.yml: its name (also the CLI flag), the platform variable it falls back
 * to, its `--help` line, its parser and its default. The input reader (src/inputs.ts), the CLI's
 * flags and `--help`, the `Inputs` type and the action.yml test all come from this one table (a
 * unit test holds it equal to action.yml).
 */
import { cacheKeySuffix } from './cache/key-suffix.js';
import { checkLinkerValue, refuseDryRun } from './compile/flags.js';
import { glibcTarget } from './check/glibc.js';
import { isDirectory } from './fs-tree.js';
import { healthCheckPath } from './check/policy.js';
import {
  cgoVariable,
  commas,
  goVariable,
  custom,
  list,
  number,
  oneOf,
  orList,
  text,
  yesNo,
  type InputRow,
  type TableValues,
} from './input-kinds.js';

export type { Given, InputRow, ParseContext } from './input-kinds.js';
export { keyOf } from './input-kinds.js';
import { bad } from './trust/refusal.js';
import { goarchValue, goosValue, installArch } from './go-targets.js';
import { splitWords } from './shell-words.js';
import { checkArtifactName } from './publish/artifact-name.js';
import { RELEASE_INPUTS } from './release/inputs.js';
import { nonEmpty, words } from './text.js';
import { downloadBase } from './toolchain/source.js';
import { confine, realRoot } from './trust/paths.js';
import { buildTag, importPath, linkerSymbol, operand, packageWords } from './trust/words.js';
import { ARTIFACT_FORMATS, CACHE_MODES, PLATFORMS, SBOM_FORMAT_NAMES } from './words.js';

export const INPUTS = [
  custom({
    name: 'working-directory',
    env: 'APP_FOLDER',
    key: 'appDir',
    default: '.',
    help: 'app root inside the workspace',
    parse: ({ value, label }, ctx) => {
      const appDir = confine(ctx.workspace, value, { label, allowRoot: true });
      if (!isDirectory(appDir)) {
        throw bad(label, value, 'not a directory of the workspace; use the app folder');
      }
      return appDir;
    },
  }),
  oneOf(PLATFORMS, {
    name: 'platform',
    default: 'clever-cloud',
    help: ([cc, heroku]) => `${cc} (default) or ${heroku}`,
  }),
  oneOf(['auto', 'gomod', 'gobuild', 'makefile', 'goget'], {
    name: 'build-tool',
    env: 'CC_GO_BUILD_TOOL',
    default: 'auto',
    help: orList,
  }),
  text({
    name: 'package',
    env: 'CC_GO_PKG',
    computed:
      'main.go (gobuild), the module path (gomod, clever-cloud) or its main packages (gomod, heroku)',
    help: 'package or .go file(s) for go install',
    check: ({ value, label }) => void packageWords(words(value), label),
  }),
  text({
    name: 'install-package-spec',
    env: 'GO_INSTALL_PACKAGE_SPEC',
    help: 'space-separated packages (./cmd/...)',
    check: ({ value, label }) => void packageWords(words(value), label),
  }),
  text({
    name: 'binary',
    env: 'CC_GO_BINARY',
    help: 'makefile: the binary make builds',
    check: ({ value, label }, ctx) => {
      operand(value, label, 'use the path, relative to the app, of the binary');
      confine(realRoot(ctx.appDir, 'the app directory'), value, { label });
    },
  }),
  text({
    name: 'rundir',
    env: 'CC_GO_RUNDIR',
    help: 'deprecated: build at $GOPATH/src/<rundir>',
    check: ({ value, label }) => void importPath(value, label),
  }),
  text({
    name: 'run-command',
    env: 'CC_RUN_COMMAND',
    help: 'the web process of the default Procfile',
    check: ({ value, label }) => {
      if (/[\r\n]/.test(value)) {
        throw bad(label, value, 'not valid; the run command must be one line');
      }
    },
  }),
  yesNo({
    name: 'troubleshoot',
    env: 'CC_TROUBLESHOOT',
    default: 'false',
    help: 'add -x -race to the build',
  }),
  custom({
    name: 'go-version',
    env: 'GOVERSION',
    computed: 'GOVERSION, go-version-file, go.mod, …, else the newest stable (heroku: go1.25)',
    help: 'Go version spec (1.24, ^1.22, stable, …)',
    /** The version spec as given, and which name it came from. */
    parse: ({ value, from }) =>
      ({ value, from: from === 'input' ? 'input' : 'GOVERSION' }) as const,
  }),
  custom({
    name: 'go-version-file',
    help: 'go.mod, go.work, .go-version or .tool-versions to read',
    parse: ({ value, label }, ctx) => confine(ctx.workspace, value, { label }),
  }),
  yesNo({
    name: 'check-latest',
    default: 'false',
    help: 'ask the release index even on a tool-cache hit',
  }),
  custom({
    name: 'go-download-base-url',
    env: 'GO_DOWNLOAD_BASE_URL',
    key: 'goDownload',
    default: 'https://go.dev/dl',
    help: 'release index and archives (default https://go.dev/dl), e.g. a mirror',
    parse: ({ value, label }) => downloadBase(value, label),
  }),
  oneOf(['dl', 'proxy'], {
    name: 'go-toolchain-source',
    key: 'toolchainSource',
    default: 'dl',
    help: ([dl, proxy]) =>
      `${dl} (default): go-download-base-url; ${proxy}: golang.org/toolchain via GOPROXY, checked in GOSUMDB`,
  }),
  custom({
    name: 'architecture',
    computed: 'the runner’s architecture',
    compute: (ctx) => ctx.rt.host.arch,
    help: 'architecture of the Go to install (default this machine’s)',
    parse: ({ value, label }) => installArch(value, label),
  }),
  custom({
    name: 'linker-symbol',
    env: 'GO_LINKER_SYMBOL',
    help: 'importpath.Name set with -X',
    parse: ({ value, label }) => linkerSymbol(value, label),
  }),
  text({
    name: 'linker-value',
    env: 'GO_LINKER_VALUE',
    computed: 'SOURCE_VERSION, else GITHUB_SHA',
    compute: (ctx) => nonEmpty(ctx.rt.env.SOURCE_VERSION) ?? nonEmpty(ctx.rt.env.GITHUB_SHA),
    help: 'its value (then SOURCE_VERSION, GITHUB_SHA)',
    check: ({ value, label }, ctx) => {
      if (ctx.has('linker-symbol')) checkLinkerValue(value, label);
    },
  }),
  list({
    name: 'build-tags',
    computed: 'none on clever-cloud, heroku on heroku',
    compute: (ctx) => (ctx.platform === 'heroku' ? 'heroku' : undefined),
    help: 'comma-separated build tags',
    split: commas,
    item: buildTag,
  }),
  list({
    name: 'build-flags',
    help: 'extra go install flags, split like a shell',
    split: splitWords,
    check: refuseDryRun,
  }),
  custom({
    name: 'goos',
    env: 'GOOS',
    help: 'target GOOS',
    parse: ({ value, label }) => goosValue(value, label),
  }),
  custom({
    name: 'goarch',
    env: 'GOARCH',
    help: 'target GOARCH',
    parse: ({ value, label }) => goarchValue(value, label),
  }),
  // Go splits GOFLAGS on white space.
  text({
    name: 'goflags',
    env: 'GOFLAGS',
    group: 'goEnv',
    help: 'GOFLAGS of every go command',
    check: ({ value, label }) => refuseDryRun(value.split(/\s+/), label),
  }),
  goVariable('goproxy', 'GOPROXY'),
  goVariable('goprivate', 'GOPRIVATE'),
  goVariable('gonoproxy', 'GONOPROXY'),
  goVariable('gonosumdb', 'GONOSUMDB'),
  cgoVariable('cgo-cflags', 'CGO_CFLAGS', 'CGO_CFLAGS (${build_dir} is the app)'),
  cgoVariable('cgo-cppflags', 'CGO_CPPFLAGS'),
  cgoVariable('cgo-cxxflags', 'CGO_CXXFLAGS'),
  cgoVariable('cgo-ldflags', 'CGO_LDFLAGS'),
  text({ name: 'pre-build-hook', env: 'CC_PRE_BUILD_HOOK', help: 'shell run before the build' }),
  text({ name: 'post-build-hook', env: 'CC_POST_BUILD_HOOK', help: 'shell run after the build' }),
  yesNo({
    name: 'install-tools-in-image',
    env: 'GO_INSTALL_TOOLS_IN_IMAGE',
    default: 'false',
    help: 'ship GOROOT in the slug',
  }),
  yesNo({
    name: 'setup-gopath-in-image',
    env: 'GO_SETUP_GOPATH_IN_IMAGE',
    default: 'false',
    help: 'ship the sources in a GOPATH layout',
  }),
  oneOf(CACHE_MODES, {
    name: 'cache',
    default: 'true',
    help: (v) => `${orList(v)} (Actions only)`,
  }),
  list({
    name: 'cache-dependency-path',
    computed: 'the app’s go.sum and go.work.sum files',
    help: 'globs that key the module cache',
    item: (pattern, label, ctx) => {
      confine(ctx.workspace, pattern.replace(/^!/, ''), {
        label,
        accepted: 'use a glob relative to the workspace, inside it',
      });
      return pattern;
    },
  }),
  custom({
    name: 'cache-key-suffix',
    help: 'extra text in the cache keys',
    parse: ({ value }, ctx) => cacheKeySuffix(value, ctx.rt.env),
  }),
  yesNo({
    name: 'app-files',
    default: 'true',
    help: "ship the app's files in the slug (default true)",
  }),
  yesNo({ name: 'upload', default: 'true', help: 'upload the slug as an artifact (Actions only)' }),
  text({
    name: 'artifact-name',
    computed: '<app>-<goos>-<goarch>-go<version>',
    help: 'artifact name',
    check: ({ value, label }) => void checkArtifactName(value, label),
  }),
  oneOf(ARTIFACT_FORMATS, { name: 'artifact-format', default: 'tgz', help: orList }),
  yesNo({
    name: 'pack-slug',
    default: 'false',
    help: 'write the slug .tar.gz even when no upload needs it',
  }),
  yesNo({
    name: 'reproducible',
    default: 'false',
    help: 'build with -trimpath: the same sources, the same archive',
  }),
  oneOf(
    [...SBOM_FORMAT_NAMES, 'false'] as const,
    {
      name: 'sbom',
      default: 'false',
      aliases: { true: 'spdx' },
      help: ([spdx, cdx, no]) => `an SBOM of the binaries: ${spdx} (or true), ${cdx} or ${no}`,
    },
    (v) => (v === 'false' ? undefined : v),
  ),
  number({
    name: 'retention-days',
    computed: 'the repository’s retention',
    help: 'artifact retention, 1 to 90',
    min: 1,
    max: 90,
    digits: 3,
    unit: 'days',
  }),
  yesNo({
    name: 'smoke-test',
    default: 'false',
    help: 'start the slug as the platform would and check it',
  }),
  list({
    name: 'health-check-paths',
    env: 'CC_HEALTH_CHECK_PATH',
    envSeries: true,
    default: '/',
    help: 'paths that must answer 200, one a line; CC_HEALTH_CHECK_PATH_0, _1, … are read too',
    item: healthCheckPath,
    unique: true,
  }),
  custom({
    name: 'target-glibc',
    env: 'STACK',
    help: 'the glibc the binaries will run with: heroku-22, ubuntu-24.04, debian-12, … or 2.31',
    parse: ({ value, label }) => glibcTarget(value, label),
  }),
  ...RELEASE_INPUTS,
] as const;

/** The rows as rows, for code that goes through them all (typed apart: INPUTS keeps each row's type). */
export const ROWS: readonly InputRow[] = INPUTS;

/** The values the table reads: one field per row (input-kinds.ts, TableValues). */
export type TableInputs = TableValues<(typeof INPUTS)[number]>;
