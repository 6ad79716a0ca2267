// A Logger for in-process tests of the cache service: it keeps the warnings and notices a call
// printed (the service's one-warning-per-step rule is seen there) and drops the rest; and a way
// to run the real @actions/cache without its narration on the test's output.
import type { Logger } from '../../src/runtime/ports.js';

export function recordingLog(): Logger & { warnings: string[]; notices: string[] } {
  const warnings: string[] = [];
  const notices: string[] = [];
  return {
    warnings,
    notices,
    info: () => undefined,
    debug: () => undefined,
    notice: (m) => void notices.push(m),
    warning: (m) => void warnings.push(m),
    group: (_t, fn) => fn(),
  };
}

/** Runs `fn` with stdout discarded: the library narrates every call. */
export async function withoutStdout<T>(fn: () => Promise<T>): Promise<T> {
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    return await fn();
  } finally {
    process.stdout.write = write;
  }
}
