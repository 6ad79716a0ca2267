import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Holds back what a piece of work writes to stdout while it runs beside another phase, and
 * writes it when its own phase comes: the log stays one group per phase even when two phases
 * overlap. Everything printed from the work's async context (its logger calls, the cache
 * client's own lines, workflow commands) is held, in order.
 */
interface Box {
  chunks: unknown[];
  released: boolean;
}
const held = new AsyncLocalStorage<Box>();
let installed = false;

/**
 * Patches stdout (once). The cache client's output filter (src/cache/service.ts) calls this
 * before patching stdout itself, so that it sees each line first, when it is written, in the
 * context of the call that wrote it.
 */
export function installOutputHold(): void {
  if (installed) return;
  installed = true;
  const write = process.stdout.write.bind(process.stdout) as (...args: unknown[]) => boolean;
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]): boolean => {
    const box = held.getStore();
    if (!box || box.released) return write(chunk, ...rest);
    box.chunks.push(chunk);
    // A write callback, if any, is called as if written.
    const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    if (cb) queueMicrotask(cb);
    return true;
  }) as typeof process.stdout.write;
}

export interface Held<T> {
  /** Settles with the work; its output stays held until `release`. */
  result: Promise<T>;
  /** Writes what the work printed so far, and from then on lets it print directly. */
  release(): void;
}

/** Starts `fn` with its stdout held back (see the module comment). */
export function holdOutput<T>(fn: () => Promise<T>): Held<T> {
  installOutputHold();
  const box: Box = { chunks: [], released: false };
  const result = held.run(box, fn);
  return {
    result,
    release() {
      if (box.released) return;
      box.released = true;
      for (const c of box.chunks.splice(0)) process.stdout.write(c as string | Uint8Array);
    },
  };
}
