import fs from 'node:fs';
import path from 'node:path';
import { walkTree } from '../fs-tree.js';
import { run } from '../runtime/exec.js';

/**
 * Packs a slug directory as `<dir's parent>/<name>.tar.gz`: entries relative to the slug root
 * (`bin/web`, `Procfile`, …), modes and symlinks as they are, owned by root (what a platform
 * extracts as the app's user). Written beside the target and renamed in, so a failure leaves no
 * half archive.
 */
export async function packSlug(slugDir: string, name: string, gnuTar: boolean): Promise<string> {
  const target = path.join(path.dirname(slugDir), `${name}.tar.gz`);
  const temp = `${target}.tmp-${process.pid}`;
  const entries = fs.readdirSync(slugDir).sort();
  // GNU tar (Linux) can normalise owners and order; BSD tar (macOS) packs as it finds.
  const gnu = gnuTar;
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

/**
 * The regular files under `dir` (what a zip artifact holds), sorted, and the symlinks, left out:
 * the artifact client would follow them, pulling in content from wherever they point.
 */
export async function listFiles(dir: string): Promise<{ files: string[]; links: string[] }> {
  const files: string[] = [];
  const links: string[] = [];
  await walkTree(dir, (p, e) => {
    if (e.isSymbolicLink()) links.push(p);
    else if (e.isFile()) files.push(p);
  });
  return { files: files.sort(), links: links.sort() };
}
