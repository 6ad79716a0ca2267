import path from 'node:path';
import { UserError } from '../errors.js';
import { run } from '../runtime/exec.js';
import type { Logger } from '../runtime/ports.js';
import type { GoEnv } from './go-env.js';

export interface GoRunOptions {
  /**
   * Capture stdout instead of streaming it (go list). stderr still streams, so module downloads
   * show (`go: downloading …`), and on failure it is also in the error.
   */
  quiet?: boolean;
  /** Extra env for this command only (GO111MODULE=off for GOPATH-mode builds). */
  env?: Record<string, string | undefined>;
}

/** Runs the resolved `go` in `dir`; a non-zero exit is the user's build failure. */
export async function go(
  genv: GoEnv,
  dir: string,
  args: string[],
  log: Logger,
  opts: GoRunOptions = {},
): Promise<string> {
  const res = await run(path.join(genv.goroot, 'bin', 'go'), args, {
    cwd: dir,
    env: { ...genv.env, ...opts.env },
    quiet: opts.quiet ? 'stdout' : false,
    logCommand: log,
  });
  if (res.code !== 0) {
    const why = res.stderr
      .split('\n')
      .filter((l) => !l.startsWith('go: downloading '))
      .join('\n')
      .trim();
    const detail = opts.quiet && why ? `: ${why}` : '';
    throw new UserError(`go ${args[0]} failed with exit code ${res.code}${detail}`);
  }
  return res.stdout;
}

/** True for `main.go`-style arguments: Go builds the listed files as one package. */
export function isFilePackage(pkg: string): boolean {
  return pkg.endsWith('.go');
}
