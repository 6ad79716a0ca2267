import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** The cycles `scripts/layers.mjs` finds between the top-level parts of src/ (folders, top files). */
function cyclesNow(): string[][] {
  const out = execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'layers.mjs')], {
    encoding: 'utf8',
  });
  return out
    .split('\n')
    .filter((l) => l.startsWith('cycle: '))
    .map((l) => l.slice('cycle: '.length).split(', '));
}

describe('the layers of src/', () => {
  it('point down: no import cycle between its folders and top-level files', () => {
    // Stages own their types and take their part of the plan; the plan and the input table import
    // them, never the other way round.
    expect(cyclesNow()).toEqual([]);
  });
});
