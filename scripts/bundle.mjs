// Bundles the three entry points with ncc into <out>/{main,post,cli}/index.js.
// Usage: node scripts/bundle.mjs [out]   (default: dist)
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.resolve(process.argv[2] ?? path.join(root, 'dist'));
const ncc = path.join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');

for (const entry of ['main', 'post', 'cli']) {
  const dir = path.join(out, entry);
  rmSync(dir, { recursive: true, force: true });
  execFileSync(
    process.execPath,
    [
      ncc,
      'build',
      path.join(root, 'src', `${entry}.ts`),
      '-o',
      dir,
      '--license',
      'licenses.txt',
      '-q',
    ],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
}
