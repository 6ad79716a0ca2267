// A loopback stand-in of the Heroku Platform API (version 3), written from its public reference:
// apps, slugs, releases, and the slug blob store behind the presigned URL a new slug carries.
// It answers as the API does (JSON bodies, `{"id": …, "message": …}` errors, the Range header on
// release lists) and is stricter where the real services are strict: a call without the
// version-3 Accept header or the bearer key is refused, and the blob store, like a presigned
// storage URL, refuses an Authorization header, a Content-Type, or a body without a
// Content-Length.
import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInApp {
  name: string;
  stack: string;
  generation?: 'cedar' | 'fir';
  /** The key may not see it: 403. */
  forbidden?: boolean;
}

export interface RecordedCall {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: http.IncomingHttpHeaders;
  /** The JSON body, parsed (API calls). */
  json?: unknown;
  /** The body's bytes (blob uploads). */
  bytes?: Buffer;
}

interface Slug {
  id: string;
  app: string;
  body: Record<string, unknown>;
  blob?: Buffer;
}

interface Release {
  id: string;
  app: string;
  version: number;
  slug: string;
  status: 'pending' | 'succeeded' | 'failed';
  current: boolean;
  polls: number;
  description: string;
}

/** What a new release does: how many looks it stays pending, its end, its release phase's output. */
export interface ReleaseScript {
  pendingPolls: number;
  outcome: 'succeeded' | 'failed';
  output: string[];
}

export interface HerokuStandIn {
  url: string;
  calls: RecordedCall[];
  slugs: Map<string, Slug>;
  releases: Release[];
  script: ReleaseScript;
  /** The next answers of calls matching `method` and `path` (a regexp on the path): these statuses. */
  fault(method: string, path: RegExp, statuses: number[]): void;
  close(): Promise<void>;
}

const ACCEPT = 'application/vnd.heroku+json; version=3';
const PROCESS_TYPE = /^[-\w]{1,128}$/;

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}
const error = (res: http.ServerResponse, status: number, id: string, message: string) =>
  send(res, status, { id, message });

