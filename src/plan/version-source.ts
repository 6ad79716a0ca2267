import path from 'node:path';
import semver from 'semver';
import { UserError } from '../errors.js';
import { goToSemver, parseVersionSpec, type VersionSpec } from '../toolchain/version-spec.js';
import { nonEmpty } from '../text.js';
import { gopkgGoVersion } from './legacy.js';

/** What the version choice and the build need from a go.mod or go.work file. */
export interface GoModInfo {
  module?: string;
  go?: string;
  toolchain?: string;
  /** `// +heroku goVersion <v>` (go.mod only, as the Heroku buildpack reads it) */
  herokuGoVersion?: string;
  /** `// +heroku install <spec…>` */
  herokuInstall?: string[];
  /** go.work `use` entries, single-line and block forms */
  use?: string[];
}

// `//` starts a comment anywhere outside a quoted string (Go's modfile lexer).
function stripComment(line: string): string {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = '';
    } else if (ch === '"' || ch === '`') quote = ch;
    else if (ch === '/' && line[i + 1] === '/') return line.slice(0, i);
  }
  return line;
}

function unquote(token: string): string {
  if (token.startsWith('"') && token.endsWith('"') && token.length >= 2) {
    try {
      return JSON.parse(token) as string;
    } catch {
      return token.slice(1, -1);
    }
  }
  if (token.startsWith('`') && token.endsWith('`') && token.length >= 2) return token.slice(1, -1);
  return token;
}

// Go's modfile lexer: parens are tokens of their own (`require(` opens a block like `require (`),
// and a quoted string is one token even when it holds spaces.
function tokenize(line: string): string[] {
  const re = /"(?:\\.|[^"\\])*"|`[^`]*`|[()]|[^\s()"`]+/g;
  return stripComment(line).match(re) ?? [];
}

function lines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r?\n|\r/);
}

/**
 * Read module, go, toolchain and the Heroku comment directives from go.mod (or go.work, which
 * adds `use`). The first occurrence of each directive wins, as in the Heroku buildpack's awk
 * parser; the contents of blocks such as `require ( … )` are skipped.
 */
export function parseGoMod(text: string): GoModInfo {
  const info: GoModInfo = {};
  let block: string | undefined;
  for (const line of lines(text)) {
    // Heroku matches whitespace-separated fields of the raw line: `//` `+heroku` `<verb>` `<args…>`.
    const fields = line.trim().split(/\s+/);
    if (fields[0] === '//' && fields[1] === '+heroku') {
      if (fields[2] === 'goVersion' && fields[3] !== undefined) info.herokuGoVersion ??= fields[3];
      if (fields[2] === 'install' && fields.length > 3) info.herokuInstall ??= fields.slice(3);
      continue;
    }

    const tokens = tokenize(line);
    if (tokens.length === 0) continue;
    if (block !== undefined) {
      if (tokens[0] === ')') block = undefined;
      else if (block === 'use') (info.use ??= []).push(unquote(tokens[0] as string));
      continue;
    }

    const [verb, ...args] = tokens;
    if (args[0] === '(') {
      const close = args.indexOf(')');
      if (close === -1) block = verb;
      else if (verb === 'use') (info.use ??= []).push(...args.slice(1, close).map(unquote));
      continue;
    }
    const arg = args[0];
    if (arg === undefined) continue;
    if (verb === 'module') info.module ??= unquote(arg);
    else if (verb === 'go') info.go ??= arg;
    else if (verb === 'toolchain') info.toolchain ??= arg;
    else if (verb === 'use') (info.use ??= []).push(unquote(arg));
  }
  return info;
}

