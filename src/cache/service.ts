import { AsyncLocalStorage } from 'node:async_hooks';
import os from 'node:os';
import { errorMessage } from '../errors.js';
import { installOutputHold } from '../runtime/capture.js';
import type { CacheCall, CacheEntryRef, CacheStore, Logger } from '../runtime/ports.js';
import { quote } from '../trust/log-text.js';
import {
  cacheVersion,
  compressionMethod,
  findEntry,
  retrying,
  serviceConfig,
  ServiceError,
} from './protocol.js';
import { LOOKUP_DEADLINE_MS } from './state.js';
import { BadArchive, DownloadError, restoreArchive } from './restore-archive.js';
import { saveArchive } from './save-archive.js';

/**
 * The Actions cache service. Lookups, restores and (on the v2 service, github.com's) saves are
 * the action's own (protocol.ts, restore-archive.ts, save-archive.ts): one request per lookup,
 * the archive streamed into its cache dir and confined there, saved as @actions/cache saves it.
 * Saves to the v1 service (GitHub Enterprise Server) go through @actions/cache, loaded only then;
 * either finds what the other saved, as both compute the same `version`.
 *
 * Every call runs with a deadline, after which the job goes on without it (SPEC §4), and a
 * fault of the service is one warning per step however many calls meet it. The library never
 * throws on service faults: it prints a warning (or, for a 5xx, an error annotation) and reports
 * a miss, and retries 5xx answers for half a minute; its log lines are attributed to the call
 * that printed them (AsyncLocalStorage follows the library's promises), so a fault is known to
 * the caller, 5xx "errors" are printed as the warnings they are, and an abandoned call stays
 * silent.
 */
interface CallContext {
  faults: string[];
  /** The service refused a save because the key exists (a re-run, a parallel matrix cell). */
  taken: boolean;
  abandoned: boolean;
}

const calls = new AsyncLocalStorage<CallContext>();
const FAULT = /^::(?:warning|error)::(Failed to (?:restore|save): .*)$/;
/** A taken key: github.com answers 409 (an info line), other services `ok: false` (a warning). */
const TAKEN =
  /^(?:::warning::Cache reservation failed: (.*)|Failed to save: (Unable to reserve cache with key .*))$/;
let filterInstalled = false;
/** One outage, one warning: later faults in this step are recorded but not printed again. */
let warned = false;

function installOutputFilter(): void {
  if (filterInstalled) return;
  filterInstalled = true;
  installOutputHold();
  const write = process.stdout.write.bind(process.stdout) as (...args: unknown[]) => boolean;
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]): boolean => {
    const ctx = calls.getStore();
    if (!ctx || typeof chunk !== 'string') return write(chunk, ...rest);
    if (ctx.abandoned) return true;
    const line = chunk.replace(/\r?\n$/, '');
    const taken = TAKEN.exec(line);
    if (taken) {
      ctx.taken = true;
      const why = taken[1] ?? taken[2]!;
      return write(`::notice::Cache not saved: the key is already taken (${why})\n`, ...rest);
    }
    const fault = FAULT.exec(line);
    if (fault) {
      ctx.faults.push(fault[1]!);
      if (warned) return true;
      warned = true;
      return write(`::warning::${fault[1]!}\n`, ...rest);
    }
    return write(chunk, ...rest);
  }) as typeof process.stdout.write;
}

type CacheModule = typeof import('@actions/cache');
let loaded: Promise<CacheModule> | undefined;
const load = (): Promise<CacheModule> => (loaded ??= import('@actions/cache'));

/** Runs one library call under a deadline, collecting what it logged. */
async function call<T>(
  log: Logger,
  deadlineMs: number,
  what: string,
  fn: (lib: CacheModule) => Promise<T>,
): Promise<CacheCall<T | undefined> & { taken?: boolean }> {
  installOutputFilter();
  const ctx: CallContext = { faults: [], taken: false, abandoned: false };
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), deadlineMs);
  });
  try {
    const result = await Promise.race([calls.run(ctx, async () => fn(await load())), deadline]);
    const ms = performance.now() - started;
    if (result === 'timeout') {
      ctx.abandoned = true;
      return { value: undefined, fault: fault(log, overdue(what, deadlineMs)), ms };
    }
    return { value: result, fault: ctx.faults[0], ms, taken: ctx.taken };
  } catch (err) {
    // Only validation errors are thrown (a key too long, no path): a bug here, not a fault there.
    const ms = performance.now() - started;
    return {
      value: undefined,
      fault: fault(log, `cache ${what} failed: ${errorMessage(err)}`),
      ms,
    };
  } finally {
    clearTimeout(timer);
  }
}

