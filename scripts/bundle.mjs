// Bundles the three entry points with ncc into <out>/{main,post,cli}/index.js.
// Usage: node scripts/bundle.mjs [out]   (default: dist)
import { execFileSync } from 'node:child_process';
import { realpathSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.resolve(process.argv[2] ?? path.join(root, 'dist'));
const ncc = path.join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');

// ncc names modules and chunks by their real paths: with node_modules a symlink to another
// checkout's, the bundles differ from what a clone with its own node_modules builds (CI's).
const modules = path.join(root, 'node_modules');
let real;
try {
  real = realpathSync(modules);
} catch {
  real = modules;
}
if (real !== path.join(realpathSync(root), 'node_modules')) {
  console.error(
    `bundle: node_modules is a link to ${real}; the bundles name modules by their real paths, so they would differ from a clone's: run npm ci here`,
  );
  process.exit(1);
}

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
