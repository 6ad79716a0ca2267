import fs from 'node:fs';
import path from 'node:path';
import { bad } from '../trust/refusal.js';
import type { BuildInputs } from './job.js';
import { packageWords } from '../trust/words.js';

/**
 * The flags shared by `go install` and the `go list` calls that must see the same build
 * (SPEC §3): -tags, one `-ldflags=-X 'sym=val'` argument, -mod=vendor, then -x -race.
 */
export function sharedGoFlags(inputs: BuildInputs, appDir: string): string[] {
  const flags: string[] = [];
  if (inputs.buildTags.length) flags.push('-tags', inputs.buildTags.join(','));
  const ld = linkerFlag(inputs.linkerSymbol, inputs.linkerValue);
  if (ld) flags.push(ld);
  if (usesVendor(appDir)) flags.push('-mod=vendor');
  return flags;
}

/** Go splits an -ldflags value on spaces unless quoted inside it: quote so a value with spaces survives. */
export function linkerFlag(symbol?: string, value?: string): string | undefined {
  if (!symbol || !value) return undefined;
  const q = value.includes("'") ? '"' : "'";
  return `-ldflags=-X ${q}${symbol}=${value}${q}`;
}

/** Heroku's rule: -mod=vendor when vendor/ exists and go.sum is not empty. */
export function usesVendor(appDir: string): boolean {
  try {
    return (
      fs.statSync(path.join(appDir, 'vendor')).isDirectory() &&
      fs.statSync(path.join(appDir, 'go.sum')).size > 0
    );
  } catch {
    return false;
  }
}

/**
 * `go install [-v] [-tags T] [-ldflags=-X 's=v'] [-mod=vendor] [-x -race] [build-flags] <packages>`:
 * -v is Heroku's, -x -race is troubleshoot, the user's build-flags come last before the packages.
 */
export function installArgs(inputs: BuildInputs, shared: string[], packages: string[]): string[] {
  return [
    'install',
    ...(inputs.platform === 'heroku' ? ['-v'] : []),
    ...shared,
    ...(inputs.troubleshoot ? ['-x', '-race'] : []),
    ...inputs.buildFlags,
    // The plan has checked every package where it came from; this is the last gate before argv.
    ...packageWords(packages, 'package'),
  ];
}

/**
 * `-n` makes go print the commands of a build without running them: no binary would exist, and
 * the slug would be empty. Refused (rather than handled) so that a dry run is never mistaken for
 * a build.
 */
export function refuseDryRun(flags: readonly string[], label: string): void {
  const dry = flags.find((f) => /^--?n(?:=(?:1|t|T|TRUE|true|True))?$/.test(f));
  if (dry !== undefined) {
    throw bad(
      label,
      dry,
      'not usable: -n prints the build commands without running them, so there would be no binary to ship; remove it',
    );
  }
}

/** A linker value {@link linkerFlag} can pass: one line, not both quote kinds. */
export function checkLinkerValue(value: string, label: string): void {
  if (/[\r\n\0]/.test(value)) {
    throw bad(label, value, 'not usable; a linker value must be one line');
  }
  if (value.includes("'") && value.includes('"')) {
    throw bad(label, value, 'not usable; a linker value cannot hold both quote kinds');
  }
}
