import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';
import { run } from '../runtime/exec.js';
import type { Logger } from '../runtime/ports.js';
import { confine, realRoot } from '../trust/paths.js';

/**
 * Runs a hook with bash in the app dir: an inline command, or the path of an executable script
 * (bash runs it as a command, so a script that is not executable fails as it does on the
 * platform). Hooks are the one place where user text is shell, by design.
 */
export async function runHook(
  label: string,
  command: string,
  appDir: string,
  env: Record<string, string | undefined>,
  log: Logger,
): Promise<void> {
  log.info(`Running ${label}: ${command}`);
  const res = await run('bash', ['-c', command], {
    cwd: appDir,
    env: { ...env, GIT_DIR: undefined },
    raw: true,
  });
  if (res.code !== 0) {
    throw new UserError(`${label} failed with exit code ${res.code}`);
  }
}

export type HerokuHook = 'go-pre-compile' | 'go-post-compile';

/**
 * The real path of `bin/<name>` when the app has it. It is made executable and run, so a
 * symlink that leads out of the app (chmod would change the file it points to) is refused.
 */
export function herokuHookFile(appDir: string, name: HerokuHook): string | undefined {
  const rel = path.join('bin', name);
  try {
    fs.lstatSync(path.join(appDir, rel));
  } catch {
    return undefined;
  }
  const real = confine(realRoot(appDir, 'the app directory'), rel, {
    label: `bin/${name}`,
    accepted: 'make the hook a file of the app',
  });
  return fs.existsSync(real) ? real : undefined;
}

/**
 * Heroku's `bin/go-pre-compile` / `bin/go-post-compile`, made executable and run when present.
 * True when it ran.
 */
export async function runHerokuHook(
  name: HerokuHook,
  appDir: string,
  env: Record<string, string | undefined>,
  log: Logger,
): Promise<boolean> {
  const file = herokuHookFile(appDir, name);
  if (file === undefined) return false;
  fs.chmodSync(file, fs.statSync(file).mode | 0o111);
  log.info(`Running bin/${name}`);
  const res = await run(file, [], { cwd: appDir, env: { ...env, GIT_DIR: undefined }, raw: true });
  if (res.code !== 0) throw new UserError(`bin/${name} failed with exit code ${res.code}`);
  return true;
}
