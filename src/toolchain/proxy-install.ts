import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { UserError, errorMessage } from '../errors.js';
import { formatSize } from '../fs-tree.js';
import type { Logger } from '../runtime/ports.js';
import { quote, show } from '../trust/log-text.js';
import { HttpStatusError, httpGet, readBytes, withRetries } from './http.js';
import {
  ArchiveError,
  checkTree,
  discard,
  hostTag,
  publish,
  removeEmptyParents,
  removeStaleTrees,
} from './install.js';
import { allowExec, MAX_ZIP_BYTES, unzipModule } from './module-zip.js';
import { TOOLCHAIN_MODULE, type ProxyEntry, type ToolchainProxy } from './proxy-settings.js';
import type { GoFile, GoRelease } from './releases.js';
import type { ReleaseSource } from './resolve.js';
import { checkInSumDb } from './sumdb-fetch.js';
import { toolCacheDir } from './toolcache.js';

/**
 * `go-toolchain-source: proxy`: Go as the go command downloads it for GOTOOLCHAIN, the module
 * golang.org/toolchain at version `v0.0.1-go<version>.<goos>-<goarch>`, through GOPROXY
 * (`<proxy>/golang.org/toolchain/@v/list` and `…/@v/<version>.zip`), its `h1:` checked against
 * the checksum database (reached as the go command reaches it: sumdb-fetch.ts) before the tree is
 * renamed into the tool cache.
 */

type UrlProxy = Extract<ProxyEntry, { kind: 'url' }>;

/** `v0.0.1-go1.24.4.linux-amd64` → its Go name, GOOS and GOARCH. */
const TOOLCHAIN_VERSION = /^v0\.0\.1-(go[0-9][0-9a-z.]*)\.([a-z0-9]+)-([a-z0-9]+)$/;

/** Fetches with each proxy in turn, as the go command does (SPEC §11, `go help goproxy`). */
async function fromProxies<T>(
  proxies: ProxyEntry[],
  what: string,
  log: Logger,
  fetch: (p: UrlProxy) => Promise<T>,
): Promise<T> {
  const tried: string[] = [];
  for (const p of proxies) {
    if (p.kind === 'off') {
      tried.push('then GOPROXY says off (module downloads disabled)');
      break;
    }
    if (p.kind === 'direct') {
      tried.push(
        'then GOPROXY says direct, which go-toolchain-source: proxy cannot do (it fetches Go from proxies only)',
      );
      break;
    }
    try {
      return await withRetries(`${what} from ${p.url}`, log, () => fetch(p));
    } catch (err) {
      if (err instanceof UserError && !(err instanceof HttpStatusError)) throw err;
      const notFound = err instanceof HttpStatusError && (err.status === 404 || err.status === 410);
      tried.push(
        err instanceof HttpStatusError
          ? `${show(p.url)} answered HTTP ${err.status}`
          : `${show(p.url)}: ${errorMessage(err)}`,
      );
      if (!notFound && !p.fallBackOnError) {
        const next = proxies.indexOf(p) + 1 < proxies.length;
        if (next)
          tried.push(
            'stopped there (after a comma, GOPROXY tries the next entry only on 404 or 410; a | tries it on any error)',
          );
        break;
      }
    }
  }
  throw new UserError(`Could not ${what} through GOPROXY: ${tried.join('; ')}`);
}

/** The proxy's list, named in resolution errors. */
export const TOOLCHAIN_LIST: ReleaseSource = {
  name: 'the golang.org/toolchain list of GOPROXY',
  title: 'The golang.org/toolchain list of GOPROXY',
  setting: 'GOPROXY (goproxy)',
};

/** The module's versions as release-index entries, so the same resolver picks from them. */
export function releasesFromList(list: string): GoRelease[] {
  const byGo = new Map<string, GoRelease>();
  for (const line of list.split('\n')) {
    const m = TOOLCHAIN_VERSION.exec(line.trim());
    if (!m) continue;
    const [moduleVersion, goName, os, arch] = m as unknown as [string, string, string, string];
    const release = byGo.get(goName) ?? {
      version: goName,
      stable: !/[a-z]/.test(goName.slice(2)),
      files: [],
    };
    const file: GoFile = {
      filename: moduleVersion,
      os,
      arch,
      version: goName,
      sha256: '',
      kind: 'module',
    };
    release.files.push(file);
    byGo.set(goName, release);
  }
  return [...byGo.values()];
}

/** Lists golang.org/toolchain through GOPROXY. */
export async function fetchToolchainList(proxy: ToolchainProxy, log: Logger): Promise<GoRelease[]> {
  const text = await fromProxies(
    proxy.proxies,
    `list ${TOOLCHAIN_MODULE} versions`,
    log,
    async (p) =>
      (
        await readBytes(
          await httpGet(`${p.url}/${TOOLCHAIN_MODULE}/@v/list`, p.authorization),
          16 << 20,
        )
      ).toString('utf8'),
  );
  const releases = releasesFromList(text);
  if (releases.length === 0) {
    throw new UserError(
      `GOPROXY lists no ${TOOLCHAIN_MODULE} versions (v0.0.1-go<version>.<goos>-<goarch>); does your proxy serve the Go toolchain module?`,
    );
  }
  return releases;
}