export async function startHerokuStandIn(opts: {
  key: string;
  apps: StandInApp[];
}): Promise<HerokuStandIn> {
  const apps = opts.apps.map((a) => ({ ...a, id: randomUUID() }));
  const calls: RecordedCall[] = [];
  const slugs = new Map<string, Slug>();
  const releases: Release[] = [];
  const faults: { method: string; path: RegExp; statuses: number[] }[] = [];
  const signatures = new Map<string, string>();
  const script: ReleaseScript = { pendingPolls: 0, outcome: 'succeeded', output: [] };
  let base = '';

  const appJson = (a: (typeof apps)[number]) => ({
    id: a.id,
    name: a.name,
    stack: { id: randomUUID(), name: a.stack },
    build_stack: { id: randomUUID(), name: a.stack },
    generation: { id: randomUUID(), name: a.generation ?? 'cedar' },
    web_url: `https://${a.name}.example.invalid/`,
  });
  const slugJson = (s: Slug) => ({
    id: s.id,
    blob: { method: 'put', url: `${base}/blobs/${s.id}?Signature=${signatures.get(s.id)}` },
    ...s.body,
    stack: { id: randomUUID(), name: s.body.stack },
    size: s.blob?.length ?? null,
  });
  const releaseJson = (r: Release) => ({
    id: r.id,
    version: r.version,
    status: r.status,
    current: r.current,
    description: r.description,
    slug: { id: r.slug },
    output_stream_url: script.output.length ? `${base}/streams/${r.id}` : null,
  });

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const bytes = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', 'http://x');
      const call: RecordedCall = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
      };
      calls.push(call);
      const fault = faults.find(
        (f) => f.method === req.method && f.path.test(url.pathname) && f.statuses.length,
      );
      if (fault) return error(res, fault.statuses.shift()!, 'fault', 'an injected fault');

      // The blob store: a presigned URL, nothing else.
      const blob = /^\/blobs\/([\w-]+)$/.exec(url.pathname);
      if (blob) {
        call.bytes = bytes;
        const slug = slugs.get(blob[1]!);
        if (
          req.method !== 'PUT' ||
          !slug ||
          url.searchParams.get('Signature') !== signatures.get(slug.id)
        ) {
          return error(res, 403, 'AccessDenied', 'Request has expired or the signature is wrong');
        }
        if (req.headers.authorization) {
          return error(res, 400, 'InvalidArgument', 'Only one auth mechanism allowed');
        }
        if (req.headers['content-type'] !== undefined) {
          return error(
            res,
            403,
            'SignatureDoesNotMatch',
            'The request signature does not match (Content-Type)',
          );
        }
        if (req.headers['content-length'] === undefined || req.headers['transfer-encoding']) {
          return error(
            res,
            411,
            'MissingContentLength',
            'You must provide the Content-Length HTTP header',
          );
        }
        slug.blob = bytes;
        res.writeHead(200);
        return res.end();
      }
      // The release phase's output: plain text, a line at a time, until the release ends.
      const stream = /^\/streams\/([\w-]+)$/.exec(url.pathname);
      if (stream) {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        const lines = [...script.output];
        const next = () => {
          const line = lines.shift();
          if (line === undefined) return res.end();
          res.write(`${line}\n`);
          setTimeout(next, 20);
        };
        return next();
      }

      if (req.headers.accept !== ACCEPT) {
        return error(res, 400, 'bad_request', `Accept must be ${ACCEPT}`);
      }
      if (req.headers.authorization !== `Bearer ${opts.key}`) {
        return error(res, 401, 'unauthorized', 'Invalid credentials provided.');
      }
      let json: Record<string, unknown> = {};
      if (bytes.length) {
        try {
          json = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
          call.json = json;
        } catch {
          return error(res, 400, 'bad_request', 'Invalid JSON');
        }
      }
      const m = /^\/apps\/([^/]+)(?:\/(slugs|releases)(?:\/([^/]+))?)?$/.exec(url.pathname);
      const app = m && apps.find((a) => a.name === m[1] || a.id === m[1]);
      if (!m || !app) return error(res, 404, 'not_found', "Couldn't find that app.");
      if (app.forbidden) return error(res, 403, 'forbidden', 'You do not have access to the app.');
      const [, , kind, id] = m;

      if (!kind && req.method === 'GET') return send(res, 200, appJson(app));
      if (kind === 'slugs' && req.method === 'POST' && !id) {
        const types = json.process_types;
        if (typeof types !== 'object' || types === null || Array.isArray(types)) {
          return error(res, 422, 'invalid_params', 'process_types must be an object');
        }
        for (const [name, cmd] of Object.entries(types)) {
          if (!PROCESS_TYPE.test(name) || typeof cmd !== 'string') {
            return error(res, 422, 'invalid_params', `Invalid process type: ${name}`);
          }
        }
        if (typeof json.checksum !== 'string' || !/^SHA256:[0-9a-f]{64}$/.test(json.checksum)) {
          return error(res, 422, 'invalid_params', 'checksum must be SHA256:<hex>');
        }
        if (json.stack !== undefined && json.stack !== app.stack) {
          return error(res, 422, 'invalid_params', `Stack ${String(json.stack)} is not the app's`);
        }
        const slug: Slug = { id: randomUUID(), app: app.id, body: json };
        slugs.set(slug.id, slug);
        signatures.set(slug.id, randomUUID().replace(/-/g, ''));
        return send(res, 201, slugJson(slug));
      }
      if (kind === 'slugs' && req.method === 'GET' && id) {
        const slug = slugs.get(id);
        if (!slug || slug.app !== app.id)
          return error(res, 404, 'not_found', "Couldn't find that slug.");
        return send(res, 200, slugJson(slug));
      }
      const own = releases.filter((r) => r.app === app.id);
      if (kind === 'releases' && req.method === 'GET' && !id) {
        const range = /^version \.\.; order=desc, max=(\d+)$/.exec(String(req.headers.range ?? ''));
        const sorted = [...own].sort((a, b) =>
          range ? b.version - a.version : a.version - b.version,
        );
        return send(res, 200, sorted.slice(0, range ? Number(range[1]) : 200).map(releaseJson));
      }
      if (kind === 'releases' && req.method === 'POST' && !id) {
        const slug = typeof json.slug === 'string' ? slugs.get(json.slug) : undefined;
        if (!slug || slug.app !== app.id)
          return error(res, 404, 'not_found', "Couldn't find that slug.");
        const sum = slug.blob && `SHA256:${createHash('sha256').update(slug.blob).digest('hex')}`;
        if (sum !== slug.body.checksum) {
          return error(
            res,
            422,
            'invalid_params',
            'The slug was not uploaded, or its checksum differs',
          );
        }
        const release: Release = {
          id: randomUUID(),
          app: app.id,
          version: own.reduce((v, r) => Math.max(v, r.version), 0) + 1,
          slug: slug.id,
          status: 'pending',
          current: false,
          polls: script.pendingPolls,
          description: String(json.description ?? ''),
        };
        // Without a release phase, a release is done when it is made.
        if (!script.output.length && script.pendingPolls === 0) {
          release.status = script.outcome;
          if (release.status === 'succeeded') for (const x of own) x.current = false;
          release.current = release.status === 'succeeded';
        }
        releases.push(release);
        return send(res, 201, releaseJson(release));
      }
      if (kind === 'releases' && req.method === 'GET' && id) {
        const r = own.find((x) => x.id === id || String(x.version) === id);
        if (!r) return error(res, 404, 'not_found', "Couldn't find that release.");
        if (r.status === 'pending' && r.polls-- <= 0) {
          r.status = script.outcome;
          if (r.status === 'succeeded') for (const x of own) x.current = x === r;
        }
        return send(res, 200, releaseJson(r));
      }
      return error(res, 404, 'not_found', 'Not found.');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    calls,
    slugs,
    releases,
    script,
    fault: (method, path, statuses) => void faults.push({ method, path, statuses: [...statuses] }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
