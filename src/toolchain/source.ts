import { bad } from '../trust/refusal.js';
import { basicAuthorization } from '../trust/credentials.js';
import { redactUrl } from '../trust/log-text.js';
import { toolchainProxy, type ToolchainProxy } from './proxy-settings.js';

/** Where Go comes from: go-download-base-url (`dl`) or golang.org/toolchain via GOPROXY. */
export type ToolchainSource = { kind: 'dl' } | { kind: 'proxy'; proxy: ToolchainProxy };

/** What `go-download-base-url` holds, credentials taken out of the URL (SPEC §9: never printed). */
export interface DownloadBase {
  /** Without user information and without a trailing slash. */
  url: string;
  /** `Basic …` from the URL's user information, sent as a header (dropped on a cross-host redirect). */
  authorization?: string;
}

export function downloadBase(raw: string, label: string): DownloadBase {
  const trimmed = raw.replace(/\/+$/, '');
  let url: URL | undefined;
  try {
    url = new URL(trimmed);
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol) || !/^https?:\/\/[^\s/]+/i.test(trimmed)) {
    throw bad(label, redactUrl(raw), 'not a URL; use https://host/path');
  }
  let authorization: string | undefined;
  try {
    authorization = basicAuthorization(url);
  } catch {
    throw bad(
      label,
      redactUrl(raw),
      'not a URL (bad %-escape in its credentials); use https://user:token@host/path',
    );
  }
  url.username = '';
  url.password = '';
  return { url: url.href.replace(/\/+$/, ''), authorization };
}

/**
 * The go command's variables as it would read them for golang.org/toolchain: checked when the
 * inputs are read, before any download.
 */
export function toolchainSource(
  kind: ToolchainSource['kind'],
  goEnv: Readonly<Record<string, string>>,
  env: Readonly<Record<string, string | undefined>>,
): ToolchainSource {
  if (kind !== 'proxy') return { kind: 'dl' };
  return {
    kind: 'proxy',
    proxy: toolchainProxy({
      ...goEnv,
      GOSUMDB: env.GOSUMDB,
      GOINSECURE: env.GOINSECURE,
      GIT_HTTP_USER_AGENT: env.GIT_HTTP_USER_AGENT,
    }),
  };
}
