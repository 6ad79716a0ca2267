/**
 * Every input of action.yml: its name (also the CLI flag), the platform variable it falls back
 * to, its `--help` line, its parser and its default. The input reader (src/inputs.ts), the CLI's
 * flags and `--help`, the `Inputs` type and the action.yml test all come from this one table (a
 * unit test holds it equal to action.yml).
 */
import fs from 'node:fs';
import { cacheKeySuffix } from './cache/key-suffix.js';
import { checkLinkerValue, refuseDryRun } from './compile/flags.js';
import { glibcTarget } from './deploy/glibc.js';
import { bad } from './errors.js';
import { goarchValue, goosValue, installArch } from './go-targets.js';
import { splitWords } from './plan/shell-words.js';
import { checkArtifactName } from './publish/artifact-name.js';
import type { Runtime } from './runtime/ports.js';
import { nonEmpty, words } from './text.js';
import { downloadBase } from './toolchain/source.js';
import { confine, realRoot, type Root } from './trust/paths.js';
import { buildTag, importPath, linkerSymbol, operand, packageWords } from './trust/words.js';

/** A value as given: its text, the name a user knows it by in an error, and where it came from. */
export interface Given {
  readonly value: string;
  /** `go-version`, or `go-version (from GOVERSION)`. */
  readonly label: string;
  /** `input`, the variable's name, or `default`. */
  readonly from: string;
}

/** What a parser may need besides the value: the runtime and the inputs read before it. */
export interface ParseContext {
  readonly rt: Runtime;
  /** The workspace, symlinks resolved. */
  readonly workspace: Root;
  /** The app directory (working-directory, the first row). */
  readonly appDir: string;
  readonly platform: string;
  /** Whether an input read before this one has a value. */
  has(input: string): boolean;
}

type Kind = 'string' | 'yes-no' | 'one-of' | 'number' | 'list' | 'custom';

/** The columns every row has, whatever its kind. */
interface Spec {
  /** The action.yml input, also the CLI flag (`--go-version`). */
  readonly name: string;
  /** The documented variable read when the input is empty. */
  readonly env?: string;
  /** A list input: `<env>_0`, `_1`, … are read too, while they are set (each holds one item). */
  readonly envSeries?: true;
  /** The field of `Inputs` (default: the name in camelCase). */
  readonly key?: string;
  /** Part of a record of variables (`goEnv.GOFLAGS`) rather than a field of its own. */
  readonly group?: 'goEnv' | 'cgoEnv';
  /** The default, written as action.yml writes it, parsed like a given value. */
  readonly default?: string;
  /** A default worked out at run time, and what it is (action.yml then declares no default:). */
  readonly computed?: string;
  readonly compute?: (ctx: ParseContext) => string | undefined;
}

export interface InputRow<T = unknown> extends Spec {
  readonly kind: Kind;
  /** One line for `--help`. */
  readonly help: string;
  /** one-of: the accepted values. */
  readonly values?: readonly string[];
  /** The given values (one, or for a list one per source) to the input's value. */
  readonly parse: (given: readonly Given[], ctx: ParseContext) => T;
}

type Check = (g: Given, ctx: ParseContext) => void;

