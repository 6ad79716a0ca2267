import { AsyncLocalStorage } from 'node:async_hooks';
import { installOutputHold } from '../runtime/capture.js';
import type { CacheCall, CacheStore, Logger } from '../runtime/ports.js';

/**
 * The Actions cache service through @actions/cache (loaded only when a cache is used).
 *
 * The library never throws on service faults: it prints a warning (or, for a 5xx, an error
 * annotation) and reports a miss. It also retries 5xx answers for about half a minute. This
 * wrapper makes both fit SPEC §4: every call runs with a deadline, after which the job goes on
 * without it; a call's log lines are attributed to it (AsyncLocalStorage follows the library's
 * promises), so a fault is known to the caller, 5xx "errors" are printed as the warnings they
 * are, and an abandoned call stays silent.
 */
interface CallContext {
  faults: string[];
  /** The service refused a save because the key exists (a re-run, a parallel matrix cell). */
  taken: boolean;
  archiveBytes?: number;
  abandoned: boolean;
}

const calls = new AsyncLocalStorage<CallContext>();
const FAULT = /^::(?:warning|error)::(Failed to (?:restore|save): .*)$/;
/** A taken key: github.com answers 409 (an info line), other services `ok: false` (a warning). */
const TAKEN =
  /^(?:::warning::Cache reservation failed: (.*)|Failed to save: (Unable to reserve cache with key .*))$/;
const SIZE = /^Cache Size: ~\d+ MB \((\d+) B\)/;
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
    const size = SIZE.exec(line);
    if (size) ctx.archiveBytes = Number(size[1]);
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
): Promise<CacheCall<T | undefined> & { archiveBytes?: number; taken?: boolean }> {
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
      const fault = `the cache service did not finish the ${what} within ${(deadlineMs / 1000).toFixed(0)} s`;
      if (!warned) log.warning(`${fault}: going on without it`);
      warned = true;
      return { value: undefined, fault, ms };
    }
    return {
      value: result,
      fault: ctx.faults[0],
      ms,
      archiveBytes: ctx.archiveBytes,
      taken: ctx.taken,
    };
  } catch (err) {
    // Only validation errors are thrown (a key too long, no path): a bug here, not a fault there.
    const ms = performance.now() - started;
    const fault = `cache ${what} failed: ${err instanceof Error ? err.message : String(err)}`;
    if (!warned) log.warning(fault);
    warned = true;
    return { value: undefined, fault, ms };
  } finally {
    clearTimeout(timer);
  }
}

export function actionsCacheStore(
  env: Readonly<Record<string, string | undefined>>,
  log: Logger,
): CacheStore {
  return {
    async available() {
      if (!env.ACTIONS_RESULTS_URL && !env.ACTIONS_CACHE_URL)
        return { ok: false, reason: 'no ACTIONS_RESULTS_URL: this runner offers no cache service' };
      if (!env.ACTIONS_RUNTIME_TOKEN)
        return { ok: false, reason: 'no ACTIONS_RUNTIME_TOKEN: this step has no cache access' };
      const lib = await load();
      return lib.isFeatureAvailable()
        ? { ok: true }
        : { ok: false, reason: 'the cache service is not available on this runner' };
    },
    async lookup(paths, key, restoreKeys, deadlineMs) {
      return call(log, deadlineMs, 'lookup', (lib) =>
        lib.restoreCache(paths, key, restoreKeys, { lookupOnly: true }),
      );
    },
    async restore(paths, key, restoreKeys, deadlineMs) {
      const r = await call(log, deadlineMs, 'restore', (lib) =>
        lib.restoreCache(paths, key, restoreKeys),
      );
      return {
        value: { matchedKey: r.value, archiveBytes: r.archiveBytes },
        fault: r.fault,
        ms: r.ms,
      };
    },
    async save(paths, key, deadlineMs) {
      const r = await call(log, deadlineMs, 'save', (lib) => lib.saveCache(paths, key));
      return {
        value: { saved: r.value !== undefined && r.value !== -1, taken: r.taken === true },
        fault: r.fault,
        ms: r.ms,
      };
    },
  };
}
