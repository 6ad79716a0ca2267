import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { liveProcesses, processesOf, type ProcStat } from './procfs.js';

/**
 * Where the smoke test's processes are kept, so that nothing they start outlives the step
 * (SECURITY.md). A process can leave its process group and session (`setsid`) and drop its
 * environment (`env -i`); what it cannot leave is its PID namespace, nor the subtree of a
 * subreaper. So each process of the Procfile is started under a small supervisor (perl, on every
 * Debian and Ubuntu) that reports how the process ended and stays until the stop:
 *
 * - `namespace`: the supervisor is PID 1 of a PID namespace of its own (util-linux `unshare`, as
 *   root or through a user namespace that maps the runner's user to itself). Killing it kills
 *   every process of the namespace at once, and nothing inside can see or signal it.
 * - `subreaper`: where namespaces are refused (GitHub's Ubuntu 24.04 images restrict user
 *   namespaces through AppArmor; containers without CAP_SYS_ADMIN), the supervisor is a child
 *   subreaper (`prctl(PR_SET_CHILD_SUBREAPER)`): a process whose parent dies is adopted by it, so
 *   every process started stays below it and is found by walking parent links.
 * - `groups`: without perl, the process group and session of each process, and a variable in its
 *   environment; a process that leaves all three is not found.
 */
export type KeepKind = 'namespace' | 'subreaper' | 'groups';

export const KEEP_DESCRIPTION: Record<KeepKind, string> = {
  namespace: 'a PID namespace of their own',
  subreaper: 'the subtree of a subreaper',
  groups: 'their process groups and sessions',
};

/**
 * The supervisor. Arguments: the prctl syscall number (0: none, in a namespace, where PID 1
 * adopts orphans anyway), then the command. It gets the app's stdout and stderr on fds 4 and 5
 * and gives them to the command alone (so the pipes end when the app's processes close them,
 * not when `unshare` or the supervisor exit), and writes on fd 3 `ready`, then `exit N` or
 * `signal N` when the command ends; it keeps reaping the orphans it adopts until it is killed.
 */
const SUPERVISOR = `use strict; use POSIX ();
my $nr = shift @ARGV;
open(my $st, '>&=', 3) or POSIX::_exit(125);
$st->autoflush(1);
if ($nr) { syscall($nr + 0, 36, 1, 0, 0, 0) == 0 or POSIX::_exit(126); }
print $st "ready\\n";
my $pid = fork();
POSIX::_exit(125) unless defined $pid;
if ($pid == 0) {
  POSIX::dup2(4, 1); POSIX::dup2(5, 2); POSIX::close($_) for 3, 4, 5;
  POSIX::setsid(); exec { $ARGV[0] } @ARGV; POSIX::_exit(127);
}
POSIX::close($_) for 4, 5;
for (;;) {
  my $w = waitpid(-1, 0);
  if ($pid && $w == $pid) {
    my $s = $?;
    print $st (($s & 127) ? 'signal ' . ($s & 127) : 'exit ' . ($s >> 8)), "\\n";
    close $st; $pid = 0;
  } elsif ($w < 0) { sleep 1; }
}`;

/** prctl's system call number, by Node's architecture name (Linux's syscall tables). */
const PRCTL: Readonly<Record<string, number>> = {
  x64: 157,
  arm64: 167,
  riscv64: 167,
  loong64: 167,
  arm: 172,
  ia32: 172,
  s390x: 172,
  ppc64: 171,
};

