import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The GitHub runner's side of a step, spoken as @actions/core speaks it: inputs and state from
 * `INPUT_*` and `STATE_*`, outputs, env, PATH and state appended to the runner's command files
 * (`name<<ghadelimiter_<uuid>` … the delimiter), log lines and workflow commands
 * (`::warning::…`) on stdout with core's escapes, the job summary appended to its file.
 *
 * The action's own, not the library's: @actions/core loads its HTTP client (undici) for the OIDC
 * token we never ask for, which was most of each step's start-up (docs/performance.md). The
 * libraries that still use core (the artifact and cache clients) load it when they are loaded.
 * The log gate (trust/log-text.ts) is the callers'; this is the transport under it.
 */

/** Non-strings as core writes them: JSON, and nothing for null and undefined. */
function commandValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

const escapeData = (s: string): string =>
  s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string): string =>
  escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** Writes `::command key=value,…::message` on stdout. */
function issueCommand(command: string, properties: Record<string, string>, message: unknown): void {
  const props = Object.entries(properties)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${escapeProperty(v)}`)
    .join(',');
  process.stdout.write(
    `::${command}${props ? ` ${props}` : ''}::${escapeData(commandValue(message))}${os.EOL}`,
  );
}

/** Appends one `name<<delimiter` block to the command file `GITHUB_<file>`. */
function appendKeyValue(file: 'OUTPUT' | 'ENV' | 'STATE', name: string, value: unknown): void {
  const target = process.env[`GITHUB_${file}`]!;
  const delimiter = `ghadelimiter_${randomUUID()}`;
  const text = commandValue(value);
  if (name.includes(delimiter) || text.includes(delimiter))
    throw new Error(`Unexpected input: the name or value holds the delimiter "${delimiter}"`);
  appendCommandFile(target, `${name}<<${delimiter}${os.EOL}${text}${os.EOL}${delimiter}`);
}

function appendCommandFile(target: string, line: string): void {
  if (!fs.existsSync(target)) throw new Error(`Missing file at path: ${target}`);
  fs.appendFileSync(target, `${line}${os.EOL}`, { encoding: 'utf8' });
}

export const runner = {
  getInput(name: string): string {
    return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
  },
  getState(name: string): string {
    return process.env[`STATE_${name}`] ?? '';
  },
  setOutput(name: string, value: unknown): void {
    if (process.env.GITHUB_OUTPUT) return appendKeyValue('OUTPUT', name, value);
    process.stdout.write(os.EOL);
    issueCommand('set-output', { name }, value);
  },
  exportVariable(name: string, value: unknown): void {
    process.env[name] = commandValue(value);
    if (process.env.GITHUB_ENV) return appendKeyValue('ENV', name, value);
    issueCommand('set-env', { name }, value);
  },
  addPath(dir: string): void {
    if (process.env.GITHUB_PATH) appendCommandFile(process.env.GITHUB_PATH, dir);
    else issueCommand('add-path', {}, dir);
    process.env.PATH = `${dir}${path.delimiter}${process.env.PATH}`;
  },
  saveState(name: string, value: unknown): void {
    if (process.env.GITHUB_STATE) return appendKeyValue('STATE', name, value);
    issueCommand('save-state', { name }, value);
  },
  setSecret(secret: string): void {
    issueCommand('add-mask', {}, secret);
  },
  info(message: string): void {
    process.stdout.write(`${message}${os.EOL}`);
  },
  debug(message: string): void {
    issueCommand('debug', {}, message);
  },
  notice(message: string): void {
    issueCommand('notice', {}, message);
  },
  warning(message: string): void {
    issueCommand('warning', {}, message);
  },
  error(message: string): void {
    issueCommand('error', {}, message);
  },
  /** Fails the step (exit code 1) with an error annotation. */
  setFailed(message: string): void {
    process.exitCode = 1;
    runner.error(message);
  },
  startGroup(title: string): void {
    issueCommand('group', {}, title);
  },
  endGroup(): void {
    issueCommand('endgroup', {}, '');
  },
  /** Appends Markdown (and a line break) to the job summary; throws when its file is missing. */
  async appendSummary(markdown: string): Promise<void> {
    const file = process.env.GITHUB_STEP_SUMMARY;
    if (!file)
      throw new Error(
        'Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.',
      );
    try {
      await fs.promises.access(file, fs.constants.R_OK | fs.constants.W_OK);
    } catch {
      throw new Error(
        `Unable to access summary file: '${file}'. Check if the file has correct read/write permissions.`,
      );
    }
    await fs.promises.appendFile(file, `${markdown}${os.EOL}`, { encoding: 'utf8' });
  },
};
