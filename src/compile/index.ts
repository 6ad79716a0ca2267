import type { Logger } from '../runtime/ports.js';
import { show } from '../trust/log-text.js';
import type { GoEnv } from './go-env.js';
import type { BuildJob } from './job.js';
import { buildGomod, gomodTargets } from './gomod.js';
import { buildGopath } from './gopath.js';
import { runHerokuHook, runHook } from './hooks.js';
import { buildMakefile } from './makefile.js';
import type { BuildResult } from './targets.js';

export interface Build extends BuildResult {
  /** The import path the sources live under in a GOPATH layout (setup-gopath-in-image). */
  importPath: string;
}

/**
 * Runs the detected method between the hooks, in Heroku's order: what to build is found first
 * (`go list -find`, which resolves no dependency), then pre-build-hook and bin/go-pre-compile,
 * the build, then bin/go-post-compile and post-build-hook.
 */
export async function build(
  plan: BuildJob,
  goVersion: string,
  genv: GoEnv,
  log: Logger,
): Promise<Build> {
  const { inputs, detection } = plan;
  const dir = inputs.appDir;
  // What to build is known before any hook runs (Heroku's order): a hook that generates code
  // changes what is compiled, not what is chosen.
  const targets = plan.gomod
    ? await gomodTargets(inputs, detection, plan.gomod, genv, log)
    : undefined;
  const hookEnv = { ...genv.env, SOURCE_VERSION: genv.env.SOURCE_VERSION ?? inputs.linkerValue };
  if (inputs.preBuildHook) await runHook('pre-build-hook', inputs.preBuildHook, dir, hookEnv, log);
  const preCompiled = await runHerokuHook('go-pre-compile', dir, hookEnv, log);

  let result: BuildResult;
  if (targets) {
    // A hook may have changed the packages since they were listed: then Go is asked again.
    const hooked = Boolean(inputs.preBuildHook) || preCompiled;
    result = await buildGomod(inputs, targets, genv, log, !hooked);
  } else if (plan.gopath) {
    result = (await buildGopath(inputs, detection.method, plan.gopath, goVersion, genv, log))
      .result;
  } else {
    result = await buildMakefile(inputs, genv, log);
  }
  log.info(
    `Installed the following binaries:\n${result.binaries.map((b) => `  ${show(b.path)}`).join('\n')}`,
  );

  await runHerokuHook('go-post-compile', dir, hookEnv, log);
  if (inputs.postBuildHook)
    await runHook('post-build-hook', inputs.postBuildHook, dir, hookEnv, log);
  return { ...result, importPath: plan.importPath };
}
