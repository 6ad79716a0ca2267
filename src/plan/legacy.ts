import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { parse as parseToml, TomlError } from 'smol-toml';
import { UserError } from '../errors.js';
import { importPath, packageWords } from '../trust/words.js';

/**
 * Heroku's legacy dependency-tool metadata (buildpack v224 "structural validation"), checked before
 * anything downloads so that a broken file fails the way the platform failed: `Bad <file> file`
 * for unparsable JSON (Heroku ran `jq .`), a named field for missing metadata.
 */
export interface GodepMeta {
  tool: 'godep';
  importPath: string;
  packages: string[];
  goVersion?: string;
}
export interface GovendorMeta {
  tool: 'govendor';
  rootPath: string;
  install: string[];
  goVersion?: string;
}
export interface GbMeta {
  tool: 'gb';
  /** `<dir>/...` for each directory under src/ */
  packages: string[];
}
export interface DepMeta {
  tool: 'dep';
  rootPackage: string;
  install: string[];
  goVersion?: string;
}
export type LegacyMeta = GodepMeta | GovendorMeta | GbMeta | DepMeta;

const checkImportPath = importPath;
const GODEPS = 'Godeps/Godeps.json';
const VENDOR_JSON = 'vendor/vendor.json';
const GOPKG = 'Gopkg.toml';

/**
 * Gopkg.toml (dep): `[metadata.heroku]` `root-package` (required), `install` (default `.`),
 * `go-version`. Unparsable TOML fails like the JSON files, with the parser's position.
 */
export function parseGopkgToml(text: string): DepMeta {
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    if (!(err instanceof TomlError)) throw err;
    // The library's message is the reason, then a code excerpt: the reason is what is shown.
    const reason = err.message.split('\n')[0]?.replace(/^Invalid TOML document: /, '') ?? 'invalid';
    throw new UserError(`Bad ${GOPKG} file: line ${err.line}, column ${err.column}: ${reason}`);
  }
  const metadata = isObject(doc['metadata']) ? doc['metadata'] : {};
  const heroku = isObject(metadata['heroku']) ? metadata['heroku'] : {};
  const root = nonEmptyString(heroku['root-package']);
  if (root === undefined) {
    throw new UserError(
      `The 'metadata.heroku["root-package"]' field is not specified in '${GOPKG}'; set it to the app's import path`,
    );
  }
  const meta: DepMeta = {
    tool: 'dep',
    rootPackage: checkImportPath(root, `${GOPKG} metadata.heroku.root-package`),
    install: packageList(heroku['install'], 'metadata.heroku.install', GOPKG),
  };
  const goVersion = nonEmptyString(heroku['go-version']);
  if (goVersion !== undefined) meta.goVersion = goVersion;
  return meta;
}

/** `[metadata.heroku] go-version` of a Gopkg.toml; unparsable TOML is not our concern here. */
export function gopkgGoVersion(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    const doc = parseToml(text.replace(/^\uFEFF/, ''));
    const metadata = isObject(doc['metadata']) ? doc['metadata'] : {};
    const heroku = isObject(metadata['heroku']) ? metadata['heroku'] : {};
    return nonEmptyString(heroku['go-version']);
  } catch {
    return undefined;
  }
}

/** Godeps/Godeps.json: `ImportPath` (required), `Packages` (default `.`), `GoVersion`. */
export function parseGodeps(text: string): GodepMeta {
  const json = parseJson(text, GODEPS);
  const importPath = nonEmptyString(json['ImportPath']);
  if (importPath === undefined) {
    throw new UserError(`The 'ImportPath' field is not specified in '${GODEPS}'`);
  }
  const meta: GodepMeta = {
    tool: 'godep',
    // It names the directory under $GOPATH/src the app is copied to: it must be an import path.
    importPath: checkImportPath(importPath, `${GODEPS} ImportPath`),
    packages: packageList(json['Packages'], 'Packages', GODEPS),
  };
  const goVersion = nonEmptyString(json['GoVersion']);
  if (goVersion !== undefined) meta.goVersion = goVersion;
  return meta;
}