/** One outage, one warning: a fault after the first is recorded for the caller, not printed. */
function fault(log: Logger, message: string): string {
  if (!warned) log.warning(message);
  warned = true;
  return message;
}

const overdue = (what: string, deadlineMs: number, last?: string) =>
  `the cache service did not finish the ${what} within ${(deadlineMs / 1000).toFixed(0)} s${last ? ` (${last})` : ''}: going on without it`;

export function actionsCacheStore(
  env: Readonly<Record<string, string | undefined>>,
  log: Logger,
): CacheStore {
  const cfg = serviceConfig(env);
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  if (cfg.ok) void compressionMethod(); // a process to start: under way while the caller works

  return {
    async available() {
      return cfg.ok ? { ok: true } : { ok: false, reason: cfg.reason };
    },
    async lookup(paths, key, restoreKeys, deadlineMs) {
      const started = performance.now();
      const done = (
        value: CacheEntryRef | undefined,
        f?: string,
      ): CacheCall<CacheEntryRef | undefined> => ({
        value,
        fault: f,
        ms: performance.now() - started,
      });
      if (!cfg.ok) return done(undefined, fault(log, `Failed to restore: ${cfg.reason}`));
      if (!cfg.readable) return done(undefined);
      const deadline = AbortSignal.timeout(deadlineMs);
      const version = cacheVersion(paths, await compressionMethod());
      let last: ServiceError | undefined;
      try {
        const found = await retrying(
          deadline,
          () => findEntry(cfg, key, restoreKeys, version, deadline),
          (err) => (last = err),
        );
        return done(found && { key: found.key, location: found.url });
      } catch (err) {
        if (deadline.aborted)
          return done(
            undefined,
            fault(log, overdue('lookup', deadlineMs, last && `last: ${last.message}`)),
          );
        return done(undefined, fault(log, `Failed to restore: ${errorMessage(err)}`));
      }
    },
    async restore(dir, entry, deadlineMs, archivedFrom) {
      const started = performance.now();
      const deadline = AbortSignal.timeout(deadlineMs);
      const ms = () => performance.now() - started;
      try {
        const r = await restoreArchive({
          url: entry.location,
          compression: await compressionMethod(),
          cacheDir: dir,
          workspace,
          archivedFrom,
          signal: deadline,
        });
        return { value: { archiveBytes: r.archiveBytes }, ms: ms() };
      } catch (err) {
        if (deadline.aborted)
          return { value: {}, fault: fault(log, overdue('restore', deadlineMs)), ms: ms() };
        if (err instanceof BadArchive) return { value: { rejected: err.message }, ms: ms() };
        if (err instanceof DownloadError)
          return { value: {}, fault: fault(log, `Failed to restore: ${err.message}`), ms: ms() };
        // Not the service's fault nor the archive's (the cache dir cannot be written, …).
        return { value: { rejected: errorMessage(err) }, ms: ms() };
      }
    },
    async save(paths, key, deadlineMs) {
      if (cfg.ok && cfg.protocol === 'v2') {
        const started = performance.now();
        const ms = () => performance.now() - started;
        const signal = AbortSignal.timeout(deadlineMs);
        try {
          const r = await saveArchive({
            cfg,
            paths,
            key,
            workspace,
            tempDir: env.RUNNER_TEMP || os.tmpdir(),
            compression: await compressionMethod(),
            signal,
          });
          if ('taken' in r) {
            log.notice(`Cache not saved: the key is already taken (${quote(r.taken)})`);
            return { value: { saved: false, taken: true }, ms: ms() };
          }
          return { value: { saved: true, taken: false }, ms: ms() };
        } catch (err) {
          const why = signal.aborted
            ? overdue('save', deadlineMs)
            : `Failed to save: ${errorMessage(err)}`;
          return { value: { saved: false, taken: false }, fault: fault(log, why), ms: ms() };
        }
      }
      // The library packs before it reserves: an exact-key lookup first spares packing an
      // archive the service would refuse. (The action's own save reserves while it packs.)
      const look = await this.lookup(paths, key, [], LOOKUP_DEADLINE_MS);
      if (look.fault)
        return { value: { saved: false, taken: false }, fault: look.fault, ms: look.ms };
      if (look.value?.key === key) {
        log.notice(`Cache not saved: ${key} is already saved (a re-run or a parallel job)`);
        return { value: { saved: false, taken: true }, ms: look.ms };
      }
      const r = await call(log, deadlineMs, 'save', (lib) => lib.saveCache(paths, key));
      return {
        value: { saved: r.value !== undefined && r.value !== -1, taken: r.taken === true },
        fault: r.fault,
        ms: r.ms,
      };
    },
  };
}
