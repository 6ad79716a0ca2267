import { UserError } from '../errors.js';
import { quote } from './log-text.js';

/**
 * The one gate for words that reach an argument list as operands (SPEC §9): packages, package
 * specs, `// +heroku install` words, metadata packages, directory names, the linker symbol. A word
 * that starts with `-` would be read as a flag (`-toolexec=…` runs a program for every compile),
 * so it is refused with one line naming where it came from. `build-flags` and `goflags` are
 * flags by design and do not pass through here.
 */
export function operand(word: string, label: string, accepted: string): string {
  if (word.startsWith('-')) {
    throw new UserError(
      `${label}: ${quote(word)} starts with "-", so it would be read as a flag; ${accepted}`,
    );
  }
  if (/[\0\r\n]/.test(word)) {
    throw new UserError(`${label}: ${quote(word)} holds a line break; ${accepted}`);
  }
  return word;
}

export const PACKAGE_FORM =
  'use import paths, ./relative packages or .go files (flags belong in build-flags)';

/** Every word of a package list, checked. */
export function packageWords(words: readonly string[], label: string): string[] {
  return words.map((w) => operand(w, label, PACKAGE_FORM));
}

/**
 * Go's rules for an import path (golang.org/x/mod/module CheckImportPath): elements of ASCII
 * letters, digits and `-._~+`, none empty, none all dots, none ending in a dot; no leading
 * slash or dash. It becomes a directory under $GOPATH/src, so this is also what keeps it there.
 */
function importPathProblem(p: string): string | undefined {
  if (p === '') return 'it is empty';
  if (p.startsWith('/')) return 'it is absolute';
  if (p.startsWith('-')) return 'it starts with "-"';
  for (const elem of p.split('/')) {
    if (elem === '') return 'it has an empty element';
    if (/^\.+$/.test(elem)) return `it has a ${JSON.stringify(elem)} element`;
    if (!/^[A-Za-z0-9._~+-]+$/.test(elem))
      return `${quote(elem)} has a character Go does not allow`;
    if (elem.endsWith('.')) return `${quote(elem)} ends with a dot`;
  }
  return undefined;
}

export function importPath(value: string, label: string): string {
  const problem = importPathProblem(value);
  if (problem) {
    throw new UserError(
      `${label}: ${quote(value)} is not an import path (${problem}); use a path such as github.com/acme/app`,
    );
  }
  return value;
}

/** `importpath.Name`, as the linker's -X takes it. */
export function linkerSymbol(value: string, label: string): string {
  const m = /^(.+)\.([\p{L}_][\p{L}\p{N}_]*)$/u.exec(value);
  if (!m || importPathProblem(m[1] as string) !== undefined) {
    throw new UserError(
      `${label}: ${quote(value)} is not a Go symbol; use importpath.Name, such as main.version or github.com/acme/app/version.Commit`,
    );
  }
  return value;
}

/** A build tag (go/build): letters, digits, `_` and `.`. */
export function buildTag(value: string, label: string): string {
  if (!/^[\p{L}\p{N}_.]+$/u.test(value)) {
    throw new UserError(
      `${label}: ${quote(value)} is not a build tag; use comma-separated tags of letters, digits, _ and .`,
    );
  }
  return value;
}