/** vendor/vendor.json: `rootPath` (required), `heroku.install` (default `.`), `heroku.goVersion`. */
export function parseVendorJson(text: string): GovendorMeta {
  const json = parseJson(text, VENDOR_JSON);
  const rootPath = nonEmptyString(json['rootPath']);
  if (rootPath === undefined) {
    throw new UserError(
      `The 'rootPath' field is not specified in '${VENDOR_JSON}'; re-run 'govendor init'`,
    );
  }
  const heroku = isObject(json['heroku']) ? json['heroku'] : {};
  const meta: GovendorMeta = {
    tool: 'govendor',
    rootPath: checkImportPath(rootPath, `${VENDOR_JSON} rootPath`),
    install: packageList(heroku['install'], 'heroku.install', VENDOR_JSON),
  };
  const goVersion = nonEmptyString(heroku['goVersion']);
  if (goVersion !== undefined) meta.goVersion = goVersion;
  return meta;
}

type JsonObject = Record<string, unknown>;

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function nonEmptyString(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

// Heroku joined the array with spaces and let the shell split it again, so an entry holding spaces
// is several packages, and an absent or empty list means the default `.`.
function packageList(v: unknown, field: string, file: string): string[] {
  if (v === undefined || v === null) return ['.'];
  if (!Array.isArray(v) || v.some((p) => typeof p !== 'string')) {
    throw new UserError(
      `The '${field}' field in '${file}' must be an array of package paths, e.g. ["./cmd/app"]`,
    );
  }
  const pkgs = (v as string[]).flatMap((p) => p.split(/\s+/)).filter((p) => p !== '');
  return pkgs.length > 0 ? packageWords(pkgs, `${file} ${field}`) : ['.'];
}

/**
 * JSON.parse with a one-line error that gives the position as line and column. A top-level value
 * that is not an object parses, but has no fields, so the required-field check reports it.
 */
function parseJson(text: string, file: string): JsonObject {
  // jq, which Heroku used, skips a UTF-8 byte order mark; JSON.parse does not.
  const body = text.replace(/^\uFEFF/, '');
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (err) {
    const { line, column, message } = describeJsonError(body, (err as Error).message);
    throw new UserError(`Bad ${file} file: line ${line}, column ${column}: ${message}`);
  }
  return isObject(value) ? value : {};
}

/**
 * Turn a JSON.parse message into (line, column, message without the position). V8 says
 * `… in JSON at position N` (Node 20), adds ` (line L column C)` (Node 22+), says `Unexpected end
 * of JSON input` with no position, and for a character that starts no JSON token
 * `Unexpected token 'x', "<excerpt>" is not valid JSON` with no position either; for those two the
 * position comes from our own scan, so that every error points somewhere.
 */
export function describeJsonError(
  text: string,
  raw: string,
): { line: number; column: number; message: string } {
  let message = raw.replace(/\s+/g, ' ').trim();
  let offset: number | undefined;

  const lineCol = / \(line (\d+) column (\d+)\)/.exec(message);
  const pos = / at position (\d+)/.exec(message);
  if (lineCol) {
    message = message.replace(lineCol[0], '');
  }
  if (pos) {
    offset = Number(pos[1]);
    message = message.replace(pos[0], '');
  }
  if (message === '') message = 'invalid JSON';

  if (lineCol) return { line: Number(lineCol[1]), column: Number(lineCol[2]), message };
  if (offset !== undefined) return { ...lineAndColumn(text, offset), message };
  // At the end of the input the useful place is just after the last token, not after the final
  // newline.
  if (/Unexpected end/i.test(message)) {
    return { ...lineAndColumn(text, text.trimEnd().length), message };
  }
  // V8 gave no position (`Unexpected token 'x', "<excerpt>" is not valid JSON`): a parser that
  // reports offsets finds the first error, and says what it is.
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false });
  const first = errors[0];
  if (!first) return { ...lineAndColumn(text, text.trimEnd().length), message };
  const what =
    printParseErrorCode(first.error) === 'InvalidSymbol'
      ? `Unexpected token '${text.substr(first.offset, first.length)}' in JSON`
      : `${printParseErrorCode(first.error).replace(/(?<=[a-z])(?=[A-Z])/g, ' ')} in JSON`;
  return { ...lineAndColumn(text, first.offset), message: what };
}

/** 1-based line and column of a UTF-16 offset, as V8 counts them. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.min(offset, text.length));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1] ?? '').length + 1 };
}
