import * as core from '@actions/core';

/**
 * The post step (runs after the job's other steps). Saving the module and build caches belongs
 * here; until the caches exist it has nothing to do and says so in debug logs.
 */
function post(): void {
  core.debug('go-paas-build post step: no caches to save');
}

post();
