// The Twirp JSON transport that both results services speak: `POST /twirp/<service>/<Method>` with
// a JSON body and a Bearer token. The answer is always JSON, errors included
// (`{"code":…,"msg":…}`), because the toolkit clients retry a non-JSON answer for about 30 s.
// A service (cache-service.ts, artifact-service.ts) is a table of method → handler. This module
// routes a call to its handler, decodes the body, checks the token, applies the service's fault
// switch, and writes the answer. It also holds the proto3 JSON field readers the handlers share.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestLogEntry } from './server.js';

/** A Twirp error answer: that HTTP status with `{"code":…,"msg":…}`. */
export interface TwirpFault {
  status: number;
  msg: string;
  /** Twirp error code; derived from the status when omitted (409 → already_exists, …). */
  code?: string;
  /** Only these methods (e.g. `['CreateCacheEntry']`); all of the service's methods when omitted. */
  methods?: string[];
}

/** A decoded request or an answer. */
export type Json = Record<string, unknown>;

/** What a service gives the transport: its methods, and its fault switch (read per call). */
export interface TwirpService {
  methods: Record<string, (body: Json) => Json>;
  fault: () => TwirpFault | undefined;
}

/** Thrown by a handler (or the transport) to answer a Twirp error instead of a result. */
export class TwirpError extends Error {
  constructor(
    readonly status: number,
    msg: string,
    readonly code = twirpCode(status),
  ) {
    super(msg);
  }
}

function twirpCode(status: number): string {
  const codes: Record<number, string> = {
    400: 'invalid_argument',
    401: 'unauthenticated',
    403: 'permission_denied',
    404: 'not_found',
    408: 'deadline_exceeded',
    409: 'already_exists',
    412: 'failed_precondition',
    429: 'resource_exhausted',
    501: 'unimplemented',
    503: 'unavailable',
  };
  return codes[status] ?? (status >= 500 ? 'internal' : 'unknown');
}

export async function readAll(req: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of req) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
/** proto3 JSON unwraps wrapper types (`"x"`), but accept the `{"value":"x"}` form too. */
export const wrapped = (v: unknown): string | undefined =>
  typeof v === 'string'
    ? v
    : typeof v === 'number'
      ? String(v)
      : v && typeof v === 'object' && 'value' in v
        ? wrapped((v as { value: unknown }).value)
        : undefined;
/** int64 fields are JSON strings; numbers are accepted too. */
export const int64 = (v: unknown): number | undefined => {
  const s = wrapped(v);
  if (s === undefined || !/^-?\d+$/.test(s)) return undefined;
  return Number(s);
};

export function required(body: Json, field: string): string {
  const v = str(body[field]);
  if (!v) throw new TwirpError(400, `${field} is required`);
  return v;
}

/**
 * Answers one Twirp call to `service` (undefined for a service this server does not have). The
 * checks run in this order: route, body, token, fault. The status (and the decoded body) go into
 * `entry`.
 */
export async function handleTwirp(
  req: IncomingMessage,
  res: ServerResponse,
  entry: RequestLogEntry,
  service: TwirpService | undefined,
  method: string,
): Promise<void> {
  const send = (status: number, body: Json): void => {
    entry.status = status;
    res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  };
  const raw = await readAll(req);
  try {
    const methods = service?.methods ?? {};
    const impl = Object.hasOwn(methods, method) ? methods[method] : undefined;
    if (!impl || req.method !== 'POST') {
      throw new TwirpError(404, `no handler for path "${entry.path}"`, 'bad_route');
    }
    let body: Json;
    try {
      const parsed: unknown = JSON.parse(raw.toString('utf8') || '{}');
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error();
      body = parsed as Json;
      entry.body = body;
    } catch {
      throw new TwirpError(400, 'the json request could not be decoded', 'malformed');
    }
    if (!/^Bearer \S/.test(req.headers.authorization ?? '')) {
      throw new TwirpError(401, 'missing or malformed runtime token');
    }
    const fault = service?.fault();
    if (fault && (!fault.methods || fault.methods.includes(method))) {
      throw new TwirpError(fault.status, fault.msg, fault.code);
    }
    send(200, impl(body));
  } catch (err) {
    if (!(err instanceof TwirpError)) throw err;
    send(err.status, { code: err.code, msg: err.message });
  }
}
