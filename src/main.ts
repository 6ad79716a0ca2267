import { runner } from './adapters/runner-commands.js';
import { UserError, errorMessage } from './errors.js';
import { runPipeline } from './pipeline.js';
import { newReport, renderSummary } from './report/summary.js';
import { actionsRuntime } from './adapters/actions.js';
import type { Runtime } from './runtime/ports.js';

/** The action's main step, as the runner starts it (`node dist/main/index.js`). */
async function main(): Promise<void> {
  const report = newReport();
  let rt: Runtime | undefined;
  try {
    rt = actionsRuntime();
    await runPipeline(rt, report);
  } catch (err) {
    if (!(err instanceof UserError) && err instanceof Error && err.stack) runner.debug(err.stack);
    report.error = errorMessage(err);
    runner.setFailed(report.error);
  }
  try {
    // A run that failed before any phase (bad input) has nothing worth a summary but the error.
    await rt?.writeSummary?.(renderSummary(report));
  } catch (err) {
    runner.warning(`The job summary could not be written: ${errorMessage(err)}`);
  }
}

await main();
// A cache call abandoned at its deadline may still hold timers: the step is over.
process.exit(process.exitCode ?? 0);
