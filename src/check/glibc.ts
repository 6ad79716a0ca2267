import path from 'node:path';
import { UserError } from '../errors.js';
import { fsPath } from '../fs-tree.js';
import { quote, show } from '../trust/log-text.js';
import { compareVersions, newestGlibc, readElfFile } from './elf.js';

/**
 * The glibc each stack runs binaries with (docs/deploy-check.md gives the sources): a binary
 * linked against a newer glibc fails at start with `version 'GLIBC_2.xx' not found`.
 */
export const STACKS: readonly { names: readonly string[]; glibc: string; base: string }[] = [
  { names: ['heroku-18', 'ubuntu-18.04', 'bionic'], glibc: '2.27', base: 'Ubuntu 18.04' },
  { names: ['heroku-20', 'ubuntu-20.04', 'focal'], glibc: '2.31', base: 'Ubuntu 20.04' },
  { names: ['heroku-22', 'ubuntu-22.04', 'jammy'], glibc: '2.35', base: 'Ubuntu 22.04' },
  { names: ['heroku-24', 'ubuntu-24.04', 'noble'], glibc: '2.39', base: 'Ubuntu 24.04' },
  { names: ['debian-10', 'buster'], glibc: '2.28', base: 'Debian 10' },
  { names: ['debian-11', 'bullseye'], glibc: '2.31', base: 'Debian 11' },
  { names: ['debian-12', 'bookworm'], glibc: '2.36', base: 'Debian 12' },
  { names: ['debian-13', 'trixie'], glibc: '2.41', base: 'Debian 13' },
];

export interface GlibcTarget {
  /** What the user wrote (`heroku-22`, `2.31`). */
  given: string;
  /** The glibc version, `2.35`. */
  glibc: string;
  /** The stack it came from, when it came from a name. */
  stack?: string;
}

export const TARGET_GLIBC_ACCEPTED = `use a stack (${STACKS.flatMap((s) => s.names).join(', ')}) or a glibc version such as 2.31`;

/** Parses target-glibc (or STACK): a stack name from the table, or `2.N`. */
export function glibcTarget(value: string, label: string): GlibcTarget {
  const name = value.toLowerCase();
  const stack = STACKS.find((s) => s.names.includes(name));
  if (stack) return { given: value, glibc: stack.glibc, stack: name };
  if (/^2\.\d{1,2}$/.test(value)) return { given: value, glibc: value };
  throw new UserError(
    `${label}: ${quote(value)} is not a known stack or glibc version; ${TARGET_GLIBC_ACCEPTED}`,
  );
}

export function describeTarget(t: GlibcTarget): string {
  return t.stack ? `${t.stack}'s glibc ${t.glibc}` : `the target's glibc ${t.glibc}`;
}

/** What the check found for one file of the slug's bin/. */
export interface BinaryGlibc {
  /** `bin/api` */
  name: string;
  /** `static`, `needs GLIBC_2.34`, `not an ELF binary`, … */
  finding: string;
  /** The newest GLIBC_x.y needed, for a dynamic binary that needs one. */
  needs?: string;
  ok: boolean;
}

/**
 * Reads every regular file of `bin/` (symlinks are not followed: they are the app's, and lead
 * anywhere) and compares the newest GLIBC version each ELF binary needs with the target.
 */
export function checkGlibc(binDir: string, files: string[], target: GlibcTarget): BinaryGlibc[] {
  const out: BinaryGlibc[] = [];
  const want = target.glibc.split('.').map(Number);
  for (const file of files.sort()) {
    const name = `bin/${path.basename(file)}`;
    const info = readElfFile(fsPath(path.join(binDir, file)));
    if (info.kind === 'not-elf') {
      out.push({ name, finding: 'not an ELF binary', ok: true });
    } else if (info.kind === 'malformed') {
      out.push({ name, finding: `an ELF file that cannot be read (${info.reason})`, ok: true });
    } else {
      const needs = newestGlibc(info.needs);
      if (needs === undefined) {
        out.push({
          name,
          finding: info.dynamic ? 'needs no versioned glibc symbol' : 'statically linked',
          ok: true,
        });
      } else {
        const v = needs.slice('GLIBC_'.length).split('.').map(Number);
        out.push({ name, finding: `needs ${needs}`, needs, ok: compareVersions(v, want) <= 0 });
      }
    }
  }
  return out;
}

/** The one-line refusal for a binary that needs a newer glibc than the target has. */
export function glibcFailure(b: BinaryGlibc, target: GlibcTarget): string {
  return `target-glibc: ${show(b.name)} needs ${b.needs}, newer than ${describeTarget(target)}; build it with CGO_ENABLED=0, or on an image whose glibc is ${target.glibc} or older`;
}
