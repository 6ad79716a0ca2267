// The Heroku Platform API (version 3), as the release uses it: JSON calls with the key as a bearer
// token, 429 and 5xx retried with backoff, and every other failure one line that names the app
// and never the key.
import type { IncomingMessage } from 'node:http';
import { send, type Request } from '../cache/transport.js';
import { UserError, errorMessage } from '../errors.js';
import type { Logger } from '../runtime/ports.js';
import { readBytes } from '../toolchain/http.js';
import { quote, show } from '../trust/log-text.js';

export const HEROKU_ACCEPT = 'application/vnd.heroku+json; version=3';
/** Waits before the retries of a call that met 429, a 5xx or a network fault. */
const BACKOFF_MS = [500, 1000, 2000, 4000];
/** The most of an answer read (API answers are small JSON documents). */
const MAX_ANSWER = 4 << 20;

export interface HerokuApi {
  /** The API's base URL, without a trailing slash. */
  base: string;
  key: string;
  /** The app, as given (name or id): named in every refusal. */
  app: string;
  log: Logger;
  env: Readonly<Record<string, string | undefined>>;
}

/** An answer the API gave with a status that is not 2xx, after any retries. */
export class HerokuStatusError extends UserError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Heroku's error body (`{"id": "not_found", "message": "…"}`), as one shown phrase. */
function reason(body: string): string {
  try {
    const e = JSON.parse(body) as { id?: unknown; message?: unknown };
    const parts = [e.id, e.message].filter((p): p is string => typeof p === 'string' && p !== '');
    if (parts.length) return quote(parts.join(': '));
  } catch {
    // not JSON: said below
  }
  return body.trim() ? quote(body.trim().slice(0, 200)) : 'no reason given';
}

/** The one line for a final status: who refused what, and what to do. */
function refusal(api: HerokuApi, what: string, status: number, body: string): HerokuStatusError {
  const app = `heroku-app: ${quote(api.app)}`;
  if (status === 401) {
    return new HerokuStatusError(
      status,
      `${app}: the HEROKU_API_KEY was refused (HTTP 401, ${reason(body)}); set HEROKU_API_KEY to a valid key (heroku authorizations:create)`,
    );
  }
  if (status === 403) {
    return new HerokuStatusError(
      status,
      `${app}: the HEROKU_API_KEY has no access to ${what} (HTTP 403, ${reason(body)}); use a key of a member of the app with the deploy permission`,
    );
  }
  if (status === 404) {
    return new HerokuStatusError(
      status,
      `${app}: not found (HTTP 404 on ${what}, ${reason(body)}); check the app's name and that the HEROKU_API_KEY can see it`,
    );
  }
  return new HerokuStatusError(
    status,
    `${app}: the Heroku API refused ${what} (HTTP ${status}, ${reason(body)})`,
  );
}

function parsed<T>(api: HerokuApi, what: string, text: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new UserError(
      `heroku-app: ${quote(api.app)}: the Heroku API answered ${what} with something that is not JSON`,
    );
  }
}

const retryable = (status: number) => status === 429 || status >= 500;

/**
 * One call, retried while the answer is 429, a 5xx or a network fault (at most
 * {@link BACKOFF_MS}.length retries). `what` names the call in messages (`the app`, `the slug`).
 */
export async function herokuCall<T>(
  api: HerokuApi,
  method: Request['method'],
  path: string,
  what: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const json = body === undefined ? undefined : JSON.stringify(body);
  for (let attempt = 0; ; attempt++) {
    let fault: string;
    try {
      const res = await send(
        `${api.base}${path}`,
        {
          method,
          headers: {
            Accept: HEROKU_ACCEPT,
            Authorization: `Bearer ${api.key}`,
            'User-Agent': 'go-paas-build',
            ...(json === undefined
              ? {}
              : {
                  'Content-Type': 'application/json',
                  'Content-Length': String(Buffer.byteLength(json)),
                }),
            ...headers,
          },
          body: json,
        },
        api.env,
      );
      const status = res.statusCode ?? 0;
      const text = (await readBytes(res, MAX_ANSWER)).toString('utf8');
      if (status >= 200 && status < 300) return parsed<T>(api, what, text);
      if (!retryable(status) || attempt >= BACKOFF_MS.length) {
        throw refusal(api, what, status, text);
      }
      fault = `HTTP ${status}`;
    } catch (err) {
      if (err instanceof UserError || attempt >= BACKOFF_MS.length) {
        if (err instanceof UserError) throw err;
        throw new UserError(
          `heroku-app: ${quote(api.app)}: the Heroku API at ${show(api.base)} could not be reached (${errorMessage(err)})`,
        );
      }
      fault = errorMessage(err);
    }
    const wait = BACKOFF_MS[attempt]!;
    api.log.info(`Heroku API: ${what} failed (${fault}); retrying in ${wait} ms`);
    await new Promise((r) => setTimeout(r, wait));
  }
}

/** GET of a URL the API gave (a release's output stream): the response, whatever its status. */
export async function openStream(
  api: HerokuApi,
  url: string,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  return send(url, { method: 'GET', signal }, api.env);
}
