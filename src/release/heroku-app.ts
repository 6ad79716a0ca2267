// The app the slug is released to, looked up while the plan is made (SPEC §12): before any
// download, a key without access, an app that takes no slugs, or a missing key is refused.
import { UserError } from '../errors.js';
import { quote } from '../trust/log-text.js';
import { herokuCall, type HerokuApi } from './heroku-api.js';

export interface HerokuApp {
  id: string;
  name: string;
  /** The stack its dynos run (`heroku-24`). */
  stack: string;
}

interface AppAnswer {
  id?: unknown;
  name?: unknown;
  stack?: { name?: unknown };
  generation?: { name?: unknown } | string;
}

export async function lookupHerokuApp(api: HerokuApi): Promise<HerokuApp> {
  const a = await herokuCall<AppAnswer>(api, 'GET', `/apps/${api.app}`, 'the app');
  const generation = typeof a.generation === 'string' ? a.generation : a.generation?.name;
  const label = `heroku-app: ${quote(api.app)}`;
  if (generation === 'fir') {
    throw new UserError(
      `${label} is a Fir app, which releases OCI images, not slugs; release to a Cedar app (or deploy this one with git push)`,
    );
  }
  const stack = typeof a.stack?.name === 'string' ? a.stack.name : '';
  if (stack === 'container') {
    throw new UserError(
      `${label} runs the container stack (Docker images), not slugs; release to an app on a heroku-* stack`,
    );
  }
  if (typeof a.id !== 'string' || typeof a.name !== 'string' || stack === '') {
    throw new UserError(
      `${label}: the Heroku API's answer for the app lacks its id, name or stack`,
    );
  }
  return { id: a.id, name: a.name, stack };
}
