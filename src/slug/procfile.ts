import { UserError } from '../errors.js';
import { quote } from '../trust/log-text.js';

export interface ProcfileEntry {
  name: string;
  command: string;
}

const NAME = /^[A-Za-z0-9_-]+$/;

/** Validates an app's own Procfile (each non-blank line `name: command`). */
export function parseProcfile(text: string, where = 'Procfile'): ProcfileEntry[] {
  const entries: ProcfileEntry[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    const name = m?.[1]?.trim() ?? '';
    if (!m || !NAME.test(name) || (m[2] ?? '').trim() === '') {
      throw new UserError(
        `${where}:${i + 1}: ${quote(line)} is not a process line; use "name: command" with a name of letters, digits, _ or -`,
      );
    }
    entries.push({ name, command: (m[2] ?? '').trim() });
  });
  return entries;
}

export function formatProcfile(entries: ProcfileEntry[]): string {
  return entries.map((e) => `${e.name}: ${e.command}\n`).join('');
}

/**
 * The default Procfile (SPEC §5 rules 2–3): `run-command` becomes the web process; otherwise one
 * main package is `web: bin/<name>` and several are `<name>: bin/<name>` each (Heroku's process
 * types, where a package named `web` is the web process).
 */
export function defaultProcfile(opts: {
  runCommand?: string;
  binaryNames: string[];
}): ProcfileEntry[] {
  if (opts.runCommand) return [{ name: 'web', command: opts.runCommand }];
  const names = [...new Set(opts.binaryNames)];
  if (names.length === 1) return [{ name: 'web', command: `bin/${names[0]}` }];
  return names.map((n) => ({ name: n, command: `bin/${n}` }));
}

/** The binary the web process runs, if it runs one of ours. */
export function webBinary(entries: ProcfileEntry[], binaryNames: string[]): string | undefined {
  const web = entries.find((e) => e.name === 'web');
  if (!web) return undefined;
  const first = web.command.split(/\s+/)[0] ?? '';
  const base = first.replace(/^(\.\/)?bin\//, '');
  return binaryNames.includes(base) ? base : undefined;
}
