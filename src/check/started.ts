import os from 'node:os';
import { StringDecoder } from 'node:string_decoder';
import type { Logger } from '../runtime/ports.js';
import { quote, show } from '../trust/log-text.js';
import type { Kept } from './keeper.js';

const TAIL_LINES = 20;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Ending {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** `exit 3` → code 3; `signal 11` → SIGSEGV: the supervisor's report of how the process ended. */
export function parseEnding(line: string): Ending | undefined {
  const m = /^(exit|signal) (\d{1,3})$/.exec(line);
  if (!m) return undefined;
  const n = Number(m[2]);
  if (m[1] === 'exit') return { code: n, signal: null };
  const name = Object.entries(os.constants.signals).find(([, v]) => v === n)?.[0];
  return { code: null, signal: (name ?? `SIG${n}`) as NodeJS.Signals };
}

/** One process the smoke test started: its output (logged, and its last lines kept) and its end. */
export class Started {
  readonly startedAt = Date.now();
  /** The pid the keeper started: the supervisor, or the process itself. */
  readonly root: number;
  exit?: Ending;
  /** How the supervisor ended, when it did before the stop. */
  supervisorExit?: Ending;
  /** Set when the stop begins: from then on, supervisors end as they should. */
  stopping = false;
  private readonly tail: string[] = [];
  /** Its output ends (or a grandchild keeps it open: then not long after the exit). */
  private readonly closed: Promise<void>;
  private readonly flushes: (() => void)[] = [];

  constructor(
    readonly name: string,
    readonly command: string,
    kept: Kept,
    private readonly log: Logger,
  ) {
    const { child, status } = kept;
    this.root = child.pid ?? -1;
    for (const stream of [kept.stdout, kept.stderr]) {
      this.flushes.push(lines(stream, (line) => this.line(line)));
    }
    // Supervised, the process's end is what the supervisor reports; the supervisor itself stays
    // until the stop, unless something killed it first.
    status?.on('error', () => undefined);
    if (status) {
      lines(status, (line) => {
        this.exit ??= parseEnding(line);
      });
    }
    child.on('exit', (code, signal) => {
      if (status && !this.stopping) this.supervisorExit = { code, signal };
      this.exit ??= { code, signal };
    });
    child.on('error', (err) => {
      this.exit ??= { code: 127, signal: null };
      this.line(String(err));
    });
    // Both pipes closed: every process that held them is gone (or closed them).
    this.closed = Promise.all(
      [kept.stdout, kept.stderr].map((st) => new Promise((resolve) => st.on('close', resolve))),
    ).then(() => undefined);
  }

  private line(line: string): void {
    this.tail.push(line);
    if (this.tail.length > TAIL_LINES) this.tail.shift();
    // The app's output: every line made inert by the logger.
    this.log.info(`${this.name} | ${line}`);
  }

  /** Logs what is left of a line without its line break. */
  flush(): void {
    for (const f of this.flushes) f();
  }

  /** Its last words: what it printed up to its exit, given a moment to arrive. */
  async settled(): Promise<void> {
    await Promise.race([this.closed, sleep(500)]);
    this.flush();
  }

  /** `the web process (bin/app)`, `the CC_PRE_RUN_HOOK hook ("./pre.sh x")` */
  get what(): string {
    return `the ${this.name} ${this.name.startsWith('CC_') ? 'hook' : 'process'} (${show(this.command)})`;
  }

  /** `exited with code 3`, `was killed by SIGSEGV` */
  get ending(): string {
    if (!this.exit) return 'is running';
    return this.exit.signal
      ? `was killed by ${this.exit.signal}`
      : `exited with code ${this.exit.code ?? '?'}`;
  }

  /** `; last output: "…"` (its end, on one line), or that it printed nothing. */
  get lastOutput(): string {
    const lines = this.tail.filter((l) => l.trim() !== '').slice(-5);
    if (lines.length === 0) return '; it printed nothing';
    let text = lines.join('\n');
    if (text.length > 190) text = `…${text.slice(-189)}`;
    return `; last output: ${quote(text)}`;
  }
}

/**
 * Calls `each` with every line of a stream, decoded on its own (a UTF-8 character or a line split
 * across reads stays whole); returns the flush of a last line without its line break.
 */
function lines(stream: NodeJS.ReadableStream, each: (line: string) => void): () => void {
  const decoder = new StringDecoder('utf8');
  let partial = '';
  stream.on('data', (b: Buffer) => {
    const parts = (partial + decoder.write(b)).split(/\r?\n|\r/);
    partial = parts.pop() ?? '';
    for (const line of parts) each(line);
  });
  return () => {
    const rest = partial + decoder.end();
    partial = '';
    if (rest !== '') each(rest);
  };
}
