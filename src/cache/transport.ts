import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';

/**
 * HTTP for the cache service, without @actions/http-client where it is not needed: that client
 * loads undici and a tunnel agent (about 0.1 s) for proxy support alone. So a runner with no
 * proxy variable for the URL's scheme gets node's http/https directly; one with a proxy gets the
 * runner's own client (loaded then), which reads http(s)_proxy and no_proxy as every Actions
 * tool does.
 */

export interface Request {
  method: 'GET' | 'POST' | 'PUT';
  headers?: Record<string, string>;
  /** A stream is sent as it comes (the caller gives its Content-Length). */
  body?: string | Readable;
  /** Aborts the request (and its response stream). */
  signal?: AbortSignal;
}

/** No data on the socket for this long ends the request (a stalled download). */
const IDLE_MS = 30_000;

function proxied(url: URL, env: Readonly<Record<string, string | undefined>>): boolean {
  const names =
    url.protocol === 'https:' ? ['https_proxy', 'HTTPS_PROXY'] : ['http_proxy', 'HTTP_PROXY'];
  return names.some((n) => !!env[n]);
}

/** Sends the request; resolves with the response (any status) once its headers arrive. */
export async function send(
  url: string,
  req: Request,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<IncomingMessage> {
  const u = new URL(url);
  if (proxied(u, env)) return viaActionsClient(url, req);
  const lib = u.protocol === 'https:' ? https : http;
  return new Promise<IncomingMessage>((resolve, reject) => {
    const r = lib.request(
      u,
      { method: req.method, headers: req.headers, signal: req.signal },
      resolve,
    );
    r.setTimeout(IDLE_MS, () => r.destroy(new Error(`no answer for ${IDLE_MS / 1000} s`)));
    r.on('error', reject);
    if (typeof req.body === 'object') {
      req.body.on('error', (err) => r.destroy(err));
      req.body.pipe(r);
    } else r.end(req.body);
  });
}

async function viaActionsClient(url: string, req: Request): Promise<IncomingMessage> {
  const { HttpClient } = await import('@actions/http-client');
  const client = new HttpClient('go-paas-build', [], {
    allowRetries: false,
    socketTimeout: IDLE_MS,
  });
  req.signal?.addEventListener('abort', () => client.dispose(), { once: true });
  const res = await client.request(req.method, url, req.body ?? null, req.headers ?? {});
  return res.message;
}
