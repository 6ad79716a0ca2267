// Rebuilds the bundles into a temporary dir and fails if they differ from the committed dist/.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'go-paas-build-dist-'));

function files(dir, base = dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? files(p, base) : [path.relative(base, p)];
  });
}

try {
  try {
    execFileSync(process.execPath, [path.join(root, 'scripts', 'bundle.mjs'), tmp], {
      stdio: 'inherit',
    });
  } catch {
    // bundle.mjs said why on stderr.
    rmSync(tmp, { recursive: true, force: true });
    process.exit(1);
  }
  const built = new Set(files(tmp));
  const committed = new Set(files(path.join(root, 'dist')));
  const problems = [];
  for (const f of built) {
    if (!committed.has(f)) problems.push(`missing from dist/: ${f}`);
    else if (!readFileSync(path.join(tmp, f)).equals(readFileSync(path.join(root, 'dist', f)))) {
      problems.push(`differs: dist/${f}`);
    }
  }
  for (const f of committed) if (!built.has(f)) problems.push(`not built any more: dist/${f}`);
  if (problems.length) {
    console.error(
      `dist/ is not what the sources build; run npm run bundle and commit:\n  ${problems.join('\n  ')}`,
    );
    process.exitCode = 1;
  } else {
    console.log('dist/ matches the sources');
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
