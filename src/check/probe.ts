import http from 'node:http';
import { healthError, healthStatus, type HealthAnswer, type HealthResult } from './policy.js';
import { listeningSockets, showListener, socketInodes, type Listener } from './procfs.js';

/**
 * What the smoke test asks the machine about the web process: the TCP ports listened on (from
 * /proc), and the answers of its health paths (HTTP on the loopback). How the answers are judged
 * is the policy's.
 */

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every listener on `port`, whoever's. */
export function listenersOn(port: number): Listener[] {
  return listeningSockets().filter((l) => l.port === port);
}

/** The TCP listeners of the processes `pids`, each address once, by port then address. */
export function listenersOf(pids: Iterable<number>): Listener[] {
  const inodes = new Set<number>();
  for (const pid of pids) {
    for (const i of socketInodes(pid)) inodes.add(i);
  }
  if (inodes.size === 0) return [];
  const seen = new Set<string>();
  return listeningSockets()
    .filter((l) => inodes.has(l.inode))
    .filter((l) => {
      const k = showListener(l);
      return !seen.has(k) && seen.add(k) !== undefined;
    })
    .sort((a, b) => a.port - b.port || a.address.localeCompare(b.address));
}

/** One GET of `path`, on a connection of its own, within `timeoutMs`. */
export function httpGet(
  host: string,
  port: number,
  path: string,
  timeoutMs: number,
): Promise<HealthAnswer> {
  return new Promise((resolve) => {
    const req = http.get({ host, port, path, agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(healthStatus(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    req.on('error', (err) => {
      const code = (err as NodeJS.ErrnoException).code;
      resolve(healthError(code ?? err.message));
    });
  });
}

/**
 * Asks each path until it answers 200 or `deadline` passes, calling `between` after each round
 * (it throws to stop the probing: a process ended).
 */
export async function probeHealth(
  target: { host: string; port: number; paths: readonly string[] },
  opts: { deadline: number; requestMs: number; between: () => Promise<void> },
): Promise<HealthResult[]> {
  const { host, port, paths } = target;
  const results = new Map<string, HealthAnswer>();
  for (;;) {
    for (const p of paths) {
      if (!results.get(p)?.ok) results.set(p, await httpGet(host, port, p, opts.requestMs));
    }
    await opts.between();
    if ([...results.values()].every((r) => r.ok) || Date.now() >= opts.deadline) break;
    await sleep(250);
  }
  return paths.map((p) => ({ path: p, ...results.get(p)! }));
}