/** asdf/mise `.tool-versions`: the first version of the `golang` (or `go`) line. */
export function parseToolVersions(text: string): string | undefined {
  for (const line of lines(text)) {
    const [tool, version] = line.replace(/#.*/, '').trim().split(/\s+/);
    if ((tool === 'golang' || tool === 'go') && version) return version;
  }
  return undefined;
}

/** `.go-version`: the first non-empty line, trimmed. */
export function parseGoVersionFile(text: string): string | undefined {
  return lines(text)
    .map((l) => l.trim())
    .find((l) => l !== '');
}

export type VersionSource =
  | 'input'
  | 'GOVERSION'
  | 'go-version-file'
  | 'go.mod heroku-directive'
  | 'go.mod toolchain'
  | 'go.mod go'
  | 'go.work toolchain'
  | 'go.work go'
  | '.go-version'
  | '.tool-versions'
  | 'Gopkg.toml'
  | 'Godeps.json'
  | 'vendor.json'
  | 'default';

/** Contents of the app's version files; undefined when a file is absent. */
export interface AppVersionFiles {
  goMod?: string;
  goWork?: string;
  goVersion?: string;
  toolVersions?: string;
  godeps?: string;
  vendorJson?: string;
  gopkgToml?: string;
}

export type VersionChoice =
  | { spec: VersionSpec; source: VersionSource; raw: string }
  | { spec: undefined; source: 'default' };

interface Found {
  spec: VersionSpec;
  raw: string;
  /** which directive of a go.mod/go.work won */
  directive: 'heroku-directive' | 'toolchain' | 'go';
}

/**
 * go.mod/go.work rules (SPEC §2): heroku directive, then toolchain (exact), then go (minimum); but
 * a go directive newer than the toolchain wins, since Go itself would never run an older toolchain
 * than the module needs. `label` names the file in errors (`go.mod`, `go-version-file ci/go.mod`).
 */
function fromGoMod(info: GoModInfo, label: string, heroku: boolean): Found | undefined {
  if (heroku && info.herokuGoVersion !== undefined) {
    const raw = info.herokuGoVersion;
    return {
      spec: parseVersionSpec(raw, 'user', `${label} heroku-directive`),
      raw,
      directive: 'heroku-directive',
    };
  }
  const go =
    info.go !== undefined
      ? { spec: parseVersionSpec(info.go, 'go-directive', `${label} go directive`), raw: info.go }
      : undefined;
  // `toolchain default` means "no toolchain requirement": the go line decides.
  if (info.toolchain !== undefined && info.toolchain !== 'default') {
    const raw = info.toolchain;
    const spec = parseVersionSpec(raw, 'toolchain', `${label} toolchain`);
    const goNewer =
      go !== undefined &&
      spec.kind === 'exact' &&
      semver.gt(goToSemver(go.raw) ?? '0.0.0', spec.version);
    if (!goNewer) return { spec, raw, directive: 'toolchain' };
  }
  return go && { ...go, directive: 'go' };
}

// Errors name the field inside the file, so the user knows which line to fix.
const SOURCE_NAMES: Partial<Record<VersionSource, string>> = {
  '.tool-versions': '.tool-versions golang',
  'Gopkg.toml': 'Gopkg.toml metadata.heroku.go-version',
  'Godeps.json': 'Godeps/Godeps.json GoVersion',
  'vendor.json': 'vendor/vendor.json heroku.goVersion',
};

/** Godeps.json `.GoVersion` / vendor.json `.heroku.goVersion`; unparsable JSON is not our concern here. */
function jsonField(
  text: string | undefined,
  pick: (j: Record<string, unknown>) => unknown,
): string | undefined {
  if (text === undefined) return undefined;
  try {
    const value = pick(JSON.parse(text) as Record<string, unknown>);
    return typeof value === 'string' ? nonEmpty(value) : undefined;
  } catch {
    return undefined;
  }
}

/** The Go version spec and where it came from, first found wins (SPEC §2 order). */
export function chooseVersionSpec(opts: {
  input?: string;
  envGOVERSION?: string;
  versionFile?: { path: string; content: string };
  app: AppVersionFiles;
}): VersionChoice {
  const user = (raw: string, source: VersionSource, name: string): VersionChoice => ({
    spec: parseVersionSpec(raw, 'user', name),
    source,
    raw: raw.trim(),
  });

  const input = nonEmpty(opts.input);
  if (input !== undefined) return user(input, 'input', 'go-version');
  const env = nonEmpty(opts.envGOVERSION);
  if (env !== undefined) return user(env, 'GOVERSION', 'GOVERSION');

  if (opts.versionFile) {
    const { path: file, content } = opts.versionFile;
    const base = path.basename(file);
    const label = `go-version-file ${file}`;
    let found: { spec: VersionSpec; raw: string } | undefined;
    if (base === 'go.mod' || base === 'go.work') {
      found = fromGoMod(parseGoMod(content), label, base === 'go.mod');
    } else {
      const raw =
        base === '.tool-versions' ? parseToolVersions(content) : parseGoVersionFile(content);
      if (raw !== undefined) found = { spec: parseVersionSpec(raw, 'user', label), raw };
    }
    if (!found) {
      throw new UserError(
        `go-version-file: ${file} names no Go version; add one or remove go-version-file`,
      );
    }
    return { spec: found.spec, source: 'go-version-file', raw: found.raw.trim() };
  }

  const { app } = opts;
  for (const [text, file] of [
    [app.goMod, 'go.mod'],
    [app.goWork, 'go.work'],
  ] as const) {
    if (text === undefined) continue;
    const found = fromGoMod(parseGoMod(text), file, file === 'go.mod');
    if (found)
      return {
        spec: found.spec,
        source: `${file} ${found.directive}` as VersionSource,
        raw: found.raw,
      };
  }

  const simple: [string | undefined, VersionSource][] = [
    [app.goVersion === undefined ? undefined : parseGoVersionFile(app.goVersion), '.go-version'],
    [
      app.toolVersions === undefined ? undefined : parseToolVersions(app.toolVersions),
      '.tool-versions',
    ],
    [gopkgGoVersion(app.gopkgToml), 'Gopkg.toml'],
    [jsonField(app.godeps, (j) => j.GoVersion), 'Godeps.json'],
    [
      jsonField(
        app.vendorJson,
        (j) => (j.heroku as Record<string, unknown> | undefined)?.goVersion,
      ),
      'vendor.json',
    ],
  ];
  for (const [raw, source] of simple) {
    if (raw !== undefined) return user(raw, source, SOURCE_NAMES[source] ?? source);
  }
  return { spec: undefined, source: 'default' };
}
