import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserError, errorMessage } from '../errors.js';
import { formatSize, removeTree } from '../fs-tree.js';
import type { DownloadBase } from './source.js';
import type { Logger } from '../runtime/ports.js';
import { quote, show } from '../trust/log-text.js';
import { confine, realRoot } from '../trust/paths.js';
import { HttpStatusError, httpGet, withRetries } from './http.js';
import type { GoFile } from './releases.js';
import { isComplete, toolCacheDir } from './toolcache.js';
import { goToSemver } from './version-spec.js';

export interface InstallRequest {
  /** semver of the release, the tool-cache directory name (1.22.5). */
  version: string;
  file: GoFile;
  download: DownloadBase;
  toolCache: string;
  goArch: string;
  log: Logger;
}

/** A verified failure of the archive itself: final (never retried), and the message says why. */
export class ArchiveError extends UserError {}

/** An archive name as go.dev writes them: one plain file name, nothing to travel up a URL path. */
const ARCHIVE_NAME = /^go[0-9A-Za-z][0-9A-Za-z._-]*\.(?:tar\.gz|zip)$/;

/** A temporary tree nobody has touched for this long belongs to an install that died. */
export const STALE_AFTER_MS = 60 * 60 * 1000;

/**
 * Installs a Go release into the tool cache and returns its GOROOT. The archive is streamed once:
 * every chunk is hashed and fed to `tar` at the same time, so the install ends when the download
 * ends. It is extracted into a temporary directory beside the final one and renamed into place
 * only after the sha256 matched the index and the tree is a Go of that version; any failure
 * removes the temporary directory, and what removing it costs never hides why it failed.
 */
export async function installGo(req: InstallRequest): Promise<string> {
  const target = toolCacheDir(req.toolCache, req.version, req.goArch);
  const name = req.file.filename;
  if (!ARCHIVE_NAME.test(name) || name.includes('..')) {
    throw new UserError(
      `The release index names ${quote(name)} as the archive of Go ${req.version}; an archive name is one plain file name such as go1.24.4.linux-amd64.tar.gz`,
    );
  }
  if (!/^[0-9a-f]{64}$/i.test(req.file.sha256 ?? '')) {
    throw new UserError(
      `The release index has no sha256 for ${name}; refusing to install an unverified Go`,
    );
  }
  const url = `${req.download.url}/${name}`;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  removeStaleTrees(target, req.log);
  req.log.info(`Downloading ${show(url)}`);
  const started = Date.now();
  let bytes = 0;
  await withRetries(`Downloading ${name}`, req.log, async () => {
    const tmp = `${target}.tmp-${hostTag()}-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      bytes = await streamExtract(url, req.download.authorization, tmp, req.file);
      checkTree(tmp, req.version, { name, inside: 'go/', says: 'the release index says' });
      publish(tmp, target);
    } catch (err) {
      discard(tmp, req.log);
      throw err;
    }
  }).catch((err: unknown) => {
    removeEmptyParents(target);
    if (err instanceof UserError) throw err;
    if (err instanceof HttpStatusError) {
      throw new UserError(
        `Could not download Go ${req.version}: ${show(url)} answered HTTP ${err.status}`,
      );
    }
    throw new UserError(
      `Could not download Go ${req.version} from ${show(url)}: ${errorMessage(err)}`,
    );
  });
  const secs = (Date.now() - started) / 1000;
  req.log.info(
    `Installed Go ${req.version} in ${show(target)} (${formatSize(bytes)}, sha256 verified, ${secs.toFixed(1)} s)`,
  );
  return target;
}

/** This machine, in temporary tree names: a pid only means something on the host that owns it. */
export function hostTag(): string {
  return (
    os
      .hostname()
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 32) || 'host'
  );
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes what dead installs of this version left beside `target`: temporary trees whose
 * process is gone (on this host) or that are older than STALE_AFTER_MS, and trees a publish set
 * aside. A live install's tree is left alone.
 */
export function removeStaleTrees(target: string, log: Logger, now = Date.now()): void {
  const dir = path.dirname(target);
  const base = path.basename(target);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const entry of names) {
    if (!entry.startsWith(`${base}.tmp-`) && !entry.startsWith(`${base}.stale-`)) continue;
    const p = path.join(dir, entry);
    const m = /\.tmp-([A-Za-z0-9]+)-(\d+)-[0-9a-f]+$/.exec(entry);
    let stale = !m; // set-aside trees and unknown shapes
    if (m) {
      let mtimeMs: number;
      try {
        mtimeMs = fs.lstatSync(p).mtimeMs;
      } catch {
        continue;
      }
      const deadHere = m[1] === hostTag() && !pidAlive(Number(m[2]));
      stale = deadHere || now - mtimeMs > STALE_AFTER_MS;
    }
    if (!stale) continue;
    try {
      removeTree(p);
      log.info(`Removed ${show(entry)}, left in the tool cache by an install that did not finish`);
    } catch (err) {
      log.warning(`Could not remove ${show(p)}: ${errorMessage(err)}`);
    }
  }
}

/** Removes a failed install's tree; a failure to do so is a warning, not the error shown. */
export function discard(tmp: string, log: Logger): void {
  try {
    removeTree(tmp);
  } catch (err) {
    log.warning(
      `Could not remove the temporary tree ${show(tmp)}: ${errorMessage(err)}; the next install of this version removes it`,
    );
  }
}

/** Where a tree came from, for the messages of checkTree. */
export interface TreeOrigin {
  /** The archive or module (`go1.24.4.linux-amd64.tar.gz`). */
  name: string;
  /** Where the Go tree sits inside it (`go/`), as people know its members. */
  inside: string;
  /** Who announced the version (`the release index says`). */
  says: string;
}

/**
 * The extracted tree must be the release that was announced: `VERSION` names it and `bin/go`
 * is a regular file, both inside the tree (a verified archive from a compromised mirror could
 * point them anywhere).
 */
export function checkTree(tmp: string, version: string, from: TreeOrigin): void {
  const { name, inside } = from;
  const root = realRoot(tmp, `the extracted ${name}`);
  const gate = (rel: string): string =>
    confine(root, rel, { label: `${name}: ${inside}${rel}`, accepted: 'not a Go release archive' });
  let first = '';
  try {
    first = fs.readFileSync(gate('VERSION'), 'utf8').split('\n')[0]?.trim() ?? '';
  } catch (err) {
    if (err instanceof UserError) throw new ArchiveError(err.message);
  }
  const holds = goToSemver(first);
  if (holds !== version) {
    throw new ArchiveError(
      `${name} holds Go ${holds ?? '(no VERSION file)'}, not ${version} as ${from.says}; nothing was installed`,
    );
  }
  let goBin: fs.Stats | undefined;
  try {
    goBin = fs.lstatSync(gate(path.join('bin', 'go')));
  } catch (err) {
    if (err instanceof UserError) throw new ArchiveError(err.message);
  }
  if (!goBin?.isFile()) {
    throw new ArchiveError(`${name} does not hold ${inside}bin/go; it is not a Go release archive`);
  }
}

/** Moves a verified tree into place. A concurrent installer of the same version may win: fine. */
export function publish(tmp: string, target: string): void {
  if (fs.existsSync(target) && !isComplete(target)) {
    // Left over from a run that died between rename and marker, or another job mid-publish. Either
    // way its content is a verified tree of the same release; ours replaces it atomically.
    const aside = `${target}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      fs.renameSync(target, aside);
      removeTree(aside);
    } catch {
      /* someone else moved it first, or the next install removes it */
    }
  }
  try {
    fs.renameSync(tmp, target);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw err;
    // Another job published the same verified release a moment ago: use theirs.
    removeTree(tmp);
  }
  fs.writeFileSync(`${target}.complete`, '');
}

