import fs from 'node:fs';
import path from 'node:path';
import { confine, realRoot } from '../trust/paths.js';

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
