#!/usr/bin/env node
import path from 'node:path';
import { parseArgs } from './cli-args.js';
import { UserError, errorMessage } from './errors.js';
import { ROWS as INPUTS } from './input-table.js';
import { runPipeline } from './pipeline.js';
import { localRuntime } from './adapters/local.js';
import { neutralise } from './trust/log-text.js';

/** `go-paas-build --help`: every input of action.yml as a flag, with the variable it falls back to. */
function usage(): string {
  const width = Math.max(...INPUTS.map((i) => i.name.length)) + 2;
  const flags = INPUTS.map(
    (i) => `  --${i.name.padEnd(width)}${i.help}${i.env ? ` (or ${i.env})` : ''}`,
  );
  return [
    'usage: go-paas-build [app-dir] [--output DIR] [--<input> VALUE ...]',
    '',
    'Builds the Go app in app-dir (default: .) the way the Clever Cloud Go runtime / Heroku Go',
    "buildpack would, and writes the slug (the app's files, bin/, Procfile) to <app-dir>/slug or",
    '--output DIR. A go on PATH that satisfies the version is used; otherwise Go is installed from',
    '--go-download-base-url into $XDG_CACHE_HOME/go-paas-build.',
    '',
    'Flags (the inputs of action.yml; the variable in parentheses is read when the flag is not given;',
    'a yes/no flag alone means yes, e.g. --smoke-test):',
    `  --${'output'.padEnd(width)}where the slug goes (default <app-dir>/slug)`,
    ...flags,
    `  --${'help'.padEnd(width)}this text`,
  ].join('\n');
}

async function cli(): Promise<number> {
  try {
    const args = parseArgs(process.argv.slice(2));
    if (args.help) {
      console.log(usage());
      return 0;
    }
    const appDir = path.resolve(args.appDir);
    const rt = localRuntime({
      flags: args.flags,
      workspace: appDir,
      output: args.output ? path.resolve(args.output) : undefined,
    });
    const result = await runPipeline(rt);
    console.log('');
    for (const [k, v] of Object.entries(rt.outputs)) {
      console.log(
        neutralise(`${k}: ${v.includes('\n') ? `\n${v.trimEnd().replace(/^/gm, '  ')}` : v}`),
      );
    }
    console.log(neutralise(`\nSlug: ${result.slugDir}`));
    return 0;
  } catch (err) {
    console.error(neutralise(`error: ${errorMessage(err)}`));
    if (!(err instanceof UserError) && err instanceof Error && process.env.GO_PAAS_BUILD_DEBUG) {
      console.error(err.stack);
    }
    return 1;
  }
}

process.exitCode = await cli();
