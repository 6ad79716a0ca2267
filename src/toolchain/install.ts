import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { UserError, errorMessage } from '../errors.js';
import { formatSize } from '../fs-tree.js';
import type { Logger } from '../runtime/ports.js';
import { HttpStatusError, httpGet, withRetries } from './http.js';
import type { GoFile } from './releases.js';
import { gorootVersion, isComplete, toolCacheDir } from './toolcache.js';

export interface InstallRequest {
  /** semver of the release, the tool-cache directory name (1.22.5). */
  version: string;
  file: GoFile;
  baseUrl: string;
  toolCache: string;
  goArch: string;
  log: Logger;
}

/** A verified failure of the archive itself: not worth retrying, and the message says why. */
class ArchiveError extends UserError {}

/**
 * Installs a Go release into the tool cache and returns its GOROOT. The archive is streamed once:
 * every chunk is hashed and fed to `tar` at the same time, so the install ends when the download
 * ends. It is extracted into a temporary directory beside the final one and renamed into place
 * only after the sha256 matched the index; any failure removes the temporary directory.
 */
export async function installGo(req: InstallRequest): Promise<string> {
  const target = toolCacheDir(req.toolCache, req.version, req.goArch);
  const url = `${req.baseUrl}/${req.file.filename}`;
  if (!/^[0-9a-f]{64}$/i.test(req.file.sha256 ?? '')) {
    throw new UserError(
      `The release index has no sha256 for ${req.file.filename}; refusing to install an unverified Go`,
    );
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  req.log.info(`Downloading ${url}`);
  const started = Date.now();
  let bytes = 0;
  await withRetries(`Downloading ${req.file.filename}`, req.log, async () => {
    const tmp = `${target}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      bytes = await streamExtract(url, tmp, req.file);
      const holds = gorootVersion(tmp);
      if (holds !== req.version) {
        throw new ArchiveError(
          `${req.file.filename} holds Go ${holds ?? '(no VERSION file)'}, not ${req.version} as the release index says; nothing was installed`,
        );
      }
      publish(tmp, target);
    } catch (err) {
      fs.rmSync(tmp, { recursive: true, force: true });
      throw err;
    }
  }).catch((err: unknown) => {
    removeIfEmpty(path.dirname(target));
    removeIfEmpty(path.dirname(path.dirname(target)));
    if (err instanceof UserError) throw err;
    if (err instanceof HttpStatusError) {
      throw new UserError(
        `Could not download Go ${req.version}: ${url} answered HTTP ${err.status}`,
      );
    }
    throw new UserError(`Could not download Go ${req.version} from ${url}: ${errorMessage(err)}`);
  });
  const secs = (Date.now() - started) / 1000;
  req.log.info(
    `Installed Go ${req.version} in ${target} (${formatSize(bytes)}, sha256 verified, ${secs.toFixed(1)} s)`,
  );
  return target;
}

/** Moves a verified tree into place. A concurrent installer of the same version may win: fine. */
function publish(tmp: string, target: string): void {
  if (fs.existsSync(target) && !isComplete(target)) {
    // Left over from a run that died between rename and marker, or another job mid-publish. Either
    // way its content is a verified tree of the same release; ours replaces it atomically.
    const aside = `${target}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      fs.renameSync(target, aside);
      fs.rmSync(aside, { recursive: true, force: true });
    } catch {
      /* someone else moved it first */
    }
  }
  try {
    fs.renameSync(tmp, target);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw err;
    // Another job published the same verified release a moment ago: use theirs.
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  fs.writeFileSync(`${target}.complete`, '');
}

/** Downloads `url` into `tar -xz` while hashing it; returns the byte count after verification. */
async function streamExtract(url: string, dest: string, file: GoFile): Promise<number> {
  const res = await httpGet(url);
  fs.mkdirSync(dest, { recursive: true });
  const expectedLength = Number(res.headers['content-length'] ?? NaN);
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
    throw new ArchiveError(
      `Could not extract ${file.filename} (tar exited ${code}): ${tarErr.trim().split('\n')[0] ?? ''}`,
    );
  }
  if (!fs.existsSync(path.join(dest, 'bin', 'go'))) {
    throw new ArchiveError(
      `${file.filename} does not hold go/bin/go; it is not a Go release archive`,
    );
  }
  return received;
}

/** A failed install leaves nothing behind, not even the empty version directory. */
function removeIfEmpty(dir: string): void {
  try {
    fs.rmdirSync(dir);
  } catch {
    /* not empty (another arch or a concurrent install), or already gone */
  }
}
