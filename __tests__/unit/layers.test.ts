import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
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

const SRC = path.join(ROOT, 'src');
const sources = (): string[] =>
  fs
    .readdirSync(SRC, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts'));
const lines = (rel: string): number =>
  fs.readFileSync(path.join(SRC, rel), 'utf8').split('\n').length - 1;

describe('the shape of src/', () => {
  it('reads Inputs in the planner only: every stage is handed its part of the plan', () => {
    const inputsTs = path.join(SRC, 'inputs.ts');
    const readers = sources().filter((f) =>
      [...fs.readFileSync(path.join(SRC, f), 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)].some(
        (m) => path.resolve(SRC, path.dirname(f), m[1]!.replace(/\.js$/, '.ts')) === inputsTs,
      ),
    );
    expect(readers.filter((f) => !f.startsWith(`plan${path.sep}`))).toEqual([]);
  });

  it('keeps the orchestrator short enough to read as the job', () => {
    expect(lines('pipeline.ts')).toBeLessThanOrEqual(120);
  });

  it('has no file over 350 lines', () => {
    expect(sources().filter((f) => lines(f) > 350)).toEqual([]);
  });
});
