import fs from 'node:fs';
import path from 'node:path';
import { run } from '../runtime/exec.js';

/**
 * Packs a slug directory as `<dir's parent>/<name>.tar.gz`: entries relative to the slug root
 * (`bin/web`, `Procfile`, …), modes and symlinks as they are, owned by root (what a platform
 * extracts as the app's user). Written beside the target and renamed in, so a failure leaves no
 * half archive.
 */
export async function packSlug(slugDir: string, name: string): Promise<string> {
  const target = path.join(path.dirname(slugDir), `${name}.tar.gz`);
  const temp = `${target}.tmp-${process.pid}`;
  const entries = fs.readdirSync(slugDir).sort();
  const gnu = process.platform === 'linux';
  const args = [
    '-czf',
    temp,
    ...(gnu ? ['--owner=0', '--group=0', '--numeric-owner', '--sort=name'] : []),
    '-C',
    slugDir,
    '--',
    ...entries,
  ];
  try {
    const res = await run('tar', args, { cwd: slugDir, env: process.env, quiet: true });
    if (res.code !== 0) throw new Error(`tar exited with ${res.code}: ${res.stderr.trim()}`);
    fs.renameSync(temp, target);
  } finally {
    fs.rmSync(temp, { force: true });
  }
  return target;
}

/** Every regular file and symlink under `dir`, as absolute paths (what a zip artifact holds). */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}
