// The Release phase (SPEC §12): the slug archive the job packed (Heroku's format, files under
// ./app/) becomes a slug of the app, is uploaded to the blob URL the API returns, and is
// released; the release phase's output is streamed to the log while the release is pending.
import fs from 'node:fs';
import path from 'node:path';
import { send } from '../cache/transport.js';
import { UserError, errorMessage } from '../errors.js';
import type { Logger } from '../runtime/ports.js';
import { parseProcfile } from '../slug/procfile.js';
import { LineGuard, quote, show } from '../trust/log-text.js';
import { herokuCall, openStream, type HerokuApi } from './heroku-api.js';
import type { HerokuApp } from './heroku-app.js';
import type { HerokuReleaseMode } from './inputs.js';

/** Heroku's limit on a slug, compressed. */
export const MAX_SLUG_BYTES = 500 * 1024 * 1024;
/** A process type name, as Heroku's formation takes it. */
const PROCESS_TYPE = /^[-\w]{1,128}$/;
/** How long a release may stay pending (its release phase runs). */
const RELEASE_DEADLINE_MS = 30 * 60_000;
/** Lines of the release phase's output kept for the message of a failed release. */
const TAIL_LINES = 20;

/** The release stage's part of the plan. */
export interface ReleasePlan {
  api: Omit<HerokuApi, 'log'>;
  app: HerokuApp;
  mode: HerokuReleaseMode;
  /** The commit the slug was built from (GITHUB_SHA), and its subject. */
  commit?: string;
  commitDescription?: string;
  /** Between two looks at a pending release. */
  pollMs: number;
}

export interface Released {
  slugId: string;
  releaseId: string;
  version: number;
  /** `succeeded`, or `current` when the app already ran this slug (if-changed). */
  status: string;
  app: string;
  bytes: number;
}

interface SlugAnswer {
  id: string;
  checksum?: string | null;
  blob?: { method?: string; url?: string };
}
interface ReleaseAnswer {
  id: string;
  version: number;
  status: string;
  current?: boolean;
  slug?: { id?: string } | null;
  output_stream_url?: string | null;
}

