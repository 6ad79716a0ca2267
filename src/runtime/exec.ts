import { spawn } from 'node:child_process';
import type { Logger } from './ports.js';

export interface ExecOptions {
  cwd: string;
  env: Record<string, string | undefined>;
  /** Log `Running: cmd args…` before running (build commands, so users can reproduce them). */
  logCommand?: Logger;
  /** Stream the command's output to our stdout/stderr (default) or only capture it. */
  quiet?: boolean;
  /** Feed this to stdin; stdin is closed otherwise. */
  input?: string;
}

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Quotes an argument for display only: commands are never run through a shell. */
export function displayArg(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function displayCommand(cmd: string, args: readonly string[]): string {
  return [cmd, ...args].map(displayArg).join(' ');
}

/** Runs `cmd` with an argument array (no shell), capturing its output. Never throws on exit code. */
export function run(cmd: string, args: readonly string[], opts: ExecOptions): Promise<ExecResult> {
  opts.logCommand?.info(`Running: ${displayCommand(cmd, args)}`);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: opts.env as NodeJS.ProcessEnv,
      stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (b: Buffer) => {
      out.push(b);
      if (!opts.quiet) process.stdout.write(b);
    });
    child.stderr?.on('data', (b: Buffer) => {
      err.push(b);
      if (!opts.quiet) process.stderr.write(b);
    });
    if (opts.input !== undefined) child.stdin?.end(opts.input);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      resolve({
        code: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}
