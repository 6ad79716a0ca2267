import fs from 'node:fs';
import { UserError } from '../errors.js';
import { run } from '../runtime/exec.js';
import type { Logger } from '../runtime/ports.js';
import { herokuHookFile, type HerokuHook } from '../plan/hook-file.js';

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
