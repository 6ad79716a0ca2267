import { runner } from './adapters/runner-commands.js';
import { saveCaches } from './cache/save.js';
import { actionsCacheStore } from './cache/service.js';
import { BUILD_OK_STATE, STATE_NAME, type CacheState } from './cache/state.js';
import { errorMessage } from './errors.js';
import { actionsLogger } from './adapters/actions-log.js';

/**
 * The post step (after the job's other steps): saves the module and build caches the main step
 * restored or started. Never fails the job: caches are an optimisation.
 */
async function post(): Promise<void> {
  const text = runner.getState(STATE_NAME);
  if (!text) {
    runner.info('No caches to save (the main step did not get to restore them)');
    return;
  }
  // Only the cache service: the post step has nothing to upload, and its bundle no artifact client.
  const store = actionsCacheStore(process.env, actionsLogger);
  try {
    await saveCaches(
      store,
      actionsLogger,
      JSON.parse(text) as CacheState,
      runner.getState(BUILD_OK_STATE) === 'true',
    );
  } catch (err) {
    runner.warning(`Caches were not saved: ${errorMessage(err)}`);
  }
}

await post();
// A cache call abandoned at its deadline may still hold timers: the step is over.
process.exit(0);
