import * as core from '@actions/core';
import { UserError, errorMessage } from './errors.js';
import { runPipeline } from './pipeline.js';
import { actionsRuntime } from './runtime/actions.js';

/** The action's main step, as the runner starts it (`node dist/main/index.js`). */
async function main(): Promise<void> {
  try {
    await runPipeline(actionsRuntime());
  } catch (err) {
    if (!(err instanceof UserError) && err instanceof Error && err.stack) core.debug(err.stack);
    core.setFailed(errorMessage(err));
  }
}

await main();
// A cache call abandoned at its deadline may still hold timers: the step is over.
process.exit(process.exitCode ?? 0);
