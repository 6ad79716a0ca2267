#!/usr/bin/env node
import path from 'node:path';
import { UserError, errorMessage } from './errors.js';
import { runPipeline } from './pipeline.js';
import { localRuntime } from './runtime/local.js';
import { neutralise, quote } from './trust/log-text.js';

const USAGE = `usage: go-paas-build [app-dir] [--output DIR] [--<input> VALUE ...]

Builds the Go app in app-dir (default: .) the way the Clever Cloud Go runtime / Heroku Go
buildpack would, and writes the slug (the app's files, bin/, Procfile) to <app-dir>/slug or
--output DIR.
Every input of action.yml is a --kebab-case flag (e.g. --go-version 1.24, --platform heroku);
the documented variables (GOVERSION, CC_GO_BUILD_TOOL, …) are read from the environment too.`;

/** `--name value`, `--name=value` and one positional app dir. */
export function parseArgs(argv: string[]): {
  appDir: string;
  flags: Record<string, string>;
  output?: string;
  help: boolean;
} {
  const flags: Record<string, string> = {};
  let appDir: string | undefined;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '-h' || a === '--help') {
      help = true;
    } else if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new UserError(`--${name} needs a value`);
      flags[name] = value;
    } else if (appDir === undefined) {
      appDir = a;
    } else {
      throw new UserError(`unexpected argument ${quote(a)}; give one app dir`);
    }
  }
  const output = flags.output;
  delete flags.output;
  return { appDir: appDir ?? '.', flags, output, help };
}

async function cli(): Promise<number> {
  try {
    const args = parseArgs(process.argv.slice(2));
    if (args.help) {
      console.log(USAGE);
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
