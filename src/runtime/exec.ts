import { spawn } from 'node:child_process';
import { LineGuard } from '../trust/log-text.js';
import type { Logger } from './ports.js';

export interface ExecOptions {
  cwd: string;
  env: Record<string, string | undefined>;
  /** Log `Running: cmd args…` before running (build commands, so users can reproduce them). */
  logCommand?: Logger;
  /**
   * Stream the command's output to our stdout/stderr (default) or only capture it (`true`), or
   * capture stdout and still stream stderr (`'stdout'`: a go list whose progress shows).
   */
  quiet?: boolean | 'stdout';
  /** Feed this to stdin; stdin is closed otherwise. */
  input?: string;
  /**
   * Pass the output through as it comes (hooks and make: shell by design, like a `run:` step,
   * free to print workflow commands). By default each streamed line is made inert first: the go
   * command echoes package paths, file names and source text that a pull request controls.
   */
  raw?: boolean;
}

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Quotes an argument for display only (commands are never run through a shell), the way bash
 * would read it back: `'…'`, or `$'…'` with escapes when it holds a control character or the
 * `##[` of a legacy workflow command, so that a value cannot start a line or a command.
 */
export function displayArg(arg: string): string {
  if (/^[\w@%+=:,./-]+$/.test(arg) && !arg.startsWith('::')) return arg;
  if (!/[\p{Cc}\u2028\u2029]|##\[/u.test(arg)) return `'${arg.replace(/'/g, `'\\''`)}'`;
  const body = [...arg]
    .map((c, i, all) => {
      if (c === '\\' || c === "'") return `\\${c}`;
      if (c === '\n') return '\\n';
      if (c === '\r') return '\\r';
      if (c === '\t') return '\\t';
      if (c === '#' && all[i + 1] === '#' && all[i + 2] === '[') return '\\x23';
      const code = c.codePointAt(0) as number;
      if (code < 0x20 || code === 0x7f) return `\\x${code.toString(16).padStart(2, '0')}`;
      if ((code >= 0x80 && code <= 0x9f) || code === 0x2028 || code === 0x2029)
        return `\\u${code.toString(16).padStart(4, '0')}`;
      return c;
    })
    .join('');
  return `$'${body}'`;
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
    const echo = (stream: NodeJS.WriteStream) => {
      if (opts.quiet === true || (opts.quiet === 'stdout' && stream === process.stdout)) {
        return undefined;
      }
      if (opts.raw) return { push: (b: Buffer) => void stream.write(b), end: () => undefined };
      return new LineGuard((text) => void stream.write(text));
    };
    const echoOut = echo(process.stdout);
    const echoErr = echo(process.stderr);
    child.stdout?.on('data', (b: Buffer) => {
      out.push(b);
      echoOut?.push(b);
    });
    child.stderr?.on('data', (b: Buffer) => {
      err.push(b);
      echoErr?.push(b);
    });
    if (opts.input !== undefined) child.stdin?.end(opts.input);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      echoOut?.end();
      echoErr?.end();
      resolve({
        code: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}
