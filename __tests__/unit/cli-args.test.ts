import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli-args.js';
import { keyOf, ROWS } from '../../src/input-table.js';
import { readInputs } from '../../src/inputs.js';
import type { Runtime } from '../../src/runtime/ports.js';

const WS = path.join(fs.realpathSync(os.tmpdir()), `cli-args-${process.pid}`);
beforeAll(() => fs.mkdirSync(WS, { recursive: true }));
afterAll(() => fs.rmSync(WS, { recursive: true, force: true }));

/** The local runtime's part that readInputs uses: the flags as inputs, nothing in env. */
function flagsRuntime(flags: Record<string, string>): Runtime {
  return {
    env: {},
    input: (n: string) => (flags[n] ?? '').trim(),
    workspace: WS,
    host: { platform: 'linux', arch: 'x64' },
    mask: () => undefined,
  } as unknown as Runtime;
}

const yesNo = ROWS.filter((r) => r.kind === 'yes-no').map((r) => r.name);
const valued = ROWS.filter((r) => r.kind !== 'yes-no').map((r) => r.name);

describe('every yes/no input of the table is a bare CLI flag', () => {
  it('finds them', () => {
    expect(yesNo).toEqual(expect.arrayContaining(['smoke-test', 'pack-slug', 'reproducible']));
  });

  it.each(yesNo)('--%s alone means true, and reads as true', (name) => {
    const args = parseArgs([`--${name}`]);
    expect(args.flags[name]).toBe('true');
    expect(args.appDir).toBe('.');
    const row = ROWS.find((r) => r.name === name)!;
    const inputs = readInputs(flagsRuntime(args.flags)) as unknown as Record<string, unknown>;
    expect(inputs[keyOf(row)]).toBe(true);
  });

  it.each(yesNo)('--%s takes a yes/no word after it, and leaves anything else', (name) => {
    expect(parseArgs([`--${name}`, 'no']).flags[name]).toBe('no');
    const app = parseArgs([`--${name}`, 'app/']);
    expect(app.flags[name]).toBe('true');
    expect(app.appDir).toBe('app/');
  });

  it.each(valued)('--%s alone is an error: it needs a value', (name) => {
    expect(() => parseArgs([`--${name}`])).toThrow(`--${name} needs a value`);
  });
});
