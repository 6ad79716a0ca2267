// What the committed bundles carry: the post step only saves caches, so it ships no artifact
// client (about 2.6 MB it would load for nothing).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../test/support/action-harness.js';

function bundleText(entry: string): string {
  const dir = path.join(repoRoot(), 'dist', entry);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .map((f) => readFileSync(path.join(dir, f), 'utf8'))
    .join('\n');
}

describe('the committed bundles', () => {
  it('dist/post holds the cache client and no artifact client', () => {
    const post = bundleText('post');
    expect(post).toContain('@actions/cache');
    expect(post).not.toContain('@actions/artifact');
  });

  it('dist/main holds both (it uploads the slug)', () => {
    const main = bundleText('main');
    expect(main).toContain('@actions/cache');
    expect(main).toContain('@actions/artifact');
  });
});