/** Streams a zip into `file`, up to MAX_ZIP_BYTES; a body cut short is a (retried) error. */
async function download(
  url: string,
  authorization: string | undefined,
  file: string,
): Promise<number> {
  const res = await httpGet(url, authorization);
  const expected = Number(res.headers['content-length'] ?? NaN);
  if (expected > MAX_ZIP_BYTES) {
    res.destroy();
    throw new ArchiveError(
      `${show(url)} is ${formatSize(expected)}, more than a module zip may be (500 MiB)`,
    );
  }
  const out = fs.createWriteStream(file);
  let received = 0;
  try {
    for await (const chunk of res) {
      received += (chunk as Buffer).length;
      if (received > MAX_ZIP_BYTES)
        throw new ArchiveError(`${show(url)} is more than a module zip may be (500 MiB)`);
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
    }
  } finally {
    await new Promise<void>((resolve, reject) =>
      out.end((err?: Error | null) => (err ? reject(err) : resolve())),
    );
  }
  if (Number.isFinite(expected) && received < expected) {
    throw new Error(`the download was cut short (received ${received} of ${expected} bytes)`);
  }
  return received;
}

export interface ProxyInstallRequest {
  /** semver of the release (1.24.4): the tool-cache directory name. */
  version: string;
  /** The module version, from the list (`releasesFromList`). */
  file: GoFile;
  proxy: ToolchainProxy;
  toolCache: string;
  goArch: string;
  log: Logger;
}

/**
 * Installs golang.org/toolchain@<file.filename> into the tool cache; returns how it was verified,
 * for the log and the job summary.
 */
export async function installFromProxy(req: ProxyInstallRequest): Promise<string> {
  const { proxy, log } = req;
  const moduleVersion = req.file.filename;
  if (!TOOLCHAIN_VERSION.test(moduleVersion))
    throw new Error(`not a toolchain version: ${moduleVersion}`);
  const mod = `${TOOLCHAIN_MODULE}@${moduleVersion}`;
  const target = toolCacheDir(req.toolCache, req.version, req.goArch);

  // The database first: a refusal there costs no download.
  let verified: string;
  let expected: string | undefined;
  if (proxy.sumdb) {
    const db = proxy.sumdb;
    const v = await checkInSumDb(proxy, db, mod, log);
    expected = v.h1;
    verified = `h1: checked in ${db.key.name} tree ${v.tree.size} (record ${v.id}, inclusion proved)`;
    log.info(
      `${db.key.name} records ${mod} ${v.h1} in its signed tree of ${v.tree.size} records (inclusion and consistency proved)`,
    );
  } else {
    verified = `not checked: ${proxy.unchecked}`;
    log.warning(
      `${proxy.unchecked}: Go ${req.version} from GOPROXY is installed without checking its hash against a checksum database`,
    );
  }

  fs.mkdirSync(path.dirname(target), { recursive: true });
  removeStaleTrees(target, log);
  const tmp = `${target}.tmp-${hostTag()}-${process.pid}-${randomBytes(4).toString('hex')}`;
  const started = Date.now();
  try {
    fs.mkdirSync(tmp);
    const zipFile = path.join(tmp, 'module.zip');
    const tree = path.join(tmp, 'go');
    let from = '';
    const bytes = await fromProxies(proxy.proxies, `download ${mod}`, log, async (p) => {
      from = `${p.url}/${TOOLCHAIN_MODULE}/@v/${moduleVersion}.zip`;
      log.info(`Downloading ${show(from)}`);
      return download(from, p.authorization, zipFile);
    });
    const unzipped = await unzipModule(zipFile, `${mod}/`, tree);
    fs.rmSync(zipFile);
    if (expected !== undefined && unzipped.h1 !== expected) {
      throw new ArchiveError(
        `Checksum mismatch for ${mod}: ${proxy.sumdb!.key.name} records ${expected}, the zip from ${show(from)} hashes to ${unzipped.h1}; nothing was installed`,
      );
    }
    allowExec(tree);
    checkTree(tree, req.version, { name: mod, inside: `${mod}/`, says: 'its module version says' });
    publish(tree, target);
    discard(tmp, log);
    const secs = (Date.now() - started) / 1000;
    log.info(
      `Installed Go ${req.version} in ${show(target)} (${formatSize(bytes)} zip, ${unzipped.files} files, ${expected ? 'h1: verified' : 'not verified'}, ${secs.toFixed(1)} s)`,
    );
  } catch (err) {
    discard(tmp, log);
    removeEmptyParents(target);
    if (err instanceof UserError) throw err;
    throw new UserError(
      `Could not install Go ${req.version} from GOPROXY: ${quote(errorMessage(err))}`,
    );
  }
  return verified;
}
