/** The CLI's command line: every input of the table as a flag (src/input-table.ts). */
import { parseArgs as parseFlags } from 'node:util';
import { UserError, errorMessage } from './errors.js';
import { ROWS as INPUTS } from './input-table.js';
import { quote } from './trust/log-text.js';

export const OPTIONS = {
  ...Object.fromEntries(INPUTS.map((i) => [i.name, { type: 'string' as const }])),
  output: { type: 'string' as const },
  help: { type: 'boolean' as const, short: 'h' },
};

/** The nearest flag name, for a misspelt one (at most a few edits away). */
function nearest(name: string): string | undefined {
  const distance = (a: string, b: string): number => {
    const d = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      let prev = d[0]!;
      d[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const here = d[j]!;
        d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = here;
      }
    }
    return d[b.length]!;
  };
  let best: { flag: string; d: number } | undefined;
  for (const flag of Object.keys(OPTIONS)) {
    const d = distance(name, flag);
    if (d <= 3 && (!best || d < best.d)) best = { flag, d };
  }
  return best?.flag;
}

const BOOLEAN_WORD = /^(?:true|false|1|0|yes|no)$/i;
const FLAGS = new Set(INPUTS.filter((i) => i.kind === 'yes-no').map((i) => `--${i.name}`));

/**
 * A boolean input's flag may stand alone (`--smoke-test`): it then means true. A value that
 * follows it is its value only when it is a boolean word, so `--smoke-test app/` still reads
 * `app/` as the app directory.
 */
function bareFlags(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const next = argv[i + 1];
    if (FLAGS.has(arg) && (next === undefined || !BOOLEAN_WORD.test(next))) out.push(`${arg}=true`);
    else out.push(arg);
  }
  return out;
}

/** The command line, strictly: an unknown flag is an error before any work. */
export function parseArgs(argv: string[]): {
  appDir: string;
  flags: Record<string, string>;
  output?: string;
  help: boolean;
} {
  let parsed: ReturnType<typeof parseFlags<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseFlags({
      args: bareFlags(argv),
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    const unknown = /Unknown option '(-{1,2})([^']+)'/.exec(errorMessage(err));
    if (unknown) {
      const near = nearest(unknown[2] as string);
      throw new UserError(
        `${quote(`${unknown[1]}${unknown[2]}`)} is not a flag of go-paas-build${near ? `; did you mean --${near}?` : ''} (--help lists them)`,
      );
    }
    const missing = /Option '(--[\w-]+)/.exec(errorMessage(err));
    if (missing) throw new UserError(`${missing[1]} needs a value`);
    throw new UserError(errorMessage(err).split('\n')[0] ?? 'bad command line');
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) {
    throw new UserError(
      `unexpected argument ${quote(positionals[1] as string)}; give one app dir (--help)`,
    );
  }
  const flags: Record<string, string> = {};
  const given = values as Record<string, string | boolean | undefined>;
  for (const i of INPUTS) {
    const v = given[i.name];
    if (typeof v === 'string') flags[i.name] = v;
  }
  return {
    appDir: positionals[0] ?? '.',
    flags,
    output: typeof values.output === 'string' ? values.output : undefined,
    help: values.help === true,
  };
}
