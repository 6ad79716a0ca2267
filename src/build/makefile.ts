import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';
import type { Inputs } from '../inputs.js';
import { run } from '../runtime/exec.js';
import type { Logger } from '../runtime/ports.js';
import type { GoEnv } from './go-env.js';
import type { BuildResult } from './targets.js';

/** The makefile method: `make` (default target) in the app dir, then `binary` must be executable. */
export async function buildMakefile(
  inputs: Inputs,
  genv: GoEnv,
  log: Logger,
): Promise<BuildResult> {
  const binary = inputs.binary as string;
  const res = await run('make', [], { cwd: inputs.appDir, env: genv.env, logCommand: log });
  if (res.code !== 0) throw new UserError(`make failed with exit code ${res.code}`);
  const abs = path.resolve(inputs.appDir, binary);
  let st: fs.Stats;
  try {
    st = fs.statSync(abs);
  } catch {
    throw new UserError(
      `binary: make succeeded but did not create ${binary} (${abs}); fix the Makefile or the binary (CC_GO_BINARY) path`,
    );
  }
  if (!st.isFile() || (st.mode & 0o111) === 0) {
    throw new UserError(`binary: ${binary} (${abs}) is not an executable file after make`);
  }
  const name = path.basename(abs);
  return { packages: [], binaries: [{ package: 'make', path: abs, name }], processNames: [name] };
}
