/**
 * Writes the table _Every input_ of docs/inputs.md from the input table (src/input-table.ts):
 * each row's name, variables, default, accepted values and `--help` line, between the markers
 * below; the prose around them is written by hand. `__tests__/unit/inputs-doc.test.ts` fails
 * when the committed file differs from what this writes.
 *
 *   node --import ./scripts/ts-loader.mjs scripts/inputs-doc.ts           (npm run docs:inputs)
 *   node --import ./scripts/ts-loader.mjs scripts/inputs-doc.ts --check   exit 1 when stale
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as prettier from 'prettier';
import { ROWS, type InputRow } from '../src/input-table.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const INPUTS_DOC = path.join(ROOT, 'docs', 'inputs.md');
export const START = '<!-- inputs:start -->';
export const END = '<!-- inputs:end -->';

/** Where the docs say more about an input (links relative to docs/). */
const MORE: Readonly<Record<string, string>> = {
  platform: '[the two platforms](build.md#the-two-platforms)',
  'heroku-app': '[release to Heroku](heroku.md)',
  'heroku-api-url': '[release to Heroku](heroku.md)',
  'heroku-release': '[release to Heroku](heroku.md#what-it-does)',
  'build-tool': '[build methods](build.md#build-methods)',
  package: '[build methods](build.md#build-methods)',
  'install-package-spec': '[build methods](build.md#build-methods)',
  binary: '[build methods](build.md#build-methods)',
  rundir: '[build methods](build.md#build-methods)',
  'run-command': '[the Procfile](slug.md)',
  troubleshoot: '[the go command](build.md#the-go-command)',
  'go-version': '[Go version](go.md#go-version)',
  'go-version-file': '[Go version](go.md#go-version)',
  'check-latest': '[verified install](go.md#verified-install)',
  'go-download-base-url': '[verified install](go.md#verified-install)',
  'go-toolchain-source': '[Go through a module proxy](go.md#go-through-a-module-proxy)',
  architecture: '[verified install](go.md#verified-install)',
  'linker-symbol': '[the go command](build.md#the-go-command)',
  'linker-value': '[the go command](build.md#the-go-command)',
  'build-tags': '[the go command](build.md#the-go-command)',
  'build-flags': '[the go command](build.md#the-go-command)',
  goos: '[the go command](build.md#the-go-command)',
  goarch: '[the go command](build.md#the-go-command)',
  goflags: '[the go command](build.md#the-go-command)',
  goproxy: '[Go through a module proxy](go.md#go-through-a-module-proxy)',
  goprivate: '[Go through a module proxy](go.md#go-through-a-module-proxy)',
  gonoproxy: '[Go through a module proxy](go.md#go-through-a-module-proxy)',
  gonosumdb: '[Go through a module proxy](go.md#go-through-a-module-proxy)',
  'cgo-cflags': '[the go command](build.md#the-go-command)',
  'cgo-cppflags': '[the go command](build.md#the-go-command)',
  'cgo-cxxflags': '[the go command](build.md#the-go-command)',
  'cgo-ldflags': '[the go command](build.md#the-go-command)',
  'pre-build-hook': '[build methods](build.md#build-methods)',
  'post-build-hook': '[build methods](build.md#build-methods)',
  'install-tools-in-image': '[the slug](slug.md)',
  'setup-gopath-in-image': '[the slug](slug.md)',
  cache: '[caches](caches.md)',
  'cache-dependency-path': '[caches](caches.md)',
  'cache-key-suffix': '[caches](caches.md)',
  'app-files': '[the slug](slug.md)',
  upload: '[the artifact](release.md#the-artifact)',
  'artifact-name': '[the artifact](release.md#the-artifact)',
  'artifact-format': '[the artifact](release.md#the-artifact)',
  'pack-slug': '[the artifact](release.md#the-artifact)',
  reproducible: '[the artifact](release.md#the-artifact)',
  sbom: '[SBOM](release.md#sbom)',
  'retention-days': '[the artifact](release.md#the-artifact)',
  'smoke-test': '[deploy check](deploy-check.md)',
  'health-check-paths': '[deploy check](deploy-check.md)',
  'target-glibc': '[deploy check](deploy-check.md)',
};

/** Text from the table shown as text: no Markdown or HTML of its own, no cell break. */
function plain(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);
}

const code = (text: string): string => `\`${text}\``;

function variables(row: InputRow): string {
  if (row.env === undefined) return '—';
  return row.envSeries ? `${code(row.env)}, ${code(`${row.env}_0`)}, \`_1\`, …` : code(row.env);
}

function defaultOf(row: InputRow): string {
  if (row.default !== undefined) return code(row.default);
  if (row.computed !== undefined) return `_${plain(row.computed)}_`;
  return '—';
}

function accepts(row: InputRow): string {
  switch (row.kind) {
    case 'one-of':
      return (row.values ?? []).map(code).join(', ');
    case 'yes-no':
      return '`true`, `false`, `1`, `0`, `yes`, `no`';
    case 'number':
      return 'a whole number';
    case 'list':
      return 'a list';
    case 'string':
      return 'text';
    case 'custom':
      return 'text, checked';
  }
}

/** The generated table, one row per input in the table's order. */
export function inputsTable(rows: readonly InputRow[] = ROWS): string {
  const lines = [
    '| input | variable | default | accepts | what it does | more |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (row) =>
        `| ${code(row.name)} | ${variables(row)} | ${defaultOf(row)} | ${accepts(row)} | ${plain(row.help)} | ${MORE[row.name] ?? ''} |`,
    ),
  ];
  return lines.join('\n');
}

/** `doc` with the text between the markers replaced by the generated table, formatted. */
export async function renderInputsDoc(doc: string, rows: readonly InputRow[] = ROWS) {
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) {
    throw new Error(`docs/inputs.md: no ${START} … ${END} markers`);
  }
  const generated = [
    START,
    '',
    '<!-- Generated by `npm run docs:inputs` from src/input-table.ts: edit the table, not this. -->',
    '',
    inputsTable(rows),
    '',
    END,
  ].join('\n');
  const text = doc.slice(0, start) + generated + doc.slice(end + END.length);
  const options = (await prettier.resolveConfig(INPUTS_DOC)) ?? {};
  return prettier.format(text, { ...options, filepath: INPUTS_DOC });
}

async function main(): Promise<void> {
  const current = fs.readFileSync(INPUTS_DOC, 'utf8');
  const next = await renderInputsDoc(current);
  if (process.argv.includes('--check')) {
    if (next !== current) {
      console.error('docs/inputs.md is not what src/input-table.ts gives: npm run docs:inputs');
      process.exit(1);
    }
    return;
  }
  if (next !== current) fs.writeFileSync(INPUTS_DOC, next);
  console.log(next === current ? 'docs/inputs.md is up to date' : 'docs/inputs.md written');
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await main();
}
