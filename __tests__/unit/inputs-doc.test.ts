// docs/inputs.md's table "Every input" is generated from the input table (scripts/inputs-doc.ts):
// the committed file must be what the script writes, so a changed row without
// `npm run docs:inputs` fails here (and in CI).
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROWS } from '../../src/input-table.js';
import { END, INPUTS_DOC, START, inputsTable, renderInputsDoc } from '../../scripts/inputs-doc.js';

const committed = fs.readFileSync(INPUTS_DOC, 'utf8');

describe('docs/inputs.md', () => {
  it('is what npm run docs:inputs writes from src/input-table.ts', async () => {
    expect(await renderInputsDoc(committed)).toBe(committed);
  });

  it('lists every input once, with its variable, default and help line', () => {
    const table = committed.slice(committed.indexOf(START), committed.indexOf(END));
    const rows = table.split('\n').filter((l) => /^\| `[a-z0-9-]+` /.test(l));
    expect(rows.map((l) => /^\| `([a-z0-9-]+)`/.exec(l)?.[1])).toEqual(ROWS.map((r) => r.name));
    const row = rows.find((l) => l.startsWith('| `go-version` '));
    expect(row).toMatch(/\| `GOVERSION` +\|/);
    const health = rows.find((l) => l.startsWith('| `health-check-paths` '));
    expect(health).toContain('`CC_HEALTH_CHECK_PATH_0`');
    expect(rows.find((l) => l.startsWith('| `artifact-format` '))).toContain('`tgz`, `zip`');
  });

  it('sees a changed row: the generated text follows the table', async () => {
    const changed = ROWS.map((r) =>
      r.name === 'troubleshoot' ? { ...r, help: 'a help line the table does not have' } : r,
    );
    expect(inputsTable(changed)).toContain('a help line the table does not have');
    expect(await renderInputsDoc(committed, changed)).not.toBe(committed);
  });

  it('keeps help text as text: no Markdown, HTML or cell break of its own', () => {
    const [row] = ROWS;
    const hostile = [{ ...row!, help: 'a | b <b>x</b> *y* [z](u)' }];
    const line = inputsTable(hostile).split('\n')[2] as string;
    expect(line).toContain('a \\| b \\<b\\>x\\</b\\> \\*y\\* \\[z\\](u)');
    expect(line.split(/(?<!\\)\|/).length).toBe(8);
  });
});