function orList(items: readonly string[]): string {
  return items.length <= 1
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function one<T>(parse: (g: Given, ctx: ParseContext) => T): InputRow<T>['parse'] {
  return (given, ctx) => parse(given[0] as Given, ctx);
}

/** Free text, with an optional check that refuses what the input cannot be. */
function text<const S extends Spec>(s: S & { help: string; check?: Check }) {
  const { check, ...row } = s;
  const parse = one((g, ctx) => (check?.(g, ctx), g.value));
  return { ...row, kind: 'string' as const, parse };
}

/** A boolean: true, false, 1, 0, yes or no; on the command line the flag alone means true. */
function yesNo<const S extends Spec>(s: S & { help: string }) {
  const parse = one(({ value, label }) => {
    const v = value.toLowerCase();
    if (['true', '1', 'yes'].includes(v)) return true;
    if (['false', '0', 'no'].includes(v)) return false;
    throw bad(label, value, 'a boolean; use true, false, 1, 0, yes or no');
  });
  return { ...s, kind: 'yes-no' as const, parse };
}

/** One of `values` (an alias stands for one of them), then `map`ped; `--help` lists them. */
function oneOf<const V extends readonly string[], const S extends Spec, R = V[number]>(
  values: V,
  s: S & { help: (values: V) => string; aliases?: Readonly<Record<string, V[number]>> },
  map?: (v: V[number]) => R,
) {
  const { help, aliases, ...row } = s;
  const parse = one(({ value, label }): R => {
    const v = (values as readonly string[]).includes(value) ? value : aliases?.[value];
    if (v === undefined) throw bad(label, value, `not valid; use ${orList(values)}`);
    return map ? map(v) : (v as R);
  });
  return { ...row, kind: 'one-of' as const, help: help(values), values, parse };
}

/** A whole number from `min` to `max`, of at most `digits` digits. */
function number<const S extends Spec>(
  s: S & { help: string; min: number; max: number; digits: number; unit: string },
) {
  const { min, max, digits, unit, ...row } = s;
  const parse = one(({ value, label }) => {
    const n = new RegExp(`^\\d{1,${digits}}$`).test(value) ? Number(value) : NaN;
    if (n >= min && n <= max) return n;
    throw bad(label, value, `not valid; use a whole number of ${unit} from ${min} to ${max}`);
  });
  return { ...row, kind: 'number' as const, parse };
}

/** One item a line, trimmed, blank lines dropped. */
const lines = (v: string): string[] =>
  v
    .split('\n')
    .map((t) => t.trim())
    .filter(Boolean);

/**
 * A list: the input split into items (default one a line; blank items dropped), or one item per
 * variable, trimmed of spaces and tabs only (its line breaks are left for `item` to refuse).
 */
function list<const S extends Spec, T = string>(
  s: S & {
    help: string;
    split?: (v: string, label: string) => string[];
    item?: (v: string, label: string, ctx: ParseContext) => T;
    check?: (items: readonly T[], label: string) => void;
    unique?: true;
  },
) {
  const { split = lines, item, check, unique, ...row } = s;
  const parse = (given: readonly Given[], ctx: ParseContext): T[] => {
    const items = given.flatMap(({ value, label, from }) => {
      const raw = from === 'input' || from === 'default' ? split(value, label) : [value];
      const got = raw.map((v) => (item ? item(v, label, ctx) : (v as T)));
      check?.(got, label);
      return got;
    });
    return unique ? [...new Set(items)] : items;
  };
  return { ...row, kind: 'list' as const, parse };
}

/** Any other value: `parse` turns the given text into it, or refuses it. */
function custom<const S extends Spec, T>(
  s: S & { help: string; parse: (g: Given, ctx: ParseContext) => T },
) {
  return { ...s, kind: 'custom' as const, parse: one(s.parse) };
}

/** Split at commas, trimmed, blanks dropped (build-tags). */
const commas = (v: string): string[] =>
  v
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);

/** Longest health-check path accepted (a request line, not a document). */
const MAX_HEALTH_PATH = 2048;

/** A request target: it starts with `/` and holds only visible ASCII (no space, no line break). */
function healthCheckPath(value: string, label: string): string {
  if (!/^\/[\x21-\x7e]*$/.test(value) || value.length > MAX_HEALTH_PATH) {
    throw bad(
      label,
      value,
      `not a health-check path; use a path such as /health (it starts with /, at most ${MAX_HEALTH_PATH} characters, no space or control character)`,
    );
  }
  return value;
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

const BUILD_DIR = '${build_dir}';
const goVariable = (name: string, env: string) =>
  text({ name, env, group: 'goEnv', help: `${env} of every go command` });
const cgoVariable = (name: string, env: string, help = env) =>
  custom({
    name,
    env,
    group: 'cgoEnv',
    help,
    parse: ({ value }, ctx) => value.split(BUILD_DIR).join(ctx.appDir),
  });

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
  oneOf(['clever-cloud', 'heroku'], {
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
  oneOf(['true', 'false', 'read-only'], {
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
  oneOf(['tgz', 'zip'], { name: 'artifact-format', default: 'tgz', help: orList }),
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
    ['spdx', 'cyclonedx', 'false'],
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
] as const;

/** The rows as rows, for code that goes through them all (typed apart: INPUTS keeps each row's type). */
export const ROWS: readonly InputRow[] = INPUTS;

// ------------------------------------------------------------------------------------------------
// The values the table reads, as a type: one field per row (named after its key, or the input in
// camelCase), optional unless the row always gives a value; grouped rows make records.

type Row = (typeof INPUTS)[number];
type Camel<S extends string> = S extends `${infer H}-${infer T}`
  ? `${H}${Capitalize<Camel<T>>}`
  : S;
type KeyOf<R> = R extends { group: string }
  ? never
  : R extends { key: infer K extends string }
    ? K
    : R extends { name: infer N extends string }
      ? Camel<N>
      : never;
/** A list, a default, or a computed default that is always there. */
type Always<R> = R extends { kind: 'list' }
  ? true
  : R extends { default: string }
    ? true
    : R extends { compute: (ctx: ParseContext) => string }
      ? true
      : false;
type ValueOf<R> = R extends { parse: (...args: never[]) => infer T } ? T : never;

export type TableInputs = {
  -readonly [R in Row as Always<R> extends true ? KeyOf<R> : never]: ValueOf<R>;
} & {
  -readonly [R in Row as Always<R> extends true ? never : KeyOf<R>]?: ValueOf<R>;
} & {
  -readonly [R in Row as R extends { group: infer G extends string } ? G : never]: Record<
    string,
    string
  >;
};

/** The field of `Inputs` a row fills (a grouped row fills `<group>.<env>`). */
export function keyOf(row: InputRow): string {
  return row.key ?? row.name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
}