/** The biggest top-level entries of the slug, for a slug Heroku would refuse. */
export function biggestEntries(dir: string, count = 3): { name: string; bytes: number }[] {
  const size = (p: string): number => {
    const st = fs.lstatSync(p);
    if (!st.isDirectory()) return st.size;
    return fs.readdirSync(p).reduce((sum, n) => sum + size(path.join(p, n)), 0);
  };
  return fs
    .readdirSync(dir)
    .map((name) => ({ name, bytes: size(path.join(dir, name)) }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, count);
}

const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;

/** Refusals that need no request: a slug too big, a process type Heroku refuses. */
export function refuseBeforeUpload(
  slugDir: string,
  bytes: number,
  processTypes: Record<string, string>,
): void {
  if (bytes > MAX_SLUG_BYTES) {
    const biggest = biggestEntries(slugDir)
      .map((e) => `${show(e.name)} ${mib(e.bytes)}`)
      .join(', ');
    throw new UserError(
      `heroku-app: the slug is ${mib(bytes)} packed, over Heroku's limit of ${mib(MAX_SLUG_BYTES)}; the biggest parts: ${biggest}; leave files out with .slugignore`,
    );
  }
  for (const name of Object.keys(processTypes)) checkProcessType(name);
}

/** A process type Heroku's formation refuses is refused here, before anything is uploaded. */
export function checkProcessType(name: string): void {
  if (!PROCESS_TYPE.test(name)) {
    throw new UserError(
      `Procfile: the process type ${quote(name)} is not one Heroku takes; use at most 128 letters, digits, _ and -`,
    );
  }
}

/** The app's current release and its slug's checksum, when it has one. */
async function current(api: HerokuApi): Promise<{ release: ReleaseAnswer; checksum?: string }> {
  const list = await herokuCall<ReleaseAnswer[]>(
    api,
    'GET',
    `/apps/${api.app}/releases`,
    'the list of releases',
    undefined,
    { Range: 'version ..; order=desc, max=10' },
  );
  const release = list.find((r) => r.current) ?? list[0];
  const slugId = release?.slug?.id;
  if (!release || !slugId) return { release: release! };
  const slug = await herokuCall<SlugAnswer>(
    api,
    'GET',
    `/apps/${api.app}/slugs/${slugId}`,
    'the current slug',
  );
  return { release, checksum: slug.checksum ?? undefined };
}

/** PUT of the archive to the presigned URL, as it is: its Content-Length, no other header. */
async function upload(api: HerokuApi, blob: SlugAnswer['blob'], archive: string, bytes: number) {
  const method = (blob?.method ?? 'put').toUpperCase();
  if (!blob?.url || (method !== 'PUT' && method !== 'POST')) {
    throw new UserError(
      `heroku-app: ${quote(api.app)}: the new slug came without an upload URL; no release was created`,
    );
  }
  let status: number;
  try {
    const res = await send(
      blob.url,
      {
        method,
        headers: { 'Content-Length': String(bytes) },
        body: fs.createReadStream(archive),
      },
      api.env,
    );
    status = res.statusCode ?? 0;
    res.resume();
  } catch (err) {
    throw new UserError(
      `heroku-app: ${quote(api.app)}: the slug upload failed (${errorMessage(err)}); no release was created`,
    );
  }
  if (status < 200 || status >= 300) {
    throw new UserError(
      `heroku-app: ${quote(api.app)}: the slug upload was refused (HTTP ${status}); no release was created`,
    );
  }
}

/** Streams the release phase's output to the log; keeps its last lines. */
function follow(api: HerokuApi, url: string, tail: string[], signal: AbortSignal): Promise<void> {
  const guard = new LineGuard((text) => {
    for (const line of text.replace(/\n$/, '').split('\n')) {
      api.log.info(`  ${line}`);
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
    }
  });
  return openStream(api, url, signal)
    .then(async (res) => {
      if ((res.statusCode ?? 0) >= 300) return void res.resume();
      for await (const c of res) guard.push(c as Buffer);
      guard.end();
    })
    .catch(() => undefined);
}

export async function releaseToHeroku(
  plan: ReleasePlan,
  slug: { dir: string; procfile: string },
  archive: { path: string; sha256: string; bytes: number },
  log: Logger,
): Promise<Released> {
  const api: HerokuApi = { ...plan.api, log };
  const processTypes = Object.fromEntries(
    parseProcfile(slug.procfile).map((e) => [e.name, e.command]),
  );
  refuseBeforeUpload(slug.dir, archive.bytes, processTypes);
  const checksum = `SHA256:${archive.sha256}`;
  const base = { app: plan.app.name, bytes: archive.bytes };

  if (plan.mode === 'if-changed') {
    const now = await current(api);
    if (now.checksum === checksum) {
      log.notice(
        `heroku-app: ${show(plan.app.name)} already runs this slug (v${now.release.version}, ${checksum}): not released again (heroku-release: always releases it anyway)`,
      );
      const slugId = now.release.slug?.id ?? '';
      return {
        ...base,
        slugId,
        releaseId: now.release.id,
        version: now.release.version,
        status: 'current',
      };
    }
  }

  const created = await herokuCall<SlugAnswer>(
    api,
    'POST',
    `/apps/${api.app}/slugs`,
    'the new slug',
    {
      process_types: processTypes,
      commit: plan.commit ?? null,
      commit_description: plan.commitDescription ?? null,
      buildpack_provided_description: 'Go',
      stack: plan.app.stack,
      checksum,
    },
  );
  log.info(`Created slug ${show(created.id)} of ${show(plan.app.name)} (${plan.app.stack})`);
  const started = performance.now();
  await upload(api, created.blob, archive.path, archive.bytes);
  log.info(
    `Uploaded ${mib(archive.bytes)} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  let release = await herokuCall<ReleaseAnswer>(
    api,
    'POST',
    `/apps/${api.app}/releases`,
    'the release',
    {
      slug: created.id,
      description: `go-paas-build${plan.commit ? ` ${plan.commit.slice(0, 7)}` : ''}`,
    },
  );
  const tail: string[] = [];
  const stop = new AbortController();
  let following: Promise<void> | undefined;
  const deadline = Date.now() + RELEASE_DEADLINE_MS;
  try {
    while (release.status === 'pending') {
      if (!following && release.output_stream_url) {
        log.info('Release phase:');
        following = follow(api, release.output_stream_url, tail, stop.signal);
      }
      if (Date.now() > deadline) {
        throw new UserError(
          `heroku-app: ${quote(api.app)}: release v${release.version} was still pending after ${RELEASE_DEADLINE_MS / 60_000} minutes`,
        );
      }
      await new Promise((r) => setTimeout(r, plan.pollMs));
      release = await herokuCall<ReleaseAnswer>(
        api,
        'GET',
        `/apps/${api.app}/releases/${release.id}`,
        'the release',
      );
    }
    // The stream ends with the release phase: what it printed is read to its end (or a while).
    if (following) await Promise.race([following, new Promise((r) => setTimeout(r, 5000))]);
  } finally {
    stop.abort();
  }
  if (release.status !== 'succeeded') {
    const out = tail.length ? `; its output ended with:\n${tail.join('\n')}` : '';
    throw new UserError(
      `heroku-app: ${quote(api.app)}: release v${release.version} ${release.status === 'failed' ? 'failed' : `ended ${quote(release.status)}`} (its release phase)${out}`,
    );
  }
  log.info(`Released v${release.version} of ${show(plan.app.name)}: slug ${show(created.id)}`);
  return {
    ...base,
    slugId: created.id,
    releaseId: release.id,
    version: release.version,
    status: 'succeeded',
  };
}
