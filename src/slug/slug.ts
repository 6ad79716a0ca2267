import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';
import type { BuiltBinary } from '../build/gomod.js';

export interface Slug {
  dir: string;
  binaries: string[];
  procfile: string;
}

/**
 * Writes the slug: `bin/<name>` (0755) for each binary and the Procfile. It is assembled in a
 * temporary sibling and renamed into place, so a failure never leaves a half-written slug.
 */
export function writeSlug(dir: string, binaries: BuiltBinary[], procfile: string): Slug {
  const parent = path.dirname(dir);
  fs.mkdirSync(parent, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(parent, `.${path.basename(dir)}.tmp-`));
  try {
    fs.mkdirSync(path.join(tmp, 'bin'));
    const placed: string[] = [];
    for (const b of binaries) {
      const dest = path.join(tmp, 'bin', path.basename(b.path));
      if (!fs.existsSync(b.path)) {
        throw new UserError(`Go reported ${b.path} for ${b.package}, but no file is there`);
      }
      fs.copyFileSync(b.path, dest);
      fs.chmodSync(dest, 0o755);
      placed.push(path.join(dir, 'bin', path.basename(b.path)));
    }
    fs.writeFileSync(path.join(tmp, 'Procfile'), procfile);
    fs.chmodSync(tmp, 0o755);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(tmp, dir);
    return { dir, binaries: placed, procfile };
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}
