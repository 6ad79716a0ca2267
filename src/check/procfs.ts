import fs from 'node:fs';
import os from 'node:os';

/**
 * What Linux's /proc says about processes (their parents, groups and sessions, and the marker in
 * their environment) and about the TCP ports their sockets listen on.
 */

export interface Listener {
  /** As the user would write it: `0.0.0.0`, `127.0.0.1`, `::`, `::1`. */
  address: string;
  port: number;
  inode: number;
}

const LISTEN = '0A';

/** The 4 bytes of one 32-bit word of /proc/net/tcp*, printed in the host's byte order. */
function wordBytes(hex: string, little: boolean): number[] {
  const bytes = [0, 2, 4, 6].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return little ? bytes.reverse() : bytes;
}

/** `0100007F` → `127.0.0.1`; 32 hex digits → a compressed IPv6 address (`::`, `::1`). */
export function procAddress(hex: string, little = os.endianness() === 'LE'): string {
  if (hex.length === 8) return wordBytes(hex, little).join('.');
  const bytes: number[] = [];
  for (let i = 0; i < 32; i += 8) bytes.push(...wordBytes(hex.slice(i, i + 8), little));
  // An IPv4-mapped address reads as the IPv4 address it maps.
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) {
    return bytes.slice(12).join('.');
  }
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  // The longest run of zero groups becomes `::`.
  let best = { at: -1, len: 0 };
  for (let i = 0; i < 8;) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > best.len) best = { at: i, len: j - i };
    i = j;
  }
  if (best.len < 2) return groups.join(':');
  return `${groups.slice(0, best.at).join(':')}::${groups.slice(best.at + best.len).join(':')}`;
}

/** The listening sockets of a /proc/net/tcp or tcp6 table. */
export function parseProcNetTcp(text: string, little = os.endianness() === 'LE'): Listener[] {
  const out: Listener[] = [];
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
    if (f.length < 10 || f[3] !== LISTEN) continue;
    const [addr, port] = (f[1] ?? '').split(':');
    if (!addr || !port || !/^[0-9A-F]+$/i.test(addr + port)) continue;
    if (addr.length !== 8 && addr.length !== 32) continue;
    out.push({ address: procAddress(addr, little), port: parseInt(port, 16), inode: Number(f[9]) });
  }
  return out;
}

/** Whether a listening address accepts connections from other hosts (`0.0.0.0` or `::`). */
export function isWildcard(address: string): boolean {
  return address === '0.0.0.0' || address === '::';
}

export function isLoopback(address: string): boolean {
  return /^127\./.test(address) || address === '::1';
}

/** `0.0.0.0:8080`, `[::1]:8080`. */
export function showListener(l: { address: string; port: number }): string {
  return l.address.includes(':') ? `[${l.address}]:${l.port}` : `${l.address}:${l.port}`;
}

/** Every listening TCP socket of this network namespace. */
export function listeningSockets(): Listener[] {
  const out: Listener[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    try {
      out.push(...parseProcNetTcp(fs.readFileSync(table, 'utf8')));
    } catch {
      // no IPv6 in this kernel
    }
  }
  return out;
}

/** The socket inodes a process holds open (`socket:[12345]` links in /proc/<pid>/fd). */
export function socketInodes(pid: number): number[] {
  let fds: string[];
  try {
    fds = fs.readdirSync(`/proc/${pid}/fd`);
  } catch {
    return [];
  }
  const out: number[] = [];
  for (const fd of fds) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) out.push(Number(m[1]));
    } catch {
      // closed meanwhile
    }
  }
  return out;
}

export interface ProcStat {
  pid: number;
  ppid: number;
  pgrp: number;
  session: number;
  /** Start time in clock ticks since boot: with the pid, names one process (pids are reused). */
  start: number;
  /** `Z`: a zombie, already dead. */
  state: string;
}

/** Fields of /proc/<pid>/stat (the command name may hold spaces and parentheses). */
export function parseStat(text: string): ProcStat | undefined {
  const close = text.lastIndexOf(')');
  const pid = parseInt(text, 10);
  if (close < 0 || !Number.isInteger(pid)) return undefined;
  const f = text
    .slice(close + 2)
    .trim()
    .split(/\s+/);
  // state(3) ppid(4) pgrp(5) session(6) … starttime(22), numbered from 1 with pid and comm.
  if (f.length < 20) return undefined;
  return {
    pid,
    state: f[0]!,
    ppid: Number(f[1]),
    pgrp: Number(f[2]),
    session: Number(f[3]),
    start: Number(f[19]),
  };
}

function readStat(pid: number): ProcStat | undefined {
  try {
    return parseStat(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

function hasMarker(pid: number, marker: string): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/environ`).includes(marker);
  } catch {
    return false;
  }
}

/** Every live process of this machine (zombies left out: they are dead, and their parent reaps them). */
export function liveProcesses(): ProcStat[] {
  let pids: string[];
  try {
    pids = fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n));
  } catch {
    return [];
  }
  const out: ProcStat[] = [];
  for (const p of pids) {
    const pid = Number(p);
    if (pid === process.pid) continue;
    const st = readStat(pid);
    if (st && st.state !== 'Z') out.push(st);
  }
  return out;
}

/**
 * The live processes in one of `groups`' process groups or sessions (the pids of the processes
 * the smoke test started, each the leader of its own), or carrying `marker` (`NAME=value`) in
 * their environment, which a grandchild keeps when it starts a session of its own.
 */
export function processesOf(groups: ReadonlySet<number>, marker?: string): ProcStat[] {
  return liveProcesses().filter(
    (st) =>
      groups.has(st.pgrp) ||
      groups.has(st.session) ||
      (marker !== undefined && hasMarker(st.pid, marker)),
  );
}