/** An executable of that name in one of PATH's absolute directories. */
function onPath(name: string, pathVar: string | undefined): string | undefined {
  for (const dir of (pathVar ?? '').split(':')) {
    if (!path.isAbsolute(dir)) continue;
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (fs.statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Whether a command runs and exits 0 within a few seconds. */
function works(cmd: string, args: string[]): boolean {
  const r = spawnSync(cmd, args, { stdio: 'ignore', timeout: 5_000 });
  return r.status === 0;
}

interface How {
  kind: KeepKind;
  /** The command and arguments that come before `bash -c …`. */
  prefix: string[];
}

/**
 * The strongest way this machine allows, tried in order: a PID namespace (as root directly, or
 * through a user namespace mapping the user to itself), a subreaper, process groups.
 */
export function chooseKeeping(
  pathVar: string | undefined,
  arch: string = process.arch,
  euid: number = process.geteuid?.() ?? -1,
): How {
  const perl = onPath('perl', pathVar);
  if (!perl) return { kind: 'groups', prefix: [] };
  const unshare = onPath('unshare', pathVar);
  if (unshare) {
    const flags = ['--pid', '--fork', '--kill-child'];
    const tries = euid === 0 ? [flags] : [];
    tries.push([...flags, '--user', '--map-current-user']);
    for (const f of tries) {
      if (works(unshare, [...f, '--', perl, '-e', 'exit 0'])) {
        return { kind: 'namespace', prefix: [unshare, ...f, '--', perl, '-e', SUPERVISOR, '0'] };
      }
    }
  }
  const nr = PRCTL[arch];
  if (
    nr !== undefined &&
    works(perl, ['-e', `exit(syscall(${nr}, 36, 1, 0, 0, 0) == 0 ? 0 : 1)`])
  ) {
    return { kind: 'subreaper', prefix: [perl, '-e', SUPERVISOR, String(nr)] };
  }
  return { kind: 'groups', prefix: [] };
}

export interface Kept {
  child: ChildProcess;
  /** The app's output. */
  stdout: Readable;
  stderr: Readable;
  /** The supervisor's reports (`ready`, `exit N`, `signal N`); absent in `groups`. */
  status?: Readable;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // gone meanwhile
  }
}

/** Starts the smoke test's processes the chosen way, finds them, and stops them all. */
export class Keeper {
  /** The pids this started: supervisors, or the processes themselves in `groups`. */
  private readonly roots = new Set<number>();

  constructor(
    private readonly how: How,
    /** `NAME=value` in every process's environment: `groups` finds a session leaver by it. */
    private readonly marker: string,
  ) {}

  get kind(): KeepKind {
    return this.how.kind;
  }

  start(args: string[], opts: { cwd: string; env: Record<string, string> }): Kept {
    const [cmd, ...rest] = [...this.how.prefix, ...args];
    // A session of its own, away from the runner's: a signal to the step's group misses it.
    if (this.how.kind === 'groups') {
      const child = spawn(cmd!, rest, {
        ...opts,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      if (child.pid !== undefined) this.roots.add(child.pid);
      return { child, stdout: child.stdout!, stderr: child.stderr! };
    }
    const child = spawn(cmd!, rest, {
      ...opts,
      stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
      detached: true,
    });
    if (child.pid !== undefined) this.roots.add(child.pid);
    const [status, stdout, stderr] = [3, 4, 5].map((fd) => child.stdio[fd] as Readable);
    return { child, stdout: stdout!, stderr: stderr!, status };
  }

  /** The supervisors: the roots, and in a namespace its PID 1 (the only child of `unshare`). */
  private supervisors(table: ProcStat[]): Set<number> {
    const out = new Set(this.roots);
    if (this.how.kind === 'namespace') {
      for (const p of table) if (this.roots.has(p.ppid)) out.add(p.pid);
    }
    return out;
  }

  /**
   * The live processes of the app below `root`, supervisors left out; with no root, every
   * process below every root and every process carrying the marker, which finds what a process
   * that killed its supervisor (as the same user, it can) took out of the subtree, unless it also
   * cleared its environment.
   */
  processes(root?: number): ProcStat[] {
    if (this.how.kind === 'groups') {
      // The marker finds a session leaver, but not whose it is.
      return root === undefined
        ? processesOf(this.roots, this.marker)
        : processesOf(new Set([root]));
    }
    if (root !== undefined) return this.below([root]);
    const below = this.below([...this.roots]);
    const known = new Set([...below.map((p) => p.pid), ...this.supervisors(liveProcesses())]);
    return [...below, ...processesOf(new Set(), this.marker).filter((p) => !known.has(p.pid))];
  }

  /** The live processes below `roots`, found by their parent links, supervisors left out. */
  private below(roots: number[]): ProcStat[] {
    const table = liveProcesses();
    const sup = this.supervisors(table);
    const children = new Map<number, ProcStat[]>();
    for (const p of table) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
    const out: ProcStat[] = [];
    const queue = [...roots];
    const seen = new Set<number>();
    while (queue.length > 0) {
      const pid = queue.shift()!;
      for (const c of children.get(pid) ?? []) {
        if (seen.has(c.pid)) continue;
        seen.add(c.pid);
        if (!sup.has(c.pid)) out.push(c);
        queue.push(c.pid);
      }
    }
    return out;
  }

  /** SIGKILL to everything, at once: for a cancelled job and for the end of the stop. */
  killNow(): void {
    if (this.how.kind === 'namespace') {
      // PID 1 of a namespace dying takes every process of the namespace with it.
      for (const pid of this.supervisors(liveProcesses())) signal(pid, 'SIGKILL');
      return;
    }
    if (this.how.kind === 'groups') for (const g of this.roots) signal(-g, 'SIGKILL');
    // The subreaper stays until its subtree is gone, or orphans would be adopted above it.
    for (let i = 0; i < 100; i++) {
      const left = this.processes();
      if (left.length === 0) break;
      for (const p of left) signal(p.pid, 'SIGKILL');
    }
    for (const pid of this.roots) signal(pid, 'SIGKILL');
  }

  /** SIGTERM to every process, SIGKILL after the grace time to what is left, until none is. */
  async stop(graceMs: number): Promise<void> {
    let left = this.processes();
    if (left.length > 0) {
      for (const p of left) signal(p.pid, 'SIGTERM');
      if (this.how.kind === 'groups') for (const g of this.roots) signal(-g, 'SIGTERM');
      const term = Date.now() + graceMs;
      while (Date.now() < term && left.length > 0) {
        await sleep(50);
        left = this.processes();
      }
    }
    for (let i = 0; i < 100; i++) {
      this.killNow();
      if (this.processes().length === 0 && this.rootsGone()) return;
      await sleep(50);
    }
  }

  private rootsGone(): boolean {
    const live = new Set(liveProcesses().map((p) => p.pid));
    return [...this.roots].every((pid) => !live.has(pid));
  }
}