/** Downloads `url` into `tar -xz` while hashing it; returns the byte count after verification. */
async function streamExtract(
  url: string,
  authorization: string | undefined,
  dest: string,
  file: GoFile,
): Promise<number> {
  const res = await httpGet(url, authorization);
  fs.mkdirSync(dest, { recursive: true });
  const expectedLength = Number(res.headers['content-length'] ?? NaN);
  // GNU tar's defaults do the containment: member names with `..` are skipped, leading `/` is
  // stripped, and symlinks that point up or out are only created once everything else is out.
  const tar = spawn('tar', ['-xzf', '-', '-C', dest, '--strip-components=1', '--no-same-owner'], {
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let tarErr = '';
  tar.stderr.on('data', (b: Buffer) => (tarErr += b.toString()));
  // A corrupt archive can make tar quit early; keep hashing the rest so the digests are reported.
  let tarDead = false;
  tar.stdin.on('error', () => (tarDead = true));
  const tarExit = new Promise<number>((resolve) => tar.on('close', (code) => resolve(code ?? 1)));

  const hash = createHash('sha256');
  let received = 0;
  let streamError: Error | undefined;
  try {
    for await (const chunk of res) {
      const buf = chunk as Buffer;
      hash.update(buf);
      received += buf.length;
      if (!tarDead && !tar.stdin.write(buf)) {
        await new Promise<void>((r) => {
          const done = (): void => {
            tar.stdin.off('drain', done);
            tar.stdin.off('close', done);
            r();
          };
          tar.stdin.once('drain', done);
          tar.stdin.once('close', done);
        });
      }
    }
  } catch (err) {
    streamError = err as Error;
  }
  tar.stdin.end();
  const code = await tarExit;
  const actual = hash.digest('hex');
  const expected = file.sha256.toLowerCase();

  const short = Number.isFinite(expectedLength) && received < expectedLength;
  if (streamError || short) {
    const detail = `received ${received} of ${Number.isFinite(expectedLength) ? expectedLength : '?'} bytes`;
    // A connection cut mid-body is a network error: retried by the caller.
    throw new Error(
      `the download of ${file.filename} was cut short (${detail}; sha256 expected ${expected}, got ${actual})`,
    );
  }
  if (actual !== expected) {
    throw new ArchiveError(
      `Checksum mismatch for ${file.filename}: sha256 expected ${expected}, got ${actual}; nothing was installed`,
    );
  }
  if (code !== 0) {
    // tar's messages quote member names, which the archive chose.
    throw new ArchiveError(
      `Could not extract ${file.filename} (tar exited ${code}): ${quote(tarErr.trim().split('\n')[0] ?? '')}`,
    );
  }
  return received;
}

/** A failed install leaves nothing behind, not even the empty version directory. */
export function removeEmptyParents(target: string): void {
  for (const dir of [path.dirname(target), path.dirname(path.dirname(target))]) {
    try {
      fs.rmdirSync(dir);
    } catch {
      /* not empty (another arch or a concurrent install), or already gone */
    }
  }
}
