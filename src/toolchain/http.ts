import type { IncomingMessage } from 'node:http';
import { UserError, errorMessage } from '../errors.js';
import type { Logger } from '../runtime/ports.js';
import { show } from '../trust/log-text.js';

/** An HTTP answer we will not retry (a 4xx other than 408/429), or the last of the retried ones. */
export class HttpStatusError extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
  ) {
    super(`${show(url)} answered HTTP ${status}`);
  }
}

/** Network errors, 408, 429 and 5xx are worth another attempt; other 4xx are final at once. */
export function isRetryable(err: unknown): boolean {
  if (err instanceof HttpStatusError) {
    return err.status === 408 || err.status === 429 || err.status >= 500;
  }
  return !(err instanceof UserError);
}

export const ATTEMPTS = 3;
/** Backoff before attempts 2 and 3. Short: a 2-core CI job should not sit idle for long. */
const BACKOFF_MS = [500, 1500];

/** Runs `fn` up to three times while its failure is retryable, logging each retry. */
export async function withRetries<T>(what: string, log: Logger, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= ATTEMPTS || !isRetryable(err)) throw err;
      const wait = BACKOFF_MS[attempt - 1] ?? 1500;
      log.info(
        `${what} failed (${errorMessage(err)}); attempt ${attempt + 1} of ${ATTEMPTS} in ${wait} ms`,
      );
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

/**
 * GET with proxy support (http_proxy / https_proxy / no_proxy, like the rest of the runner's tools).
 * `authorization` (from credentials in go-download-base-url) goes as a header, which the client
 * drops when a redirect leads to another host. Resolves with the response stream on 2xx; throws
 * HttpStatusError otherwise.
 */
export async function httpGet(url: string, authorization?: string): Promise<IncomingMessage> {
  const { HttpClient } = await import('@actions/http-client');
  const client = new HttpClient('go-paas-build', [], {
    allowRetries: false,
    socketTimeout: 60_000,
  });
  const res = await client.get(url, authorization ? { authorization } : {});
  const status = res.message.statusCode ?? 0;
  if (status < 200 || status >= 300) {
    res.message.resume();
    throw new HttpStatusError(url, status);
  }
  return res.message;
}

export async function readBody(res: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of res) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The whole body as bytes; more than `limit` bytes is an error (a small answer was expected). */
export async function readBytes(res: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of res) {
    size += (c as Buffer).length;
    if (size > limit) {
      res.destroy();
      throw new UserError(`the answer is larger than ${limit} bytes`);
    }
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}
