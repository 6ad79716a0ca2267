import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';
import type { BuildInputs } from './job.js';
import { run } from '../runtime/exec.js';
import type { Logger } from '../runtime/ports.js';
import { quote, show } from '../trust/log-text.js';
import { confine, realRoot } from '../trust/paths.js';
import type { GoEnv } from './go-env.js';
import type { BuildResult } from './targets.js';

/** The makefile method: `make` (default target) in the app dir, then `binary` must be executable. */
export async function buildMakefile(
  inputs: BuildInputs,
  genv: GoEnv,
  log: Logger,
): Promise<BuildResult> {
  const binary = inputs.binary as string;
  // make runs the Makefile's shell: its output passes as it is, like a `run:` step's.
  const res = await run('make', [], {
    cwd: inputs.appDir,
    env: genv.env,
    logCommand: log,
    raw: true,
  });
  if (res.code !== 0) throw new UserError(`make failed with exit code ${res.code}`);
  // What make left there may be a symlink: it is shipped only if it stays inside the app.
  const abs = confine(realRoot(inputs.appDir, 'the app directory'), binary, {
    label: 'binary',
    accepted: 'the binary must be a file of the app',
  });
  let st: fs.Stats;
  try {
    st = fs.statSync(abs);
  } catch {
    throw new UserError(
      `binary: make succeeded but did not create ${quote(binary)} (${show(abs)}); fix the Makefile or the binary (CC_GO_BINARY) path`,
    );
  }
  if (!st.isFile() || (st.mode & 0o111) === 0) {
    throw new UserError(
      `binary: ${quote(binary)} (${show(abs)}) is not an executable file after make`,
    );
  }
  // Named as the user named it, even when make left a symlink to a versioned file.
  const name = path.basename(path.resolve(inputs.appDir, binary));
  return { packages: [], binaries: [{ package: 'make', path: abs, name }], processNames: [name] };
}
