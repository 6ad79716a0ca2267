import { UserError, errorMessage } from '../errors.js';
import type { DownloadBase } from './source.js';
import type { Logger } from '../runtime/ports.js';
import { show } from '../trust/log-text.js';
import { HttpStatusError, httpGet, readBody, withRetries } from './http.js';
import type { GoRelease } from './releases.js';

export function indexUrl(baseUrl: string): string {
  return `${baseUrl}/?mode=json&include=all`;
}

/** Fetches and sanity-checks the go.dev-format release index. */
export async function fetchReleaseIndex(base: DownloadBase, log: Logger): Promise<GoRelease[]> {
  const url = indexUrl(base.url);
  try {
    const text = await withRetries('Fetching the Go release index', log, async () =>
      readBody(await httpGet(url, base.authorization)),
    );
    const data: unknown = JSON.parse(text);
    if (
      !Array.isArray(data) ||
      data.some((r) => typeof r?.version !== 'string' || !Array.isArray(r?.files))
    ) {
      throw new UserError(
        `The Go release index at ${show(url)} is not in the go.dev format ([{version, stable, files}])`,
      );
    }
    return data as GoRelease[];
  } catch (err) {
    if (err instanceof HttpStatusError) {
      throw new UserError(
        `Could not fetch the Go release index: ${show(url)} answered HTTP ${err.status}`,
      );
    }
    if (err instanceof SyntaxError) {
      throw new UserError(`The Go release index at ${show(url)} is not valid JSON: ${err.message}`);
    }
    if (err instanceof UserError) throw err;
    throw new UserError(`Could not fetch the Go release index ${show(url)}: ${errorMessage(err)}`);
  }
}
