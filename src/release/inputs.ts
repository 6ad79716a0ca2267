// The inputs of the release to Heroku (SPEC §12): their parsers, and their rows of the input table.
import { custom, oneOf, orList } from '../input-kinds.js';
import { redactUrl } from '../trust/log-text.js';
import { bad } from '../trust/refusal.js';

export const HEROKU_RELEASE_MODES = ['if-changed', 'always'] as const;
export type HerokuReleaseMode = (typeof HEROKU_RELEASE_MODES)[number];

export const HEROKU_API_URL = 'https://api.heroku.com';

/** Heroku's app names (3 to 30 characters), or an app's id. */
const APP_NAME = /^[a-z][a-z0-9-]{1,28}[a-z0-9]$/;
const APP_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** heroku-app: a name or an id, which then goes into API paths as it is. */
export function herokuApp(value: string, label: string): string {
  if (APP_NAME.test(value) || APP_ID.test(value)) return value;
  throw bad(
    label,
    value,
    "not a Heroku app; use the app's name (3 to 30 lowercase letters, digits and dashes, starting with a letter) or its id",
  );
}

/**
 * heroku-api-url: an http(s) URL without credentials (the key comes from HEROKU_API_KEY only),
 * query or fragment; returned without a trailing slash.
 */
export function herokuApiUrl(value: string, label: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol) || !/^https?:\/\/[^\s/]+/i.test(value)) {
    throw bad(label, redactUrl(value), 'not a URL; use https://api.heroku.com or a proxy of it');
  }
  if (url.username || url.password) {
    throw bad(
      label,
      redactUrl(value),
      'a URL with credentials; the API key comes from the HEROKU_API_KEY variable only: take them out',
    );
  }
  if (url.search || url.hash || /\s/.test(value)) {
    throw bad(label, value, 'not a base URL; use https://host[/path] without ? or #');
  }
  // The URL parser folds `..` (and `%2e%2e`) away: the text as given is what is checked.
  const given = value.replace(/^[a-z]+:\/\/[^/]*/i, '');
  if (given.split('/').some((p) => /^(?:\.|%2e){1,2}$/i.test(p))) {
    throw bad(label, value, 'not a base URL; use a path without . or .. segments');
  }
  return url.href.replace(/\/+$/, '');
}

export const RELEASE_INPUTS = [
  custom({
    name: 'heroku-app',
    env: 'HEROKU_APP',
    help: 'release the checked slug to this Heroku app (key: env HEROKU_API_KEY)',
    parse: ({ value, label }) => herokuApp(value, label),
  }),
  custom({
    name: 'heroku-api-url',
    default: HEROKU_API_URL,
    help: `the Heroku Platform API (default ${HEROKU_API_URL})`,
    parse: ({ value, label }) => herokuApiUrl(value, label),
  }),
  oneOf(HEROKU_RELEASE_MODES, {
    name: 'heroku-release',
    default: 'if-changed',
    help: (modes) => `${orList(modes)}: if-changed skips a slug the app already runs`,
  }),
] as const;
