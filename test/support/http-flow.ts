// Flow control shared by the loopback servers.
import type { ServerResponse } from 'node:http';

/** Writes `chunk` and resolves once it has been handed to the kernel. */
export function writeFlushed(res: ServerResponse, chunk: Buffer): Promise<void> {
  return new Promise((resolve) => res.write(chunk, () => resolve()));
}

/** Resolves on 'drain', or when the client went away (so a dead socket never hangs the handler). */
export function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
